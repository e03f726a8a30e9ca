package org.watchfloor.incidents.internal;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Claiming the triage makes the incident Active and its claimer the owner. */
@Component("incidentClaimed")
class IncidentClaimed implements TaskListener {

    private final IncidentChanges changes;
    private final Actors actors;

    IncidentClaimed(IncidentChanges changes, Actors actors) {
        this.changes = changes;
        this.actors = actors;
    }

    @Override
    public void notify(DelegateTask task) {
        String assignee = task.getAssignee();
        if (assignee == null) {
            return;
        }
        long number = (Long) task.getVariable(IncidentProcess.NUMBER);
        String by = actors.current().equals(Actors.WATCHFLOOR) ? assignee : actors.current();
        changes.activate(number, by);
        changes.changeOwner(number, assignee, by);
        task.setVariable("owner", assignee);
    }
}
