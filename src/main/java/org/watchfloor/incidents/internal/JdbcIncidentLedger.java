package org.watchfloor.incidents.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.watchfloor.alerts.Severity;
import org.watchfloor.incidents.AlertAlreadyDecidedException;
import org.watchfloor.incidents.AlertsAttached;
import org.watchfloor.incidents.Classification;
import org.watchfloor.incidents.Explanation;
import org.watchfloor.incidents.IncidentLedger;
import org.watchfloor.incidents.IncidentOpened;
import org.watchfloor.incidents.IncidentReopened;
import org.watchfloor.incidents.IncidentSnapshot;
import org.watchfloor.incidents.IncidentStatus;

/**
 * The ledger on Watchfloor's database. Decisions are written a batch at a time, each table with one batched
 * statement; a single call is a batch of one. Every batch locks what it changes (the number counter, the incident
 * rows), so decisions on one incident take turns; the events are published inside the transaction, which Spring
 * delivers to transactional listeners only once it has committed.
 */
@Service
@Transactional
class JdbcIncidentLedger implements IncidentLedger {

    /** Who correlation's changes are audited as. */
    static final String CORRELATION = "correlation";

    private final IncidentStore store;
    private final LifecycleStore lifecycle;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    JdbcIncidentLedger(IncidentStore store, LifecycleStore lifecycle, ApplicationEventPublisher events,
                       Clock clock) {
        this.store = store;
        this.lifecycle = lifecycle;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public IncidentSnapshot open(NewIncident incident) {
        Batch batch = batch(List.of());
        long number = batch.open(incident);
        batch.record();
        return snapshot(number).orElseThrow();
    }

    @Override
    public IncidentSnapshot attach(long number, List<AttachedAlert> attached, Severity severity,
                                   Collection<String> tags) {
        Batch batch = batch(List.of());
        batch.attach(number, attached, severity, tags);
        batch.record();
        return snapshot(number).orElseThrow();
    }

    @Override
    public IncidentSnapshot reopen(long number, AttachedAlert alert, Severity severity, Collection<String> tags) {
        Batch batch = batch(List.of());
        batch.reopen(number, alert, severity, tags);
        batch.record();
        return snapshot(number).orElseThrow();
    }

    @Override
    public void recordUnattached(Explanation explanation) {
        Batch batch = batch(List.of());
        batch.recordUnattached(explanation);
        batch.record();
    }

    @Override
    @Transactional(readOnly = true)
    public boolean isDecided(String systemAlertId) {
        return store.isDecided(systemAlertId);
    }

    @Override
    @Transactional(readOnly = true)
    public Set<String> decided(Collection<String> systemAlertIds) {
        return Set.copyOf(store.decided(systemAlertIds).keySet());
    }

    @Override
    public Batch batch(Collection<String> alertIds) {
        return new JdbcBatch(decided(alertIds), Set.copyOf(alertIds));
    }

    @Override
    @Transactional(readOnly = true)
    public List<IncidentSnapshot> activeSince(Instant since) {
        Objects.requireNonNull(since, "since");
        Map<Long, Set<String>> keys = store.entityKeysActiveSince(since);
        Map<Long, Map<String, Integer>> names = store.alertNameCountsActiveSince(since);
        return store.activeSince(since).stream()
                .map(row -> snapshot(row, keys.getOrDefault(row.id(), Set.of()),
                        names.getOrDefault(row.id(), Map.of())))
                .toList();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<IncidentSnapshot> snapshot(long number) {
        return store.find(number)
                .map(row -> snapshot(row, store.entityKeys(row.id()), store.alertNameCounts(row.id())));
    }

    /** One decision of a batch, as it was taken. */
    private sealed interface Taken {
    }

    private record Opening(long number, NewIncident incident) implements Taken {
    }

    private record Attaching(long number, List<AttachedAlert> alerts, Severity severity, Collection<String> tags,
                             boolean reopens) implements Taken {
    }

    private record Unattached(Explanation explanation) implements Taken {
    }

    /** An incident as a batch changes it: the stored row (if any) with the batch's decisions applied in order. */
    private static final class Working {
        final Long id;
        final long number;
        final String title;
        final String multistageHost;
        final String owner;
        final Instant createdAt;
        /** The lifecycle's, carried through unchanged: correlation never writes them. */
        final Instant triagedAt;
        final boolean slaBreached;
        /** As stored before the batch, for the audit trail; null for an incident the batch opens. */
        final IncidentRow before;
        /** The entity keys of the batch's alerts: those the incident holds already are left out as they are written. */
        final Set<String> keys = new LinkedHashSet<>();
        /** Null until read from the incident's alerts, for an incident stored before first sightings were kept. */
        TechniqueOrder techniqueOrder;
        Severity severity;
        IncidentStatus status;
        Classification classification;
        Instant closedAt;
        List<String> tags;
        List<String> tactics;
        List<String> techniques;
        List<String> sites;
        int alertCount;
        Instant firstActivity;
        Instant lastActivity;

        Working(IncidentRow row) {
            this.id = row.id();
            this.number = row.number();
            this.title = row.title();
            this.multistageHost = row.multistageHost();
            this.owner = row.owner();
            this.createdAt = row.createdAt();
            this.triagedAt = row.triagedAt();
            this.slaBreached = row.slaBreached();
            this.before = row;
            this.severity = row.severity();
            this.status = row.status();
            this.classification = row.classification();
            this.closedAt = row.closedAt();
            this.tags = row.tags();
            this.tactics = row.tactics();
            this.techniques = row.techniques();
            this.techniqueOrder = row.techniqueFirstSeen() == null ? null
                    : TechniqueOrder.of(row.techniqueFirstSeen());
            this.sites = row.sites();
            this.alertCount = row.alertCount();
            this.firstActivity = row.firstActivity();
            this.lastActivity = row.lastActivity();
        }

        Working(long number, NewIncident incident, Instant now) {
            this.id = null;
            this.number = number;
            this.title = incident.title();
            this.multistageHost = incident.multistageHost();
            this.owner = null;
            this.createdAt = now;
            this.triagedAt = null;
            this.slaBreached = false;
            this.before = null;
            this.severity = incident.severity();
            this.status = IncidentStatus.New;
            this.tags = merge(List.of(), incident.tags());
            this.techniqueOrder = TechniqueOrder.empty();
        }

        IncidentRow row(long id, Instant now) {
            return new IncidentRow(id, number, title, severity, status, classification, owner, tags, multistageHost,
                    tactics, techniques, techniqueOrder.firstSeen(), sites, alertCount, firstActivity, lastActivity,
                    createdAt, now, closedAt, triagedAt, slaBreached);
        }
    }

    /**
     * The decisions of a batch, kept in memory until {@link #record}: it locks the incidents they change, refuses
     * alerts decided before, applies the decisions in order to the incidents as stored, and writes each table with
     * one batched statement.
     */
    private final class JdbcBatch implements Batch {

        private final Set<String> decidedBefore;
        private final Set<String> asked;
        private final Map<String, Boolean> lookedUp = new HashMap<>();
        private final Set<String> taken = new HashSet<>();
        private final List<Taken> decisions = new ArrayList<>();
        private long lastNumber;
        private long writtenNumber;

        JdbcBatch(Set<String> decidedBefore, Set<String> asked) {
            this.decidedBefore = decidedBefore;
            this.asked = asked;
        }

        @Override
        public long open(NewIncident incident) {
            if (incident.title() == null || incident.title().isBlank()) {
                throw new IllegalArgumentException("an incident needs a title");
            }
            Objects.requireNonNull(incident.severity(), "an incident needs a severity");
            validate(incident.alerts());
            if (lastNumber == 0) {
                lastNumber = store.nextNumber();
                writtenNumber = lastNumber;
            } else {
                lastNumber++;
            }
            take(new Opening(lastNumber, incident), incident.alerts().stream().map(AttachedAlert::systemAlertId));
            return lastNumber;
        }

        @Override
        public void attach(long number, List<AttachedAlert> attached, Severity severity, Collection<String> tags) {
            validate(attached);
            Objects.requireNonNull(severity, "severity");
            take(new Attaching(number, attached, severity, tags, false),
                    attached.stream().map(AttachedAlert::systemAlertId));
        }

        @Override
        public void reopen(long number, AttachedAlert alert, Severity severity, Collection<String> tags) {
            validate(List.of(alert));
            Objects.requireNonNull(severity, "severity");
            take(new Attaching(number, List.of(alert), severity, tags, true), Stream.of(alert.systemAlertId()));
        }

        @Override
        public void recordUnattached(Explanation explanation) {
            Objects.requireNonNull(explanation, "an unattached alert needs the explanation of its decision");
            requireDecisionOf(explanation.systemAlertId(), explanation);
            take(new Unattached(explanation), Stream.of(explanation.systemAlertId()));
        }

        private void take(Taken decision, Stream<String> ids) {
            decisions.add(decision);
            ids.forEach(taken::add);
        }

        @Override
        public boolean isDecided(String systemAlertId) {
            if (taken.contains(systemAlertId) || decidedBefore.contains(systemAlertId)) {
                return true;
            }
            return !asked.contains(systemAlertId)
                    && lookedUp.computeIfAbsent(systemAlertId, store::isDecided);
        }

        @Override
        public void record() {
            if (decisions.isEmpty()) {
                return;
            }
            List<Taken> batch = List.copyOf(decisions);
            decisions.clear();
            Map<Long, Working> incidents = lock(batch);
            readTechniqueOrderOfOlder(incidents);
            List<String> ids = new ArrayList<>();
            batch.forEach(d -> ids.addAll(alertIds(d)));
            if (new HashSet<>(ids).size() < ids.size()) {
                throw new IllegalArgumentException("an alert is listed twice");
            }
            // the alerts the batch was opened for were looked up then, in this transaction; one decided by another
            // transaction since is refused by the database's unique id
            refuseDecided(ids.stream().filter(id -> !asked.contains(id) || decidedBefore.contains(id)).toList());
            Instant now = clock.instant();
            List<Object> published = new ArrayList<>();
            Set<Long> opened = new LinkedHashSet<>();
            List<IncidentStore.Decided> decided = new ArrayList<>();
            for (Taken d : batch) {
                if (d instanceof Opening o) {
                    Working w = new Working(o.number(), o.incident(), now);
                    incidents.put(o.number(), w);
                    opened.add(o.number());
                    add(w, o.incident().alerts());
                    published.add(new IncidentOpened(o.number(), w.title, w.severity, ids(o.incident().alerts())));
                    o.incident().alerts().forEach(a -> decided.add(placed(a, o.number())));
                } else if (d instanceof Attaching a) {
                    published.add(attach(incidents.get(a.number()), a));
                    a.alerts().forEach(x -> decided.add(placed(x, a.number())));
                } else if (d instanceof Unattached u) {
                    decided.add(new IncidentStore.Decided(u.explanation(), null, null));
                }
            }
            write(incidents, opened, decided, now);
            if (lastNumber > writtenNumber) {
                store.setLastNumber(lastNumber);
                writtenNumber = lastNumber;
            }
            published.forEach(events::publishEvent);
        }

        private static IncidentStore.Decided placed(AttachedAlert alert, long number) {
            return new IncidentStore.Decided(alert.explanation(), number,
                    new AlertRef(alert.systemAlertId(), alert.alertName(), alert.time(), alert.techniques()));
        }

        /** Applies an attaching (or reopening) to the incident; answers its event. */
        private Object attach(Working w, Attaching a) {
            if (a.reopens() && w.status != IncidentStatus.Closed) {
                throw new IllegalStateException("incident " + a.number() + " is " + w.status
                        + ", not Closed: only a closed incident is reopened");
            }
            if (!a.reopens() && w.status == IncidentStatus.Closed) {
                throw new IllegalStateException("incident " + a.number() + " is Closed: reopen it to add alerts");
            }
            if (a.reopens()) {
                w.status = IncidentStatus.Active;
                w.classification = null;
                w.closedAt = null;
            }
            Severity before = w.severity;
            w.severity = a.severity().compareTo(w.severity) > 0 ? a.severity() : w.severity;
            w.tags = merge(w.tags, a.tags());
            add(w, a.alerts());
            return a.reopens() ? new IncidentReopened(a.number(), a.alerts().get(0).systemAlertId())
                    : new AlertsAttached(a.number(), ids(a.alerts()), w.severity, w.severity != before);
        }

        /**
         * Works out, in one query, where the techniques of the incidents stored before their first sightings were
         * kept were first seen, from their alerts; once written back, an incident needs this never again.
         */
        private void readTechniqueOrderOfOlder(Map<Long, Working> incidents) {
            List<Working> older = incidents.values().stream().filter(w -> w.techniqueOrder == null).toList();
            if (older.isEmpty()) {
                return;
            }
            Map<Long, List<IncidentStore.TechniquesSeen>> seen = store.techniquesByTime(
                    older.stream().map(w -> w.number).toList());
            for (Working w : older) {
                w.techniqueOrder = TechniqueOrder.fromAlerts(seen.getOrDefault(w.number, List.of()));
            }
        }

        /** Locks the stored incidents the batch changes. */
        private Map<Long, Working> lock(List<Taken> batch) {
            Set<Long> opened = new HashSet<>();
            Set<Long> changed = new LinkedHashSet<>();
            for (Taken d : batch) {
                if (d instanceof Opening o) {
                    opened.add(o.number());
                } else if (d instanceof Attaching a && !opened.contains(a.number())) {
                    changed.add(a.number());
                }
            }
            Map<Long, IncidentRow> rows = store.lock(changed);
            for (long number : changed) {
                if (!rows.containsKey(number)) {
                    throw new IllegalArgumentException("there is no incident " + number);
                }
            }
            Map<Long, Working> incidents = new HashMap<>();
            rows.values().forEach(r -> incidents.put(r.number(), new Working(r)));
            return incidents;
        }

        private void write(Map<Long, Working> incidents, Set<Long> opened, List<IncidentStore.Decided> decided,
                           Instant now) {
            try {
                Map<Long, Long> ids = opened.isEmpty() ? Map.of()
                        : store.insert(opened.stream().map(n -> incidents.get(n).row(0, now)).toList());
                List<IncidentRow> updated = incidents.values().stream().filter(w -> w.id != null)
                        .map(w -> w.row(w.id, now)).toList();
                store.update(updated);
                audit(incidents, updated, now);
                List<IncidentStore.EntityKey> keys = new ArrayList<>();
                for (Working w : incidents.values()) {
                    long id = w.id != null ? w.id : ids.get(w.number);
                    w.keys.forEach(k -> keys.add(new IncidentStore.EntityKey(id, k)));
                }
                store.insertEntityKeys(keys);
                store.insertDecisions(decided, now);
            } catch (DuplicateKeyException e) {
                throw decidedMeanwhile(decided.stream().map(d -> d.explanation().systemAlertId()).toList(), e);
            }
        }
    }

    /** What correlation changed on stored incidents (severity, status, tags) goes into their audit trail. */
    private void audit(Map<Long, Working> incidents, List<IncidentRow> updated, Instant now) {
        for (IncidentRow after : updated) {
            IncidentRow before = incidents.get(after.number()).before;
            if (before.severity() != after.severity()) {
                lifecycle.audit(after.number(), CORRELATION, "severity", before.severity(), after.severity(), now);
            }
            if (before.status() != after.status()) {
                lifecycle.audit(after.number(), CORRELATION, "status", before.status(), after.status(), now);
            }
            if (!before.tags().equals(after.tags())) {
                lifecycle.audit(after.number(), CORRELATION, "tags", String.join(", ", before.tags()),
                        String.join(", ", after.tags()), now);
            }
        }
    }

    /**
     * Adds alerts to an incident of the batch. Tactics have a fixed (kill-chain) order and sites none, so they fold
     * in. Techniques are in order of first appearance by alert time, an alert earlier than the incident's last
     * activity included: each technique's first sighting is kept with the incident.
     */
    private void add(Working incident, List<AttachedAlert> added) {
        for (AttachedAlert a : added) {
            incident.techniqueOrder.seen(a.time(), incident.alertCount++, a.techniques());
        }
        List<AttachedAlert> byTime = added.stream().sorted(Comparator.comparing(AttachedAlert::time)).toList();
        List<String> tactics = new ArrayList<>(incident.tactics == null ? List.of() : incident.tactics);
        Set<String> sites = new LinkedHashSet<>(incident.sites == null ? List.of() : incident.sites);
        for (AttachedAlert a : byTime) {
            tactics.addAll(a.tactics());
            a.sites().stream().filter(s -> s != null && !s.isBlank()).forEach(sites::add);
            if (a.entityKeys() != null) {
                a.entityKeys().stream().filter(k -> k != null && !k.isBlank()).forEach(incident.keys::add);
            }
        }
        incident.tactics = KillChain.order(tactics);
        incident.sites = List.copyOf(sites);
        incident.techniques = incident.techniqueOrder.techniques();
        Instant first = byTime.get(0).time();
        Instant last = byTime.get(byTime.size() - 1).time();
        incident.firstActivity = incident.firstActivity == null || first.isBefore(incident.firstActivity) ? first
                : incident.firstActivity;
        incident.lastActivity = incident.lastActivity == null || last.isAfter(incident.lastActivity) ? last
                : incident.lastActivity;
    }

    private static List<String> alertIds(Taken decision) {
        if (decision instanceof Opening o) {
            return ids(o.incident().alerts());
        }
        if (decision instanceof Attaching a) {
            return ids(a.alerts());
        }
        return List.of(((Unattached) decision).explanation().systemAlertId());
    }

    /** Refuses, naming the incident each sits in, alerts decided on before; a race is caught by the database. */
    private void refuseDecided(List<String> systemAlertIds) {
        Map<String, Optional<Long>> decided = store.decided(systemAlertIds);
        if (decided.isEmpty()) {
            return;
        }
        String which = decided.entrySet().stream()
                .map(e -> e.getKey() + (e.getValue().isPresent()
                        ? " is in incident " + e.getValue().get() : " was recorded unattached"))
                .collect(Collectors.joining("; "));
        throw new AlertAlreadyDecidedException(List.copyOf(decided.keySet()),
                "correlation decided on these alerts already: " + which, null);
    }

    private static AlertAlreadyDecidedException decidedMeanwhile(List<String> systemAlertIds, Exception cause) {
        return new AlertAlreadyDecidedException(systemAlertIds, "another decision placed one of the alerts "
                + systemAlertIds + " at the same time; the database refused this one", cause);
    }

    private static void validate(List<AttachedAlert> attached) {
        if (attached == null || attached.isEmpty()) {
            throw new IllegalArgumentException("at least one alert is needed");
        }
        for (AttachedAlert a : attached) {
            if (a.systemAlertId() == null || a.systemAlertId().isBlank()) {
                throw new IllegalArgumentException("an alert without SystemAlertId cannot join an incident");
            }
            if (a.time() == null) {
                throw new IllegalArgumentException("alert " + a.systemAlertId() + " has no time");
            }
            requireDecisionOf(a.systemAlertId(), a.explanation());
        }
        if (attached.stream().map(AttachedAlert::systemAlertId).distinct().count() < attached.size()) {
            throw new IllegalArgumentException("an alert is listed twice");
        }
    }

    private static void requireDecisionOf(String systemAlertId, Explanation explanation) {
        if (explanation == null || explanation.outcome() == null || explanation.outcome().isBlank()) {
            throw new IllegalArgumentException("alert " + systemAlertId + " needs the explanation of its decision");
        }
        if (!systemAlertId.equals(explanation.systemAlertId())) {
            throw new IllegalArgumentException("the explanation of alert " + systemAlertId + " is about alert "
                    + explanation.systemAlertId());
        }
    }

    private static List<String> merge(List<String> tags, Collection<String> more) {
        Set<String> merged = new LinkedHashSet<>(tags);
        if (more != null) {
            more.stream().filter(t -> t != null && !t.isBlank()).map(String::trim).forEach(merged::add);
        }
        return List.copyOf(merged);
    }

    private static List<String> ids(List<AttachedAlert> attached) {
        return attached.stream().map(AttachedAlert::systemAlertId).toList();
    }

    private static IncidentSnapshot snapshot(IncidentRow row, Set<String> entityKeys, Map<String, Integer> names) {
        return new IncidentSnapshot(row.number(), row.title(), row.severity(), row.status(), Set.copyOf(row.tags()),
                entityKeys, names, row.alertCount(), row.firstActivity(), row.lastActivity(), row.closedAt(),
                row.multistageHost());
    }
}
