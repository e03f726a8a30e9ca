package org.watchfloor.alerts;

import java.time.Instant;
import java.util.List;

/**
 * Published after a batch of alerts has been committed: the alerts seen for the first time, and the ids of those a
 * later row updated. A new alert comes as stored, equal to what {@link AlertQueries} reads for it at commit, so a
 * listener need not read it back; updated alerts are read through {@link AlertQueries}.
 */
public record AlertsReceived(IntakePath path, List<NewAlert> newAlerts, List<String> updatedAlertIds) {

    /** An alert stored for the first time, and when it was first seen: its batch's earliest row of it. */
    public record NewAlert(SecurityAlert alert, Instant firstSeen) {
    }

    public AlertsReceived {
        newAlerts = List.copyOf(newAlerts);
        updatedAlertIds = List.copyOf(updatedAlertIds);
    }

    public List<String> newAlertIds() {
        return newAlerts.stream().map(a -> a.alert().systemAlertId()).toList();
    }
}
