package org.watchfloor.incidents.internal;

import java.util.Set;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;
import org.watchfloor.alerts.Severity;
import org.watchfloor.incidents.internal.playbook.IncidentNotifier;

/**
 * A stage ran past its SLA: the breach is recorded on the incident, the stage's open tasks go to the SOC leads as
 * well, and the SOC leads are mailed. The tasks stay where they are; the SLA timer does not interrupt the work.
 * Public because the process calls it in an expression, which needs a public class.
 */
@Component("slaBreach")
public class SlaEscalation {

    static final String SOC_LEADS = "soc-leads";

    private final IncidentChanges changes;
    private final TaskService tasks;
    private final IncidentNotifier notifier;

    SlaEscalation(IncidentChanges changes, TaskService tasks, IncidentNotifier notifier) {
        this.changes = changes;
        this.tasks = tasks;
        this.notifier = notifier;
    }

    public void record(DelegateExecution execution, String stage) {
        long number = (Long) execution.getVariable(IncidentProcess.NUMBER);
        Severity severity = Severity.of((String) execution.getVariable("severity")).orElseThrow();
        String due = (String) execution.getVariable(stage + "Sla");
        changes.slaBreached(number, stage, severity, due);
        Set<String> stageTasks = "triage".equals(stage) ? IncidentProcess.TRIAGE_TASKS : Set.of("TakeRemediationAction");
        tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId()).list().stream()
                .filter(t -> stageTasks.contains(t.getTaskDefinitionKey()))
                .forEach(t -> tasks.addCandidateGroup(t.getId(), SOC_LEADS));
        execution.setVariable("slaBreached", true);
        notifier.notifyGroup(SOC_LEADS, number, "SLA breached: " + stage + " overdue",
                "The " + stage + " of this " + severity.label() + " incident was due within " + due
                        + " and is not done. Its open tasks are offered to the SOC leads as well.");
    }
}
