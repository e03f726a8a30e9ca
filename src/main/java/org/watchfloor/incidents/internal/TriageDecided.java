package org.watchfloor.incidents.internal;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.watchfloor.alerts.TriageStatus;
import org.watchfloor.incidents.Classification;

/**
 * The triage decision (or the SOC lead's after an escalation): false positive and benign close the incident at once,
 * with the classification and alert status they stand for; investigate and escalate go on.
 */
@Component("triageDecided")
class TriageDecided implements TaskListener {

    private final IncidentChanges changes;
    private final Actors actors;

    TriageDecided(IncidentChanges changes, Actors actors) {
        this.changes = changes;
        this.actors = actors;
    }

    @Override
    public void notify(DelegateTask task) {
        TriageOutcome outcome = TaskInput.choice(task, "triageOutcome", TriageOutcome.class);
        if (outcome == TriageOutcome.escalate && !"Triage".equals(task.getTaskDefinitionKey())) {
            throw new BadUserRequestException("an escalated incident is decided here: false positive, benign or "
                    + "investigate");
        }
        long number = (Long) task.getVariable(IncidentProcess.NUMBER);
        String by = TaskInput.completedBy(task, actors);
        changes.activate(number, by);
        String comment = TaskInput.text(task, "triageComment", false);
        task.setVariable("triageOutcome", outcome.name());
        switch (outcome) {
            case falsePositive -> closing(task, Classification.FalsePositive, TriageStatus.Closed, comment, by,
                    "Closed at triage as a false positive");
            case benign -> closing(task, Classification.BenignPositive,
                    TaskInput.flag(task, "learn") ? TriageStatus.Learn : TriageStatus.Closed, comment, by,
                    "Closed at triage as benign");
            case escalate -> changes.comment(number, by, "Escalated to the SOC leads"
                    + (comment == null ? "" : ": " + comment));
            case investigate -> {
                if (comment != null) {
                    changes.comment(number, by, comment);
                }
            }
        }
    }

    private static void closing(DelegateTask task, Classification classification, TriageStatus alertStatus,
                                String comment, String by, String defaultComment) {
        task.setVariable("classification", classification.name());
        task.setVariable("alertStatus", alertStatus.name());
        task.setVariable("closingComment", comment == null ? defaultComment : comment);
        task.setVariable("closedBy", by);
    }

    enum TriageOutcome {
        falsePositive, benign, investigate, escalate
    }
}
