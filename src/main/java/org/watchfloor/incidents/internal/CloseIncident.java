package org.watchfloor.incidents.internal;

import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.watchfloor.alerts.TriageStatus;
import org.watchfloor.incidents.Classification;

/**
 * Closes the incident with the classification, alert status and comment the closing path left in the process, then
 * lets the automation rules react to the closing (to sync the alert status, say).
 */
@Component("closeIncident")
class CloseIncident implements JavaDelegate {

    private final IncidentChanges changes;
    private final IncidentAutomation automation;

    CloseIncident(IncidentChanges changes, IncidentAutomation automation) {
        this.changes = changes;
        this.automation = automation;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long number = (Long) execution.getVariable(IncidentProcess.NUMBER);
        Object closedBy = execution.getVariable("closedBy");
        changes.close(number, Classification.valueOf((String) execution.getVariable("classification")),
                TriageStatus.valueOf((String) execution.getVariable("alertStatus")),
                (String) execution.getVariable("closingComment"),
                closedBy == null ? Actors.WATCHFLOOR : closedBy.toString());
        automation.runQuietly(number, Set.of("status", "classification"));
    }
}
