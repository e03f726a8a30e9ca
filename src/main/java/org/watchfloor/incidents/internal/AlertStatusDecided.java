package org.watchfloor.incidents.internal;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.watchfloor.alerts.TriageStatus;
import org.watchfloor.incidents.Classification;

/** Checks the closing decision before the task completes, so the incident closes with valid values only. */
@Component("alertStatusDecided")
class AlertStatusDecided implements TaskListener {

    private final Actors actors;

    AlertStatusDecided(Actors actors) {
        this.actors = actors;
    }

    @Override
    public void notify(DelegateTask task) {
        task.setVariable("classification", TaskInput.choice(task, "classification", Classification.class).name());
        task.setVariable("alertStatus", TaskInput.choice(task, "alertStatus", TriageStatus.class).name());
        task.setVariable("closingComment", TaskInput.text(task, "closingComment", true));
        task.setVariable("closedBy", TaskInput.completedBy(task, actors));
    }
}
