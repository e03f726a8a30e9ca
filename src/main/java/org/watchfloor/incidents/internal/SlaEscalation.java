package org.watchfloor.incidents.internal;

import java.util.Set;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;
import org.watchfloor.alerts.Severity;

/**
 * A stage ran past its SLA: the breach is recorded on the incident and the stage's open tasks go to the SOC leads as
 * well. The tasks stay where they are; the SLA timer does not interrupt the work.
 * Public because the process calls it in an expression, which needs a public class.
 */
@Component("slaBreach")
public class SlaEscalation {

    static final String SOC_LEADS = "soc-leads";

    private final IncidentChanges changes;
    private final TaskService tasks;

    SlaEscalation(IncidentChanges changes, TaskService tasks) {
        this.changes = changes;
        this.tasks = tasks;
    }

    public void record(DelegateExecution execution, String stage) {
        long number = (Long) execution.getVariable(IncidentProcess.NUMBER);
        Severity severity = Severity.of((String) execution.getVariable("severity")).orElseThrow();
        changes.slaBreached(number, stage, severity, (String) execution.getVariable(stage + "Sla"));
        Set<String> stageTasks = "triage".equals(stage) ? IncidentProcess.TRIAGE_TASKS : Set.of("TakeRemediationAction");
        tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId()).list().stream()
                .filter(t -> stageTasks.contains(t.getTaskDefinitionKey()))
                .forEach(t -> tasks.addCandidateGroup(t.getId(), SOC_LEADS));
        execution.setVariable("slaBreached", true);
    }
}
