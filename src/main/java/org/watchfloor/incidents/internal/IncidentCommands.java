package org.watchfloor.incidents.internal;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.watchfloor.alerts.Severity;
import org.watchfloor.alerts.TriageStatus;
import org.watchfloor.incidents.Classification;
import org.watchfloor.incidents.Comment;
import org.watchfloor.incidents.IncidentStatus;
import org.watchfloor.incidents.automation.AutomationAction;

/**
 * What users change on an incident through the API, carried out through its lifecycle process where one runs: closing
 * ends the process the way the closing task does, taking an incident on claims its triage.
 */
@Service
@Transactional
class IncidentCommands {

    private final IncidentChanges changes;
    private final IncidentProcess process;
    private final RuntimeService runtime;
    private final ApplicationEventPublisher events;
    private final IncidentAutomation automation;

    IncidentCommands(IncidentChanges changes, IncidentProcess process, RuntimeService runtime,
                     ApplicationEventPublisher events, IncidentAutomation automation) {
        this.changes = changes;
        this.process = process;
        this.runtime = runtime;
        this.events = events;
        this.automation = automation;
    }

    void patch(long number, IncidentPatch patch, String by) {
        if (patch.isEmpty()) {
            throw new IllegalArgumentException("nothing to change: send status, owner, severity, classification "
                    + "or comment");
        }
        IncidentRow incident = changes.lock(number);
        IncidentStatus status = patch.status() == null ? null : parse(IncidentStatus.class, "status", patch.status());
        Severity severity = patch.severity() == null ? null : Severity.of(patch.severity()).orElseThrow(
                () -> new IllegalArgumentException("unknown severity '" + patch.severity()
                        + "': use Informational, Low, Medium or High"));
        Classification classification = patch.classification() == null ? null
                : parse(Classification.class, "classification", patch.classification());
        TriageStatus alertStatus = patch.alertStatus() == null ? TriageStatus.Closed
                : parse(TriageStatus.class, "alertStatus", patch.alertStatus());
        boolean closing = status == IncidentStatus.Closed && incident.status() != IncidentStatus.Closed;
        if (closing && classification == null) {
            throw new IllegalArgumentException("closing an incident needs a classification: "
                    + Arrays.toString(Classification.values()));
        }
        if (classification != null && status != IncidentStatus.Closed && incident.status() != IncidentStatus.Closed) {
            throw new IllegalArgumentException("a classification is given when closing (status Closed)");
        }
        if (status == IncidentStatus.New && incident.status() != IncidentStatus.New) {
            throw new IncidentConflict("incident " + number + " is " + incident.status()
                    + " and cannot go back to New");
        }
        if (patch.owner() != null && patch.owner().isBlank()) {
            throw new IllegalArgumentException("owner must not be blank");
        }

        Set<String> changed = new LinkedHashSet<>();
        if (severity != null && severity != incident.severity()) {
            changed.add("severity");
            if (changes.changeSeverity(number, severity, by)) {
                process.tell(number, IncidentProcess.SEVERITY_RAISED_TO_HIGH);
            }
            process.running(number).ifPresent(p -> runtime.setVariable(p.getId(), "severity", severity.label()));
        }
        if (patch.owner() != null) {
            changed.add("owner");
            changes.changeOwner(number, patch.owner().strip(), by);
            if (incident.status() != IncidentStatus.Closed) {
                process.assignTriage(number, patch.owner().strip());
            }
        }
        if (closing) {
            close(number, classification, alertStatus, patch.comment(), by);
            return;
        }
        if (status == IncidentStatus.Active && incident.status() != IncidentStatus.Active) {
            changed.add("status");
            activate(number, by);
        }
        if (classification != null) {
            changed.add("classification");
            changes.reclassify(number, classification, by);
        }
        if (patch.comment() != null && !patch.comment().isBlank()) {
            changed.add("comment");
            changes.comment(number, by, patch.comment());
        }
        if (!changed.isEmpty()) {
            automation.runQuietly(number, changed).ifPresent(rule -> closeByRule(number, rule));
        }
    }

    /** Closes through the process where one runs (its closing step lets the automation rules react), else directly. */
    private void close(long number, Classification classification, TriageStatus alertStatus, String comment,
                       String by) {
        if (!process.close(number, classification, alertStatus, comment, by)) {
            changes.close(number, classification, alertStatus, comment, by);
            automation.runQuietly(number, Set.of("status", "classification"));
        }
    }

    private void closeByRule(long number, AutomationAction rule) {
        String by = "automation rule '" + rule.rule() + "'";
        Arrays.stream(Classification.values()).filter(c -> c.name().equalsIgnoreCase(rule.value())).findFirst()
                .ifPresentOrElse(c -> close(number, c, TriageStatus.Closed,
                                rule.comment() == null ? "Closed by " + by : rule.comment(), by),
                        () -> changes.comment(number, by, "Could not close: unknown classification '"
                                + rule.value() + "'"));
    }

    Comment comment(long number, String text, String by) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a comment needs text");
        }
        return changes.comment(number, by, text);
    }

    /** Active means someone took the incident on; a closed incident taken on again gets a new process. */
    private void activate(long number, String by) {
        switch (changes.lock(number).status()) {
            case Closed -> {
                changes.reopen(number, by);
                events.publishEvent(new LifecycleWanted(number));
            }
            case New -> {
                if (!process.assignTriage(number, by)) {
                    changes.activate(number, by);
                }
            }
            case Active -> {
            }
        }
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String field, String text) {
        return Arrays.stream(type.getEnumConstants())
                .filter(e -> e.name().toLowerCase(Locale.ROOT).equals(text.strip().toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown " + field + " '" + text + "': use one of "
                        + Arrays.toString(type.getEnumConstants())));
    }

    /** An incident was reopened by a user and waits for its new lifecycle process. */
    record LifecycleWanted(long number) {
    }
}
