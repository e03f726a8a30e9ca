package org.watchfloor.incidents;

import java.util.List;
import org.watchfloor.alerts.Severity;

/** Published after commit when correlation opened an incident. */
public record IncidentOpened(long number, String title, Severity severity, List<String> systemAlertIds) {

    public IncidentOpened {
        systemAlertIds = List.copyOf(systemAlertIds);
    }
}
