package org.watchfloor.correlation.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.watchfloor.alerts.Severity;
import org.watchfloor.incidents.Explanation;
import org.watchfloor.incidents.IncidentLedger;
import org.watchfloor.incidents.IncidentSnapshot;
import org.watchfloor.incidents.IncidentStatus;

/**
 * A ledger in memory, for replays and benchmarks: the engine decides exactly as it does against the database, and
 * nothing is stored. Like the database, it refuses to put an alert in two incidents. An incident the engine lets go
 * of is handed to the replay's findings and dropped, so that memory stays bounded by the engine's reach; only the
 * ids of decided alerts are kept to the end, in an {@link AlertIdSet}.
 */
final class ReplayLedger implements IncidentLedger {

    /** An incident as the replay reports it. */
    static final class ReplayIncident {
        final long number;
        final String title;
        final String multistageHost;
        Severity severity;
        IncidentStatus status = IncidentStatus.New;
        final Set<String> tags = new LinkedHashSet<>();
        final AlertIds alertIds = new AlertIds();
        final Set<String> entityKeys = new LinkedHashSet<>();
        final Map<String, Integer> alertNames = new HashMap<>();
        final Set<String> rules = new LinkedHashSet<>();
        Instant firstActivity;
        Instant lastActivity;

        ReplayIncident(long number, String title, Severity severity, String multistageHost) {
            this.number = number;
            this.title = title;
            this.severity = severity;
            this.multistageHost = multistageHost;
        }

        /** The incident as the replay's answer lists it, once it is final. */
        Replay.ReplayedIncident answer() {
            return new Replay.ReplayedIncident(number, title, severity, List.copyOf(tags), alertIds,
                    List.copyOf(rules));
        }

        IncidentSnapshot snapshot() {
            return new IncidentSnapshot(number, title, severity, status, tags, entityKeys, alertNames, alertIds.size(),
                    firstActivity, lastActivity, null, multistageHost);
        }
    }

    private final Replay.Findings findings;
    private final Map<Long, ReplayIncident> incidents = new LinkedHashMap<>();
    private final AlertIdSet decided = new AlertIdSet();
    private long incidentsOpened;

    ReplayLedger(Replay.Findings findings) {
        this.findings = findings;
    }

    /** The incidents not retired yet, in number order. */
    Collection<ReplayIncident> incidents() {
        return incidents.values();
    }

    long incidentsOpened() {
        return incidentsOpened;
    }

    /** Hands an incident no new alert can reach to the findings. */
    void retire(long number) {
        findings.incident(incidents.remove(number).answer());
    }

    /** At the end of a replay: every incident is final. */
    void retireAll() {
        List.copyOf(incidents.keySet()).forEach(this::retire);
    }

    @Override
    public IncidentSnapshot open(NewIncident incident) {
        return incidents.get(opened(incident)).snapshot();
    }

    @Override
    public IncidentSnapshot attach(long number, List<AttachedAlert> alerts, Severity severity, Collection<String> tags) {
        attached(number, alerts, severity, tags);
        return incidents.get(number).snapshot();
    }

    @Override
    public IncidentSnapshot reopen(long number, AttachedAlert alert, Severity severity, Collection<String> tags) {
        reopened(number, alert, severity, tags);
        return incidents.get(number).snapshot();
    }

    @Override
    public void recordUnattached(Explanation explanation) {
        if (!decided.add(explanation.systemAlertId())) {
            throw new IllegalStateException("alert " + explanation.systemAlertId() + " was decided before");
        }
        if (explanation.outcome().equals(Outcome.Kind.SUPPRESSED.words())) {
            findings.suppressed(new Replay.Suppressed(explanation.systemAlertId(), explanation.reason()));
        }
    }

    @Override
    public boolean isDecided(String systemAlertId) {
        return decided.contains(systemAlertId);
    }

    @Override
    public Set<String> decided(Collection<String> systemAlertIds) {
        return systemAlertIds.stream().filter(decided::contains).collect(Collectors.toSet());
    }

    /** A batch that takes every decision in at once: there is nothing to write, and no snapshot to make. */
    @Override
    public Batch batch(Collection<String> alertIds) {
        return batch;
    }

    private final Batch batch = new Batch() {
        @Override
        public long open(NewIncident incident) {
            return opened(incident);
        }

        @Override
        public void attach(long number, List<AttachedAlert> alerts, Severity severity, Collection<String> tags) {
            attached(number, alerts, severity, tags);
        }

        @Override
        public void reopen(long number, AttachedAlert alert, Severity severity, Collection<String> tags) {
            reopened(number, alert, severity, tags);
        }

        @Override
        public void recordUnattached(Explanation explanation) {
            ReplayLedger.this.recordUnattached(explanation);
        }

        @Override
        public boolean isDecided(String systemAlertId) {
            return decided.contains(systemAlertId);
        }

        /** Every decision was taken in as it came: nothing is left to write. */
        @Override
        public void record() {
        }
    };

    private long opened(NewIncident incident) {
        ReplayIncident created = new ReplayIncident(++incidentsOpened, incident.title(), incident.severity(),
                incident.multistageHost());
        created.tags.addAll(incident.tags());
        incident.alerts().forEach(a -> add(created, a));
        incidents.put(created.number, created);
        return created.number;
    }

    private void attached(long number, List<AttachedAlert> alerts, Severity severity, Collection<String> tags) {
        ReplayIncident incident = incidents.get(number);
        alerts.forEach(a -> add(incident, a));
        if (severity.compareTo(incident.severity) > 0) {
            incident.severity = severity;
        }
        incident.tags.addAll(tags);
    }

    private void reopened(long number, AttachedAlert alert, Severity severity, Collection<String> tags) {
        incidents.get(number).status = IncidentStatus.Active;
        attached(number, List.of(alert), severity, tags);
    }

    @Override
    public List<IncidentSnapshot> activeSince(Instant since) {
        return incidents.values().stream().filter(i -> !i.lastActivity.isBefore(since))
                .map(ReplayIncident::snapshot).toList();
    }

    @Override
    public Optional<IncidentSnapshot> snapshot(long number) {
        return Optional.ofNullable(incidents.get(number)).map(ReplayIncident::snapshot);
    }

    private void add(ReplayIncident incident, AttachedAlert alert) {
        if (!decided.add(alert.systemAlertId())) {
            throw new IllegalStateException("alert " + alert.systemAlertId() + " is in an incident already");
        }
        incident.alertIds.add(alert.systemAlertId());
        incident.entityKeys.addAll(alert.entityKeys());
        incident.alertNames.merge(alert.alertName(), 1, Integer::sum);
        alert.explanation().hits().forEach(h -> incident.rules.add(h.rule()));
        if (incident.firstActivity == null || alert.time().isBefore(incident.firstActivity)) {
            incident.firstActivity = alert.time();
        }
        if (incident.lastActivity == null || alert.time().isAfter(incident.lastActivity)) {
            incident.lastActivity = alert.time();
        }
    }
}
