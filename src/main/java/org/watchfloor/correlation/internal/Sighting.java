package org.watchfloor.correlation.internal;

import java.time.Instant;
import org.watchfloor.alerts.AlertsReceived;
import org.watchfloor.alerts.SecurityAlert;
import org.watchfloor.alerts.StoredAlert;

/** An alert with the time it was first seen, the time correlation decides it at. */
record Sighting(SecurityAlert alert, Instant firstSeen) {

    static Sighting of(StoredAlert stored) {
        return new Sighting(stored.alert(), stored.firstSeen());
    }

    static Sighting of(AlertsReceived.NewAlert received) {
        return new Sighting(received.alert(), received.firstSeen());
    }

    /** A row read from a file: its own {@code TimeGenerated} is when it was seen. */
    static Sighting of(SecurityAlert alert) {
        return new Sighting(alert, alert.timeGenerated());
    }
}
