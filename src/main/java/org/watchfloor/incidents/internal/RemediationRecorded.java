package org.watchfloor.incidents.internal;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** The actions the OT engineer took go on the incident's record. */
@Component("remediationRecorded")
class RemediationRecorded implements TaskListener {

    private final IncidentChanges changes;
    private final Actors actors;

    RemediationRecorded(IncidentChanges changes, Actors actors) {
        this.changes = changes;
        this.actors = actors;
    }

    @Override
    public void notify(DelegateTask task) {
        String actions = TaskInput.text(task, "actionsTaken", true);
        long number = (Long) task.getVariable(IncidentProcess.NUMBER);
        changes.comment(number, TaskInput.completedBy(task, actors), "Remediation actions taken: " + actions);
    }
}
