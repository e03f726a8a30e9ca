package org.watchfloor.incidents.internal;

import java.time.Instant;
import java.util.List;

/** An alert as an incident holds it: its id, its name, the time correlation placed it at and its MITRE techniques. */
record AlertRef(String systemAlertId, String alertName, Instant time, List<String> techniques) {

    AlertRef {
        techniques = techniques == null ? List.of() : List.copyOf(techniques);
    }
}
