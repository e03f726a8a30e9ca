package org.watchfloor.incidents.internal;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.watchfloor.incidents.internal.playbook.IncidentNotifier;

/** A High incident is the SOC leads' business too: its open tasks are offered to them and they are mailed. */
@Component("severityRaisedToHigh")
class SeverityRaisedToHigh implements JavaDelegate {

    private final TaskService tasks;
    private final IncidentNotifier notifier;

    SeverityRaisedToHigh(TaskService tasks, IncidentNotifier notifier) {
        this.tasks = tasks;
        this.notifier = notifier;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable("severity", "High");
        tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId()).list()
                .forEach(t -> tasks.addCandidateGroup(t.getId(), SlaEscalation.SOC_LEADS));
        notifier.notifyGroup(SlaEscalation.SOC_LEADS, (Long) execution.getVariable(IncidentProcess.NUMBER),
                "Severity raised to High", "This incident is High now; its open tasks are offered to the SOC leads.");
    }
}
