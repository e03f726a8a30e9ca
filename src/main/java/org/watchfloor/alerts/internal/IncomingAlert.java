package org.watchfloor.alerts.internal;

import java.time.Instant;
import java.util.List;
import org.watchfloor.alerts.IntakePath;
import org.watchfloor.alerts.SecurityAlert;

/** A valid row on its way into the store, with what the store records beside the alert itself. */
record IncomingAlert(SecurityAlert alert, List<String> warnings, String raw, IntakePath path, Instant receivedAt) {

    String systemAlertId() {
        return alert.systemAlertId();
    }

    Instant timeGenerated() {
        return alert.timeGenerated();
    }
}
