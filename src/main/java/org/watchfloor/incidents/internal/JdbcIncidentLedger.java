package org.watchfloor.incidents.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.watchfloor.alerts.AlertQueries;
import org.watchfloor.alerts.IotDevice;
import org.watchfloor.alerts.SecurityAlert;
import org.watchfloor.alerts.Severity;
import org.watchfloor.alerts.StoredAlert;
import org.watchfloor.incidents.AlertAlreadyDecidedException;
import org.watchfloor.incidents.AlertsAttached;
import org.watchfloor.incidents.Explanation;
import org.watchfloor.incidents.IncidentLedger;
import org.watchfloor.incidents.IncidentOpened;
import org.watchfloor.incidents.IncidentReopened;
import org.watchfloor.incidents.IncidentSnapshot;
import org.watchfloor.incidents.IncidentStatus;

/**
 * The ledger on Watchfloor's database. Every change locks what it changes (the number counter, the incident row), so
 * decisions on one incident take turns; the events are published inside the transaction, which Spring delivers to
 * transactional listeners only once it has committed.
 */
@Service
@Transactional
class JdbcIncidentLedger implements IncidentLedger {

    private final IncidentStore store;
    private final AlertQueries alerts;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    JdbcIncidentLedger(IncidentStore store, AlertQueries alerts, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.alerts = alerts;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public IncidentSnapshot open(NewIncident incident) {
        if (incident.title() == null || incident.title().isBlank()) {
            throw new IllegalArgumentException("an incident needs a title");
        }
        Objects.requireNonNull(incident.severity(), "an incident needs a severity");
        validate(incident.alerts());
        refuseDecided(ids(incident.alerts()));
        Instant now = clock.instant();
        long number = store.nextNumber();
        long id = store.insert(number, incident.title(), incident.severity(), merge(List.of(), incident.tags()),
                incident.multistageHost(), aggregate(refs(incident.alerts())), now);
        place(id, number, incident.alerts(), now);
        events.publishEvent(new IncidentOpened(number, incident.title(), incident.severity(), ids(incident.alerts())));
        return snapshot(number).orElseThrow();
    }

    @Override
    public IncidentSnapshot attach(long number, List<AttachedAlert> attached, Severity severity,
                                   Collection<String> tags) {
        validate(attached);
        IncidentRow incident = lock(number);
        if (incident.status() == IncidentStatus.Closed) {
            throw new IllegalStateException("incident " + number + " is Closed: reopen it to add alerts");
        }
        Severity after = add(incident, attached, severity, tags);
        events.publishEvent(new AlertsAttached(number, ids(attached), after, after != incident.severity()));
        return snapshot(number).orElseThrow();
    }

    @Override
    public IncidentSnapshot reopen(long number, AttachedAlert alert, Severity severity, Collection<String> tags) {
        validate(List.of(alert));
        IncidentRow incident = lock(number);
        if (incident.status() != IncidentStatus.Closed) {
            throw new IllegalStateException("incident " + number + " is " + incident.status()
                    + ", not Closed: only a closed incident is reopened");
        }
        store.reopen(incident.id());
        add(incident, List.of(alert), severity, tags);
        events.publishEvent(new IncidentReopened(number, alert.systemAlertId()));
        return snapshot(number).orElseThrow();
    }

    @Override
    public void recordUnattached(Explanation explanation) {
        Objects.requireNonNull(explanation, "an unattached alert needs the explanation of its decision");
        requireDecisionOf(explanation.systemAlertId(), explanation);
        refuseDecided(List.of(explanation.systemAlertId()));
        try {
            store.insertDecisions(List.of(explanation), null, clock.instant());
        } catch (DuplicateKeyException e) {
            throw decidedMeanwhile(List.of(explanation.systemAlertId()), e);
        }
    }

    @Override
    @Transactional(readOnly = true)
    public boolean isDecided(String systemAlertId) {
        return store.isDecided(systemAlertId);
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

    private IncidentRow lock(long number) {
        return store.lock(number).orElseThrow(() -> new IllegalArgumentException("there is no incident " + number));
    }

    /** Adds alerts to a locked incident, never lowering its severity; answers the severity after. */
    private Severity add(IncidentRow incident, List<AttachedAlert> attached, Severity severity,
                         Collection<String> tags) {
        Objects.requireNonNull(severity, "severity");
        refuseDecided(ids(attached));
        Instant now = clock.instant();
        place(incident.id(), incident.number(), attached, now);
        Severity after = severity.compareTo(incident.severity()) > 0 ? severity : incident.severity();
        store.update(incident.id(), after, merge(incident.tags(), tags), aggregate(incident, refs(attached)), now);
        return after;
    }

    /** Stores the alerts of an incident, their entity keys and the decisions that placed them. */
    private void place(long incidentId, long number, List<AttachedAlert> attached, Instant now) {
        try {
            store.insertAlerts(incidentId, refs(attached), now);
            store.addEntityKeys(incidentId, attached.stream()
                    .flatMap(a -> a.entityKeys() == null ? Stream.<String>empty() : a.entityKeys().stream())
                    .filter(k -> k != null && !k.isBlank())
                    .collect(Collectors.toCollection(LinkedHashSet::new)));
            store.insertDecisions(attached.stream().map(AttachedAlert::explanation).toList(), number, now);
        } catch (DuplicateKeyException e) {
            throw decidedMeanwhile(ids(attached), e);
        }
    }

    /**
     * The incident's derived fields with alerts added, reading only the new alerts: tactics have a fixed
     * (kill-chain) order and sites none, so they fold in. Techniques are in order of first appearance by alert
     * time; an alert earlier than the incident's last activity re-sorts them from the techniques of all its alerts,
     * a narrow read, so joining a large incident costs little either way.
     */
    private Aggregate aggregate(IncidentRow incident, List<AlertRef> added) {
        Aggregate of = aggregate(added);
        List<String> tactics = new ArrayList<>(incident.tactics());
        tactics.addAll(of.tactics());
        Set<String> sites = new LinkedHashSet<>(incident.sites());
        sites.addAll(of.sites());
        boolean inOrder = added.stream().noneMatch(a -> a.time().isBefore(incident.lastActivity()));
        List<String> techniques;
        if (inOrder) {
            Set<String> merged = new LinkedHashSet<>(incident.techniques());
            merged.addAll(of.techniques());
            techniques = List.copyOf(merged);
        } else {
            List<AlertRef> all = store.alerts(incident.id()).stream().sorted(Comparator.comparing(AlertRef::time))
                    .toList();
            Map<String, List<String>> byAlert = alerts.techniques(ids(all, AlertRef::systemAlertId));
            Set<String> ordered = new LinkedHashSet<>();
            all.forEach(a -> ordered.addAll(byAlert.getOrDefault(a.systemAlertId(), List.of())));
            techniques = List.copyOf(ordered);
        }
        Instant first = of.firstActivity().isBefore(incident.firstActivity()) ? of.firstActivity()
                : incident.firstActivity();
        Instant last = of.lastActivity().isAfter(incident.lastActivity()) ? of.lastActivity()
                : incident.lastActivity();
        return new Aggregate(KillChain.order(tactics), techniques, List.copyOf(sites),
                incident.alertCount() + added.size(), first, last);
    }

    /**
     * The incident's tactics, techniques and sites from its stored alerts, its count and activity from the times
     * correlation gave. Computed over all alerts rather than merged, so an alert that arrives late (earlier than
     * others) still puts its techniques in their place.
     */
    private Aggregate aggregate(List<AlertRef> refs) {
        List<AlertRef> byTime = refs.stream().sorted(Comparator.comparing(AlertRef::time)).toList();
        Map<String, SecurityAlert> stored = alerts.findAll(ids(byTime, AlertRef::systemAlertId)).stream()
                .map(StoredAlert::alert)
                .collect(Collectors.toMap(SecurityAlert::systemAlertId, Function.identity(), (a, b) -> a));
        List<String> tactics = new ArrayList<>();
        Set<String> techniques = new LinkedHashSet<>();
        Set<String> sites = new LinkedHashSet<>();
        for (AlertRef ref : byTime) {
            SecurityAlert alert = stored.get(ref.systemAlertId());
            if (alert != null) {
                tactics.addAll(alert.tactics());
                techniques.addAll(alert.techniques());
                alert.devices().stream().map(IotDevice::site).filter(s -> s != null && !s.isBlank())
                        .forEach(sites::add);
            }
        }
        return new Aggregate(KillChain.order(tactics), List.copyOf(techniques), List.copyOf(sites), byTime.size(),
                byTime.get(0).time(), byTime.get(byTime.size() - 1).time());
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

    private static List<AlertRef> refs(List<AttachedAlert> attached) {
        return attached.stream().map(a -> new AlertRef(a.systemAlertId(), a.alertName(), a.time())).toList();
    }

    private static List<String> ids(List<AttachedAlert> attached) {
        return ids(attached, AttachedAlert::systemAlertId);
    }

    private static <T> List<String> ids(List<T> items, Function<T, String> id) {
        return items.stream().map(id).toList();
    }

    private static IncidentSnapshot snapshot(IncidentRow row, Set<String> entityKeys, Map<String, Integer> names) {
        return new IncidentSnapshot(row.number(), row.title(), row.severity(), row.status(), Set.copyOf(row.tags()),
                entityKeys, names, row.alertCount(), row.firstActivity(), row.lastActivity(), row.closedAt(),
                row.multistageHost());
    }
}
