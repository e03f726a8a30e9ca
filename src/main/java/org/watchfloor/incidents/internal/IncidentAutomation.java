package org.watchfloor.incidents.internal;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.watchfloor.alerts.AlertQueries;
import org.watchfloor.alerts.IotDevice;
import org.watchfloor.alerts.SecurityAlert;
import org.watchfloor.alerts.Severity;
import org.watchfloor.alerts.StoredAlert;
import org.watchfloor.incidents.automation.AutomationAction;
import org.watchfloor.incidents.automation.AutomationRules;
import org.watchfloor.incidents.automation.AutomationTrigger;
import org.watchfloor.incidents.automation.TriggeredIncident;

/**
 * Carries out what the automation rules decide for an incident. Every action is audited under the rule's name. A
 * rule's close is handed back to the caller, who closes through the process; a playbook that is not deployed is
 * reported on the incident instead of failing the trigger.
 */
@Component
class IncidentAutomation {

    static final String AUTOMATION_TASK_GROUP = "soc-analysts";

    private static final Logger log = LoggerFactory.getLogger(IncidentAutomation.class);

    private final AutomationRules rules;
    private final IncidentChanges changes;
    private final IncidentStore incidents;
    private final AlertQueries alerts;
    private final RuntimeService runtime;
    private final RepositoryService repository;
    private final TaskService tasks;

    IncidentAutomation(AutomationRules rules, IncidentChanges changes, IncidentStore incidents, AlertQueries alerts,
                       RuntimeService runtime, RepositoryService repository, TaskService tasks) {
        this.rules = rules;
        this.changes = changes;
        this.incidents = incidents;
        this.alerts = alerts;
        this.runtime = runtime;
        this.repository = repository;
        this.tasks = tasks;
    }

    /** What running the rules did that the caller carries on with. */
    record Outcome(boolean raisedToHigh, Optional<AutomationAction> close) {
    }

    Outcome run(long number, AutomationTrigger trigger, Set<String> changed) {
        IncidentRow incident = changes.lock(number);
        boolean raisedToHigh = false;
        Optional<AutomationAction> close = Optional.empty();
        for (AutomationAction action : rules.evaluate(fact(incident, trigger, changed))) {
            String by = "automation rule '" + action.rule() + "'";
            switch (action.kind()) {
                case ASSIGN_OWNER -> changes.changeOwner(number, action.value(), by);
                case ADD_TAG -> changes.addTag(number, action.value(), by);
                case CHANGE_SEVERITY -> raisedToHigh |= changes.changeSeverity(number,
                        Severity.of(action.value()).orElseThrow(() -> new IllegalArgumentException(by
                                + " sets an unknown severity '" + action.value() + "'")), by);
                case ADD_TASK -> addTask(incident, action.value(), by);
                case RUN_PLAYBOOK -> runPlaybook(number, action.value(), by);
                case CLOSE -> close = close.or(() -> Optional.of(action));
            }
        }
        return new Outcome(raisedToHigh, close);
    }

    /**
     * Runs the rules for a change made outside the lifecycle's automation steps (a closing, a change through the
     * API). A failing rule is reported on the incident, never undoing the change; a close action is moot on a closed
     * incident and otherwise answered for the caller to carry out.
     */
    Optional<AutomationAction> runQuietly(long number, Set<String> changed) {
        try {
            return run(number, AutomationTrigger.UPDATED, changed).close();
        } catch (RuntimeException e) {
            log.error("The automation rules failed on incident {}: {}", number, e.getMessage(), e);
            changes.comment(number, Actors.WATCHFLOOR, "Automation rules failed: " + e.getMessage());
            return Optional.empty();
        }
    }

    private TriggeredIncident fact(IncidentRow incident, AutomationTrigger trigger, Set<String> changed) {
        List<String> ids = incidents.alerts(incident.id()).stream().map(AlertRef::systemAlertId).toList();
        Set<String> names = new LinkedHashSet<>();
        Map<String, IotDevice> devices = new LinkedHashMap<>();
        for (StoredAlert stored : alerts.findAll(ids)) {
            SecurityAlert alert = stored.alert();
            if (alert.alertName() != null) {
                names.add(alert.alertName());
            }
            alert.devices().forEach(d -> devices.putIfAbsent(d.deviceId() + "|" + d.name() + "|" + d.ipAddress(), d));
        }
        return new TriggeredIncident(trigger, incident.number(), incident.title(), incident.severity(),
                incident.status(), incident.classification() == null ? null : incident.classification().name(),
                incident.owner(), Set.copyOf(incident.tags()), incident.sites(), names,
                List.copyOf(devices.values()), incident.multistageHost(), changed);
    }

    /** A task beside the lifecycle's own, found by the incident number it carries. */
    private void addTask(IncidentRow incident, String title, String by) {
        Task task = tasks.newTask();
        task.setName(title);
        task.setDescription("Incident " + incident.number() + ": " + incident.title() + " (added by " + by + ")");
        tasks.saveTask(task);
        tasks.addCandidateGroup(task.getId(), AUTOMATION_TASK_GROUP);
        tasks.setVariableLocal(task.getId(), IncidentProcess.NUMBER, incident.number());
        changes.comment(incident.number(), by, "Task added: " + title);
    }

    private void runPlaybook(long number, String processKey, String by) {
        if (repository.createProcessDefinitionQuery().processDefinitionKey(processKey).count() == 0) {
            log.error("{} runs the playbook '{}', which is not deployed; check processes/", by, processKey);
            changes.comment(number, by, "Playbook " + processKey + " could not run: no such process is deployed");
            return;
        }
        runtime.startProcessInstanceByKey(processKey, IncidentProcess.businessKey(number),
                Map.of(IncidentProcess.NUMBER, number));
        changes.comment(number, by, "Playbook " + processKey + " started");
    }
}
