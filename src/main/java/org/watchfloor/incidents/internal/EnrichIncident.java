package org.watchfloor.incidents.internal;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.watchfloor.alerts.Severity;

/** Puts what the analysts need into the process: the briefing for the forms and the SLAs of the severity. */
@Component("enrichIncident")
class EnrichIncident implements JavaDelegate {

    private final IncidentBriefing briefing;
    private final LifecycleProperties properties;

    EnrichIncident(IncidentBriefing briefing, LifecycleProperties properties) {
        this.briefing = briefing;
        this.properties = properties;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long number = (Long) execution.getVariable(IncidentProcess.NUMBER);
        var variables = briefing.of(number);
        execution.setVariables(variables);
        Severity severity = Severity.of((String) variables.get("severity")).orElseThrow();
        execution.setVariable("triageSla", properties.sla().of("triage", severity).orElse(null));
        execution.setVariable("remediationSla", properties.sla().of("remediation", severity).orElse(null));
    }
}
