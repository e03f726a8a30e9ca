package org.watchfloor.incidents.internal;

import java.time.Instant;

/** An alert as an incident holds it: its id, its name and the time correlation placed it at. */
record AlertRef(String systemAlertId, String alertName, Instant time) {
}
