package org.watchfloor.incidents;

import java.util.List;
import org.watchfloor.alerts.Severity;

/** Published after commit when alerts joined an existing incident; the severity is the incident's after it. */
public record AlertsAttached(long number, List<String> systemAlertIds, Severity severity, boolean severityRaised) {

    public AlertsAttached {
        systemAlertIds = List.copyOf(systemAlertIds);
    }
}
