package org.watchfloor.incidents.internal;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * An investigation task's findings become an incident comment, headed by the task they came from.
 * Public because the process calls it in an expression, which needs a public class.
 */
@Component("findings")
public class Findings {

    private final IncidentChanges changes;
    private final Actors actors;

    Findings(IncidentChanges changes, Actors actors) {
        this.changes = changes;
        this.actors = actors;
    }

    public void record(DelegateTask task, String variable) {
        String text = TaskInput.text(task, variable, true);
        long number = (Long) task.getVariable(IncidentProcess.NUMBER);
        changes.comment(number, TaskInput.completedBy(task, actors), task.getName() + ": " + text);
    }
}
