package org.watchfloor.incidents.internal;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.watchfloor.alerts.AlertQueries;
import org.watchfloor.alerts.IotDevice;
import org.watchfloor.alerts.Severity;
import org.watchfloor.alerts.StoredAlert;
import org.watchfloor.incidents.IncidentStatus;

/**
 * The auto-triage playbook: a New incident on a device of High importance (Defender for IoT's crown jewels) becomes
 * High, is tagged {@code crown-jewel} and goes to the SOC leads through its lifecycle; one whose devices are all of
 * Low importance is tagged {@code low-importance-devices} so analysts can take it later. An incident already taken on
 * is left as the analysts have it. Sets {@code triage}: escalated, deprioritised or unchanged.
 */
@Component("autoTriageByImportance")
class AutoTriageByImportance implements JavaDelegate {

    static final String BY = "playbook auto-triage by device importance";

    private final IncidentChanges changes;
    private final IncidentStore incidents;
    private final AlertQueries alerts;
    private final IncidentProcess process;

    AutoTriageByImportance(IncidentChanges changes, IncidentStore incidents, AlertQueries alerts,
                           IncidentProcess process) {
        this.changes = changes;
        this.incidents = incidents;
        this.alerts = alerts;
        this.process = process;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long number = ((Number) execution.getVariable(IncidentProcess.NUMBER)).longValue();
        IncidentRow incident = changes.lock(number);
        List<IotDevice> devices = alerts.findAll(incidents.alerts(incident.id()).stream().map(AlertRef::systemAlertId)
                .toList()).stream().map(StoredAlert::alert).flatMap(a -> a.devices().stream()).toList();
        String triage = "unchanged";
        if (incident.status() == IncidentStatus.New && !devices.isEmpty()) {
            if (devices.stream().anyMatch(d -> "High".equalsIgnoreCase(d.importance()))) {
                changes.addTag(number, "crown-jewel", BY);
                if (changes.changeSeverity(number, Severity.HIGH, BY)) {
                    process.tell(number, IncidentProcess.SEVERITY_RAISED_TO_HIGH);
                }
                triage = "escalated";
            } else if (devices.stream().allMatch(d -> "Low".equalsIgnoreCase(d.importance()))) {
                changes.addTag(number, "low-importance-devices", BY);
                triage = "deprioritised";
            }
        }
        execution.setVariable("triage", triage);
    }
}
