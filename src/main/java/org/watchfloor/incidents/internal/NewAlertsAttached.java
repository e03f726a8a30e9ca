package org.watchfloor.incidents.internal;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** New alerts joined the incident: the forms show them and the severity correlation gave it now. */
@Component("newAlertsAttached")
class NewAlertsAttached implements JavaDelegate {

    private final IncidentBriefing briefing;

    NewAlertsAttached(IncidentBriefing briefing) {
        this.briefing = briefing;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariables(briefing.of((Long) execution.getVariable(IncidentProcess.NUMBER)));
    }
}
