package org.watchfloor.incidents.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.camunda.bpm.engine.TaskService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.watchfloor.alerts.AlertQueries;
import org.watchfloor.alerts.AlertTriage;
import org.watchfloor.alerts.SecurityAlert;
import org.watchfloor.alerts.Severity;
import org.watchfloor.alerts.StoredAlert;
import org.watchfloor.alerts.TriageStatus;
import org.watchfloor.incidents.Classification;
import org.watchfloor.incidents.Comment;
import org.watchfloor.incidents.IncidentStatus;
import org.watchfloor.incidents.LearnedBaseline;
import org.watchfloor.incidents.TrafficLearned;

/**
 * The one place an incident's status, owner, severity and classification change, each change audited. The process's
 * listeners and delegates and the incident API all come here, so the incident and its process always agree.
 */
@Service
@Transactional
class IncidentChanges {

    private final IncidentStore incidents;
    private final LifecycleStore lifecycle;
    private final AlertQueries alerts;
    private final AlertTriage triage;
    private final TaskService tasks;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    IncidentChanges(IncidentStore incidents, LifecycleStore lifecycle, AlertQueries alerts, AlertTriage triage,
                    TaskService tasks, ApplicationEventPublisher events, Clock clock) {
        this.incidents = incidents;
        this.lifecycle = lifecycle;
        this.alerts = alerts;
        this.triage = triage;
        this.tasks = tasks;
        this.events = events;
        this.clock = clock;
    }

    /** The incident, locked until the transaction ends so changes to it take turns. */
    IncidentRow lock(long number) {
        return incidents.lock(number).orElseThrow(() -> new NoSuchElementException("no incident " + number));
    }

    /** Someone took the incident on: a New incident becomes Active, and its time to triage ends. */
    void activate(long number, String by) {
        IncidentRow incident = lock(number);
        if (incident.status() == IncidentStatus.New) {
            Instant now = clock.instant();
            lifecycle.setStatus(number, IncidentStatus.Active, now);
            lifecycle.markTriaged(number, now);
            lifecycle.audit(number, by, "status", incident.status(), IncidentStatus.Active, now);
        }
    }

    void changeOwner(long number, String owner, String by) {
        IncidentRow incident = lock(number);
        if (!Objects.equals(incident.owner(), owner)) {
            Instant now = clock.instant();
            lifecycle.setOwner(number, owner, now);
            lifecycle.audit(number, by, "owner", incident.owner(), owner, now);
        }
    }

    /** Answers whether the change raised the incident to High. */
    boolean changeSeverity(long number, Severity severity, String by) {
        IncidentRow incident = lock(number);
        if (incident.severity() == severity) {
            return false;
        }
        Instant now = clock.instant();
        lifecycle.setSeverity(number, severity, now);
        lifecycle.audit(number, by, "severity", incident.severity(), severity, now);
        return severity == Severity.HIGH;
    }

    void addTag(long number, String tag, String by) {
        IncidentRow incident = lock(number);
        if (!incident.tags().contains(tag)) {
            List<String> tags = new ArrayList<>(incident.tags());
            tags.add(tag);
            Instant now = clock.instant();
            lifecycle.setTags(number, tags, now);
            lifecycle.audit(number, by, "tags", String.join(", ", incident.tags()), String.join(", ", tags), now);
        }
    }

    /** Changes the classification of a closed incident (closing sets it; see {@link #close}). */
    void reclassify(long number, Classification classification, String by) {
        IncidentRow incident = lock(number);
        if (incident.status() != IncidentStatus.Closed) {
            throw new IncidentConflict("incident " + number + " is " + incident.status()
                    + ": a classification is given when closing it (status Closed)");
        }
        if (incident.classification() != classification) {
            Instant now = clock.instant();
            lifecycle.setClassification(number, classification, now);
            lifecycle.audit(number, by, "classification", incident.classification(), classification, now);
        }
    }

    /**
     * Closes the incident with a classification: its alerts take the triage status, Learn adds their traffic to the
     * baseline, and the comment says why.
     */
    void close(long number, Classification classification, TriageStatus alertStatus, String comment, String by) {
        IncidentRow incident = lock(number);
        if (incident.status() == IncidentStatus.Closed) {
            return;
        }
        Instant now = clock.instant();
        if (incident.status() == IncidentStatus.New) {
            lifecycle.markTriaged(number, now);
        }
        lifecycle.close(number, classification, now);
        lifecycle.audit(number, by, "status", incident.status(), IncidentStatus.Closed, now);
        lifecycle.audit(number, by, "classification", incident.classification(), classification, now);
        List<String> alertIds = incidents.alerts(incident.id()).stream().map(AlertRef::systemAlertId).toList();
        triage.record(alertIds, alertStatus, now);
        if (alertStatus == TriageStatus.Learn) {
            learn(number, alertIds, by, now);
        }
        if (comment != null && !comment.isBlank()) {
            lifecycle.addComment(number, by, comment.strip(), now);
        }
        // the tasks automation rules added beside the lifecycle are done with the incident
        tasks.createTaskQuery().taskVariableValueEquals(IncidentProcess.NUMBER, number).list()
                .forEach(task -> tasks.complete(task.getId()));
    }

    /** A closed incident becomes Active again and gets a new lifecycle process; its history stays. */
    void reopen(long number, String by) {
        IncidentRow incident = lock(number);
        if (incident.status() == IncidentStatus.Closed) {
            Instant now = clock.instant();
            lifecycle.reopen(number, now);
            lifecycle.audit(number, by, "status", incident.status(), IncidentStatus.Active, now);
        }
    }

    Comment comment(long number, String author, String text) {
        lock(number);
        return lifecycle.addComment(number, author, text.strip(), clock.instant());
    }

    void slaBreached(long number, String stage, Severity severity, String dueAfter) {
        lock(number);
        Instant now = clock.instant();
        lifecycle.recordSlaBreach(number, stage, severity, dueAfter, now);
        lifecycle.audit(number, Actors.WATCHFLOOR, "sla", null, stage + " SLA of " + dueAfter + " breached", now);
    }

    /** Each alert's traffic (alert name between two addresses) joins the baseline; alerts without both ends can't. */
    private void learn(long number, List<String> alertIds, String by, Instant now) {
        List<LearnedBaseline.Entry> learned = new ArrayList<>();
        for (StoredAlert stored : alerts.findAll(alertIds)) {
            SecurityAlert alert = stored.alert();
            String source = alert.details().sourceDeviceAddress();
            String destination = alert.details().destinationDeviceAddress();
            if (alert.alertName() != null && source != null && destination != null) {
                lifecycle.learn(alert.alertName(), source, destination, by, number, alert.systemAlertId(), now);
                learned.add(new LearnedBaseline.Entry(alert.alertName(), source, destination, now, by, number));
            }
        }
        if (!learned.isEmpty()) {
            events.publishEvent(new TrafficLearned(learned));
        }
    }
}
