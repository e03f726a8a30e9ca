package org.watchfloor.incidents.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;
import org.watchfloor.alerts.TriageStatus;
import org.watchfloor.incidents.Classification;

/**
 * The incident's lifecycle process as the rest of the module talks to it: one running instance per open incident,
 * its business key the incident number.
 */
@Component
class IncidentProcess {

    static final String KEY = "incident-lifecycle";
    static final String NUMBER = "incidentNumber";

    /** The tasks whose claiming means someone took the incident on. */
    static final Set<String> TRIAGE_TASKS = Set.of("Triage", "ReviewEscalation");

    static final String ALERTS_ATTACHED = "AlertsAttached";
    static final String SEVERITY_RAISED_TO_HIGH = "SeverityRaisedToHigh";
    static final String CLOSE_INCIDENT = "CloseIncident";

    private final RuntimeService runtime;
    private final TaskService tasks;

    IncidentProcess(RuntimeService runtime, TaskService tasks) {
        this.runtime = runtime;
        this.tasks = tasks;
    }

    ProcessInstance start(long number) {
        return runtime.startProcessInstanceByKey(KEY, businessKey(number), Map.of(NUMBER, number));
    }

    Optional<ProcessInstance> running(long number) {
        return Optional.ofNullable(runtime.createProcessInstanceQuery().processDefinitionKey(KEY)
                .processInstanceBusinessKey(businessKey(number)).singleResult());
    }

    /** The open tasks of the incident's lifecycle, and those automation rules added beside it, oldest first. */
    List<Task> openTasks(long number) {
        List<Task> open = new ArrayList<>(tasks.createTaskQuery().processDefinitionKey(KEY)
                .processInstanceBusinessKey(businessKey(number)).initializeFormKeys().orderByTaskCreateTime().asc()
                .list());
        open.addAll(tasks.createTaskQuery().taskVariableValueEquals(NUMBER, number).initializeFormKeys()
                .orderByTaskCreateTime().asc()
                .list());
        return open;
    }

    /** Gives the open triage task to a user, as claiming it in Tasklist would; false when there is none. */
    boolean assignTriage(long number, String user) {
        Optional<Task> triage = openTasks(number).stream()
                .filter(t -> TRIAGE_TASKS.contains(t.getTaskDefinitionKey())).findFirst();
        triage.ifPresent(t -> tasks.setAssignee(t.getId(), user));
        return triage.isPresent();
    }

    /** Closes the incident through its process, which ends; false when no process runs for it. */
    boolean close(long number, Classification classification, TriageStatus alertStatus, String comment, String by) {
        return !runtime.createMessageCorrelation(CLOSE_INCIDENT)
                .processInstanceBusinessKey(businessKey(number))
                .setVariables(Variables.createVariables().putValue("classification", classification.name())
                        .putValue("alertStatus", alertStatus.name()).putValue("closingComment", comment)
                        .putValue("closedBy", by))
                .correlateAllWithResult().isEmpty();
    }

    /** Tells the running process, if any, about an event; answers whether one was told. */
    boolean tell(long number, String message) {
        return !runtime.createMessageCorrelation(message)
                .processInstanceBusinessKey(businessKey(number)).correlateAllWithResult().isEmpty();
    }

    static String businessKey(long number) {
        return Long.toString(number);
    }
}
