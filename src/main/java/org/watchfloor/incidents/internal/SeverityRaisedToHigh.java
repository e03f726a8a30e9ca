package org.watchfloor.incidents.internal;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** A High incident is the SOC leads' business too: its open tasks are offered to them. */
@Component("severityRaisedToHigh")
class SeverityRaisedToHigh implements JavaDelegate {

    private final TaskService tasks;

    SeverityRaisedToHigh(TaskService tasks) {
        this.tasks = tasks;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable("severity", "High");
        tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId()).list()
                .forEach(t -> tasks.addCandidateGroup(t.getId(), SlaEscalation.SOC_LEADS));
    }
}
