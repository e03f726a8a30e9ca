package org.watchfloor.alerts;

import java.util.List;

/**
 * Published after a batch of alerts has been committed: the alerts seen for the first time and those a later row
 * updated. Listeners read the stored alerts through {@link AlertQueries}.
 */
public record AlertsReceived(IntakePath path, List<String> newAlertIds, List<String> updatedAlertIds) {

    public AlertsReceived {
        newAlertIds = List.copyOf(newAlertIds);
        updatedAlertIds = List.copyOf(updatedAlertIds);
    }
}
