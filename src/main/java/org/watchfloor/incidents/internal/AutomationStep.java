package org.watchfloor.incidents.internal;

import java.util.Arrays;
import java.util.Set;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.watchfloor.alerts.Severity;
import org.watchfloor.alerts.TriageStatus;
import org.watchfloor.incidents.Classification;
import org.watchfloor.incidents.automation.AutomationAction;
import org.watchfloor.incidents.automation.AutomationTrigger;

/**
 * The lifecycle's "Apply automation rules" steps: when the incident was created and when alerts joined it. A rule that
 * closes the incident throws the process's {@code automation-close} error, whose event subprocess closes it. A rule
 * that cannot be carried out is reported on the incident and the lifecycle goes on. Public because the process calls
 * it in an expression, which needs a public class.
 */
@Component("automation")
public class AutomationStep {

    static final String CLOSE_ERROR = "automation-close";

    private static final Logger log = LoggerFactory.getLogger(AutomationStep.class);

    private final IncidentAutomation automation;
    private final IncidentChanges changes;
    private final LifecycleProperties properties;
    private final TaskService tasks;

    AutomationStep(IncidentAutomation automation, IncidentChanges changes, LifecycleProperties properties,
                   TaskService tasks) {
        this.automation = automation;
        this.changes = changes;
        this.properties = properties;
        this.tasks = tasks;
    }

    public void onCreated(DelegateExecution execution) {
        run(execution, AutomationTrigger.CREATED, Set.of());
    }

    /** {@code changed}: what changed, as the rules' {@code changed(…)} names it. */
    public void onUpdated(DelegateExecution execution, String changed) {
        run(execution, AutomationTrigger.UPDATED, Set.of(changed));
    }

    private void run(DelegateExecution execution, AutomationTrigger trigger, Set<String> changed) {
        long number = (Long) execution.getVariable(IncidentProcess.NUMBER);
        IncidentAutomation.Outcome outcome;
        try {
            outcome = automation.run(number, trigger, changed);
        } catch (RuntimeException e) {
            log.error("The automation rules failed on incident {}: {}", number, e.getMessage(), e);
            changes.comment(number, Actors.WATCHFLOOR, "Automation rules failed: " + e.getMessage());
            return;
        }
        Severity severity = changes.lock(number).severity();
        execution.setVariable("severity", severity.label());
        if (trigger == AutomationTrigger.CREATED) {
            execution.setVariable("triageSla", properties.sla().of("triage", severity).orElse(null));
            execution.setVariable("remediationSla", properties.sla().of("remediation", severity).orElse(null));
        } else if (outcome.raisedToHigh()) {
            tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId()).list()
                    .forEach(t -> tasks.addCandidateGroup(t.getId(), SlaEscalation.SOC_LEADS));
        }
        if (outcome.close().isPresent()) {
            close(execution, number, outcome.close().get());
        }
    }

    private void close(DelegateExecution execution, long number, AutomationAction close) {
        String by = "automation rule '" + close.rule() + "'";
        Classification classification = Arrays.stream(Classification.values())
                .filter(c -> c.name().equalsIgnoreCase(close.value())).findFirst().orElse(null);
        if (classification == null) {
            changes.comment(number, by, "Could not close: unknown classification '" + close.value() + "'");
            return;
        }
        execution.setVariable("classification", classification.name());
        execution.setVariable("alertStatus", TriageStatus.Closed.name());
        execution.setVariable("closingComment", close.comment() == null ? "Closed by " + by : close.comment());
        execution.setVariable("closedBy", by);
        throw new BpmnError(CLOSE_ERROR, "closed by " + by);
    }
}
