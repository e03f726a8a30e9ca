package org.watchfloor.incidents.internal;

import java.util.List;
import java.util.Objects;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.watchfloor.incidents.internal.playbook.IncidentNotifier;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * New alerts joined the incident: the forms show them and the severity correlation gave it now, and its owner is
 * mailed.
 */
@Component("newAlertsAttached")
class NewAlertsAttached implements JavaDelegate {

    private final IncidentBriefing briefing;
    private final IncidentStore incidents;
    private final IncidentNotifier notifier;

    NewAlertsAttached(IncidentBriefing briefing, IncidentStore incidents, IncidentNotifier notifier) {
        this.briefing = briefing;
        this.incidents = incidents;
        this.notifier = notifier;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long number = (Long) execution.getVariable(IncidentProcess.NUMBER);
        briefing.of(number).forEach((name, value) -> {
            // a text that did not change is not written again: every write is an update and a history row
            if (!Objects.equals(execution.getVariable(name), value)) {
                execution.setVariable(name, value);
            }
        });
        IncidentRow incident = incidents.find(number).orElseThrow();
        if (incident.owner() != null) {
            notifier.notifyUsers(List.of(incident.owner()), number, "New alerts joined your incident",
                    "The incident now holds " + incident.alertCount() + " alerts and is " + incident.severity().label()
                            + ".\n\n" + execution.getVariable("alertsSummary"));
        }
    }
}
