package org.watchfloor.correlation.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;
import org.watchfloor.alerts.SecurityAlert;
import org.watchfloor.alerts.Severity;
import org.watchfloor.correlation.rules.Alert;
import org.watchfloor.correlation.rules.Decision;
import org.watchfloor.correlation.rules.Incident;
import org.watchfloor.correlation.rules.ItAlert;
import org.watchfloor.correlation.rules.LearnedTraffic;
import org.watchfloor.correlation.rules.Settings;
import org.watchfloor.incidents.Explanation;
import org.watchfloor.incidents.IncidentLedger.AttachedAlert;
import org.watchfloor.incidents.IncidentLedger;
import org.watchfloor.incidents.IncidentSnapshot;
import org.watchfloor.incidents.IncidentStatus;
import org.watchfloor.incidents.RuleHit;

/**
 * Decides alert by alert with one rule set. The rules see the alert's {@link Decision}, which carries the incidents
 * it could belong with (found through an index of entity keys and alert names) and the IT alerts of its source host,
 * the settings as the global {@code settings}, and the watchlists. Only the decision goes into the session and out
 * again per alert: every fact inserted costs Drools a pass through its network. The engine then carries the
 * decision out through the {@link IncidentLedger} and keeps its working state in step; that state is only a cache
 * of what the ledger holds, so {@link #restore} rebuilds it after a restart and the same alerts give the same
 * incidents. One engine decides one alert at a time.
 */
final class CorrelationEngine implements AutoCloseable {

    private static final int PRUNE_EVERY = 10_000;
    static final String SETTINGS = "settings";

    private final Settings settings;
    private final IncidentLedger ledger;
    private final Clock clock;
    private final KieSession session;
    private final Duration horizon;
    private final RepeatCounter repeats;
    private final Map<Long, Incident> incidents = new HashMap<>();
    /** The candidate index of the configured grouping: entity key, or alert name, to the incidents that hold it. */
    private final Map<String, Set<Incident>> byEntityOrName = new HashMap<>();
    /** The candidate index of name-and-entity grouping: alert name, then entity key, to the incidents. */
    private final Map<String, Map<String, Set<Incident>>> byNameAndEntity = new HashMap<>();
    private final Map<String, Incident> multistageByHost = new HashMap<>();
    private final Map<String, List<ItAlert>> itAlertsByHost = new HashMap<>();
    private final Map<String, ItAlert> itAlerts = new HashMap<>();
    private final Set<String> attachedItAlerts = new HashSet<>();
    private final LongConsumer outOfReach;
    private Instant latest;
    private int sincePrune;

    CorrelationEngine(RuleSet rules, Settings settings, IncidentLedger ledger, Clock clock) {
        this(rules, settings, ledger, clock, number -> {
        });
    }

    /** @param outOfReach told the number of each incident the engine lets go of: no new alert can join it */
    CorrelationEngine(RuleSet rules, Settings settings, IncidentLedger ledger, Clock clock, LongConsumer outOfReach) {
        this.settings = settings;
        this.ledger = ledger;
        this.clock = clock;
        this.outOfReach = outOfReach;
        this.session = rules.kieBase().newKieSession();
        this.horizon = longest(settings.lookback(), settings.reopenWindow(), settings.multistageWindow());
        this.repeats = new RepeatCounter(settings.lookback());
        if (declaresSettings(rules)) {
            session.setGlobal(SETTINGS, settings);
        }
        rules.watchlists().facts().forEach(session::insert);
    }

    /**
     * Rebuilds the working state: the incidents still within reach, and the recent alerts (in time order) that
     * repeat counts and multistage chains look back on. Defender for IoT alerts not decided yet are left out: they
     * are decided next, and counted then.
     *
     * @param decided the ids among {@code recentAlerts} that the ledger has decided
     */
    synchronized void restore(Collection<IncidentSnapshot> snapshots, List<Sighting> recentAlerts,
                              Set<String> decided) {
        snapshots.forEach(s -> index(new Incident(s, settings.maxAlertsPerIncident())));
        for (Sighting sighting : recentAlerts) {
            SecurityAlert alert = sighting.alert();
            boolean isDecided = decided.contains(alert.systemAlertId());
            if (!alert.isFromDefenderForIot()) {
                if (isDecided) {
                    attachedItAlerts.add(alert.systemAlertId());
                }
                remember(new ItAlert(new Alert(alert, sighting.firstSeen(), 0)));
            } else if (!isDecided) {
                continue;
            }
            repeats.record(alert, sighting.firstSeen());
            advance(sighting.firstSeen());
        }
    }

    /** The instant from which {@link #restore} needs incidents and alerts, seen from the latest alert. */
    Instant horizonFrom(Instant latestAlert) {
        return latestAlert.minus(horizon);
    }

    /** Decides one alert and records the decision at once. */
    synchronized Outcome decide(Sighting sighting) {
        IncidentLedger.Batch batch = ledger.batch(List.of(sighting.alert().systemAlertId()));
        Outcome outcome = decide(sighting, batch);
        batch.record();
        return outcome;
    }

    /** Decides one alert into a batch of decisions the caller records. */
    synchronized Outcome decide(Sighting sighting, IncidentLedger.Batch batch) {
        SecurityAlert securityAlert = sighting.alert();
        if (batch.isDecided(securityAlert.systemAlertId())) {
            return new Outcome(Outcome.Kind.ALREADY_DECIDED, null, null);
        }
        Alert alert = new Alert(securityAlert, sighting.firstSeen(),
                repeats.record(securityAlert, sighting.firstSeen()));
        advance(alert.getTime());
        Decision decision = new Decision(alert, candidates(alert), itCandidates(alert));
        FactHandle handle = session.insert(decision);
        try {
            session.fireAllRules();
        } finally {
            session.delete(handle);
        }
        Outcome outcome = carryOut(decision, batch);
        if (++sincePrune >= PRUNE_EVERY) {
            prune();
        }
        return outcome;
    }

    private Outcome carryOut(Decision decision, IncidentLedger.Batch batch) {
        Alert alert = decision.getAlert();
        if (decision.isSuppressed()) {
            Explanation why = explain(alert, Outcome.Kind.SUPPRESSED, decision.getSuppression().reason(), decision);
            batch.recordUnattached(why);
            return new Outcome(Outcome.Kind.SUPPRESSED, null, why);
        }
        if (!decision.getMultistageSources().isEmpty()) {
            return multistage(decision, batch);
        }
        if (!decision.getJoinCandidates().isEmpty()) {
            Incident target = mostRecent(decision.getJoinCandidates());
            return attach(decision, target, Outcome.Kind.JOINED, batch);
        }
        if (!decision.getReopenCandidates().isEmpty()) {
            Incident target = mostRecent(decision.getReopenCandidates());
            return attach(decision, target, Outcome.Kind.REOPENED, batch);
        }
        if (!decision.getCreations().isEmpty()) {
            Decision.Creation creation = decision.getCreations().get(0);
            Severity severity = max(creation.severity(), decision.highestSeverity());
            Explanation why = explain(alert, Outcome.Kind.OPENED, "rule '" + creation.rule() + "'", decision);
            long number = open(batch, new IncidentLedger.NewIncident(creation.title(), severity,
                    decision.getTags(), null, List.of(attached(alert, why))));
            return new Outcome(Outcome.Kind.OPENED, number, why);
        }
        if (!alert.isFromDefenderForIot()) {
            remember(new ItAlert(alert));
            String reason = "an alert from " + alert.getProduct()
                    + " opens no OT incident on its own; kept for multistage correlation";
            return new Outcome(Outcome.Kind.NO_INCIDENT, null, explain(alert, Outcome.Kind.NO_INCIDENT, reason, decision));
        }
        Explanation why = explain(alert, Outcome.Kind.NO_INCIDENT, "no creation rule matched", decision);
        batch.recordUnattached(why);
        return new Outcome(Outcome.Kind.NO_INCIDENT, null, why);
    }

    private Outcome attach(Decision decision, Incident target, Outcome.Kind kind, IncidentLedger.Batch batch) {
        Alert alert = decision.getAlert();
        Severity severity = decision.highestSeverity();
        Explanation why = explain(alert, kind, "incident " + target.getNumber() + " '" + target.getTitle() + "'", decision);
        List<String> newKeys = keysNewTo(target, alert);
        AttachedAlert attached = new AttachedAlert(alert.getId(), alert.getName(), alert.getTime(), newKeys,
                alert.getTactics(), alert.getTechniques(), alert.getDeviceSites(), why);
        if (kind == Outcome.Kind.REOPENED) {
            batch.reopen(target.getNumber(), attached, severity, decision.getTags());
        } else {
            batch.attach(target.getNumber(), List.of(attached), severity, decision.getTags());
        }
        absorb(target, alert, newKeys, severity, decision.getTags());
        return new Outcome(kind, target.getNumber(), why);
    }

    private Outcome multistage(Decision decision, IncidentLedger.Batch batch) {
        Alert alert = decision.getAlert();
        List<ItAlert> sources = decision.getMultistageSources();
        String host = sources.get(0).hostOf(alert);
        Severity severity = max(Severity.HIGH, decision.highestSeverity());
        List<RuleHit> chainHits = decision.getHits().stream().filter(h -> h.action().startsWith("multistage")).toList();
        List<AttachedAlert> alerts = new ArrayList<>();
        List<Alert> joined = new ArrayList<>();
        sources.stream().filter(it -> !attachedItAlerts.contains(it.getId()))
                .sorted(Comparator.comparing(ItAlert::getTime)).forEach(it -> {
                    Explanation why = new Explanation(it.getId(), clock.instant(), Outcome.Kind.JOINED.words(),
                            "the IT alert on " + host + " that OT alerts from it followed", chainHits);
                    alerts.add(attached(it.getAlert(), why));
                    joined.add(it.getAlert());
                });
        Incident existing = multistageByHost.get(host);
        boolean joinExisting = existing != null && existing.isOpen() && !existing.isFull()
                && existing.isActiveWithin(alert, settings.multistageWindow());
        Outcome.Kind kind = joinExisting ? Outcome.Kind.JOINED : Outcome.Kind.OPENED;
        Explanation why = explain(alert, kind, "multistage IT/OT attack from " + host, decision);
        alerts.add(attached(alert, why));
        joined.add(alert);
        long number;
        if (joinExisting) {
            batch.attach(existing.getNumber(), alerts, severity, decision.getTags());
            joined.forEach(a -> absorb(existing, a, keysNewTo(existing, a), severity, decision.getTags()));
            number = existing.getNumber();
        } else {
            number = open(batch, new IncidentLedger.NewIncident(
                    "(MDIoT) Multistage IT/OT attack from " + host, severity, decision.getTags(), host, alerts));
        }
        joined.stream().filter(a -> !a.isFromDefenderForIot()).forEach(a -> attachedItAlerts.add(a.getId()));
        return new Outcome(kind, number, why);
    }

    private Explanation explain(Alert alert, Outcome.Kind kind, String reason, Decision decision) {
        return new Explanation(alert.getId(), clock.instant(), kind.words(), reason, decision.getHits());
    }

    private static AttachedAlert attached(Alert alert, Explanation why) {
        return new AttachedAlert(alert.getId(), alert.getName(), alert.getTime(), alert.getEntityKeys(),
                alert.getTactics(), alert.getTechniques(), alert.getDeviceSites(), why);
    }

    /**
     * The alert's entity keys that {@code incident} does not hold yet. They are found once per joining alert: the
     * ledger then looks up only those, and the working state and the candidate index take in only those. The working
     * state knows no key the database does not hold, as it is rebuilt whenever a batch fails; a key it does not know
     * of yet (another node added it) the ledger finds.
     */
    private static List<String> keysNewTo(Incident incident, Alert alert) {
        List<String> newKeys = new ArrayList<>();
        for (String key : alert.getEntityKeys()) {
            if (!incident.getEntityKeys().contains(key)) {
                newKeys.add(key);
            }
        }
        return newKeys;
    }

    /** Opens the incident and takes it into the working state as the ledger will hold it. */
    private long open(IncidentLedger.Batch batch, IncidentLedger.NewIncident opening) {
        long number = batch.open(opening);
        Set<String> keys = new LinkedHashSet<>();
        Map<String, Integer> names = new HashMap<>();
        Instant first = null;
        Instant last = null;
        for (AttachedAlert a : opening.alerts()) {
            keys.addAll(a.entityKeys());
            names.merge(a.alertName(), 1, Integer::sum);
            first = first == null || a.time().isBefore(first) ? a.time() : first;
            last = last == null || a.time().isAfter(last) ? a.time() : last;
        }
        index(new Incident(new IncidentSnapshot(number, opening.title(), opening.severity(), IncidentStatus.New,
                Set.copyOf(opening.tags()), keys, names, opening.alerts().size(), first, last, null,
                opening.multistageHost()), settings.maxAlertsPerIncident()));
        return number;
    }

    /** The incident active last; on a tie, the older one, so the choice never depends on the order of the rules. */
    private static Incident mostRecent(List<Incident> candidates) {
        return candidates.stream().max(Comparator.comparing(Incident::getLastActivity)
                .thenComparing(Comparator.comparingLong(Incident::getNumber).reversed())).orElseThrow();
    }

    /**
     * The incidents the rules get to see for an alert: those it could be grouped with under the configured grouping
     * (sharing an entity key and/or its name). An index narrows them, so a decision costs the same with ten or ten
     * thousand incidents in reach; the rules then apply the time windows, status and cap.
     */
    private List<Incident> candidates(Alert alert) {
        List<Incident> found = new ArrayList<>();
        switch (settings.grouping()) {
            case "name-and-entity" -> {
                Map<String, Set<Incident>> byEntity = byNameAndEntity.get(alert.getName());
                if (byEntity != null) {
                    for (String key : alert.getEntityKeys()) {
                        addNew(found, byEntity.get(key));
                    }
                }
            }
            case "entity" -> alert.getEntityKeys().forEach(k -> addNew(found, byEntityOrName.get(k)));
            case "name" -> addNew(found, byEntityOrName.get(alert.getName()));
            default -> {
            }
        }
        return found;
    }

    private List<ItAlert> itCandidates(Alert alert) {
        if (!alert.isFromDefenderForIot()) {
            return List.of();
        }
        List<ItAlert> found = new ArrayList<>();
        if (alert.getSourceAddress() != null) {
            addNew(found, itAlertsByHost.get(alert.getSourceAddress()));
        }
        if (alert.getSourceDevice() != null) {
            addNew(found, itAlertsByHost.get(alert.getSourceDevice().toLowerCase()));
        }
        return found;
    }

    /**
     * Adds, in order, what is not in the list yet. An alert has a few candidates at most, so a list searched in place
     * costs less than a set built for every decision.
     */
    private static <T> void addNew(List<T> found, Collection<T> more) {
        if (more == null) {
            return;
        }
        for (T item : more) {
            if (!found.contains(item)) {
                found.add(item);
            }
        }
    }

    private void index(Incident incident) {
        Incident previous = incidents.put(incident.getNumber(), incident);
        if (previous != null) {
            unindex(previous);
        }
        if (incident.isMultistage()) {
            multistageByHost.put(incident.getMultistageHost(), incident);
        }
        if (incident.isFull()) {
            return;
        }
        addToIndex(incident, incident.alertNames(), incident.getEntityKeys());
    }

    /**
     * Keeps the index in step with an incident that took an alert in. Name-and-entity pairs every name of the
     * incident with every key of it, as the rule compares them: a new name meets all keys, a new key all names.
     */
    private void absorb(Incident incident, Alert alert, List<String> newKeys, Severity severity, Set<String> tags) {
        boolean newName = !incident.hasAlertNamed(alert.getName());
        incident.absorb(alert, newKeys, severity, tags);
        if (incident.isFull()) {
            unindex(incident);
            return;
        }
        if (newName) {
            addToIndex(incident, Set.of(alert.getName()), incident.getEntityKeys());
        }
        if (!newKeys.isEmpty()) {
            addToIndex(incident, incident.alertNames(), newKeys);
        }
    }

    private void addToIndex(Incident incident, Collection<String> names, Collection<String> keys) {
        switch (settings.grouping()) {
            case "name-and-entity" -> {
                for (String n : names) {
                    Map<String, Set<Incident>> byEntity = byNameAndEntity.computeIfAbsent(n, x -> new HashMap<>());
                    keys.forEach(k -> byEntity.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(incident));
                }
            }
            case "entity" -> keys.forEach(k -> byEntityOrName.computeIfAbsent(k, x -> new LinkedHashSet<>())
                    .add(incident));
            case "name" -> names.forEach(n -> byEntityOrName.computeIfAbsent(n, x -> new LinkedHashSet<>())
                    .add(incident));
            default -> {
            }
        }
    }

    /** Takes an incident out of the candidate index: a full one can take no alert, a pruned one none in reach. */
    private void unindex(Incident incident) {
        switch (settings.grouping()) {
            case "name-and-entity" -> {
                for (String n : incident.alertNames()) {
                    Map<String, Set<Incident>> byEntity = byNameAndEntity.get(n);
                    if (byEntity != null) {
                        incident.getEntityKeys().forEach(k -> remove(byEntity, k, incident));
                        if (byEntity.isEmpty()) {
                            byNameAndEntity.remove(n);
                        }
                    }
                }
            }
            case "entity" -> incident.getEntityKeys().forEach(k -> remove(byEntityOrName, k, incident));
            case "name" -> incident.alertNames().forEach(n -> remove(byEntityOrName, n, incident));
            default -> {
            }
        }
        multistageByHost.remove(incident.getMultistageHost(), incident);
    }

    private static void remove(Map<String, Set<Incident>> index, String key, Incident incident) {
        Set<Incident> set = index.get(key);
        if (set != null) {
            set.remove(incident);
            if (set.isEmpty()) {
                index.remove(key);
            }
        }
    }

    private void remember(ItAlert itAlert) {
        if (itAlerts.putIfAbsent(itAlert.getId(), itAlert) != null) {
            return;
        }
        Set<String> hosts = new LinkedHashSet<>(itAlert.getAddresses());
        hosts.addAll(itAlert.getHostNames());
        hosts.forEach(h -> itAlertsByHost.computeIfAbsent(h, x -> new ArrayList<>()).add(itAlert));
    }

    private void advance(Instant time) {
        if (latest == null || time.isAfter(latest)) {
            latest = time;
        }
    }

    /** Lets go of incidents and IT alerts no new alert can reach any more. */
    private void prune() {
        sincePrune = 0;
        if (latest == null) {
            return;
        }
        Instant from = latest.minus(horizon);
        List<Incident> stale = incidents.values().stream().filter(i -> {
            Instant last = i.getClosedAt() != null && i.getClosedAt().isAfter(i.getLastActivity())
                    ? i.getClosedAt() : i.getLastActivity();
            return last.isBefore(from);
        }).toList();
        stale.forEach(i -> {
            incidents.remove(i.getNumber());
            if (i.isFull()) {
                // a full incident left the candidate index as it filled, or entered it by its host alone
                multistageByHost.remove(i.getMultistageHost(), i);
            } else {
                unindex(i);
            }
            outOfReach.accept(i.getNumber());
        });
        Instant itFrom = latest.minus(settings.multistageWindow());
        itAlertsByHost.values().forEach(list -> list.removeIf(it -> it.getTime().isBefore(itFrom)));
        itAlertsByHost.values().removeIf(List::isEmpty);
        itAlerts.values().removeIf(it -> it.getTime().isBefore(itFrom));
        attachedItAlerts.retainAll(itAlerts.keySet());
        repeats.forgetBefore(latest.minus(settings.lookback()));
    }

    /** A rules folder need not read the settings; Drools refuses a value for a global no rule file declares. */
    private static boolean declaresSettings(RuleSet rules) {
        return rules.kieBase().getKiePackages().stream().flatMap(p -> p.getGlobalVariables().stream())
                .anyMatch(g -> g.getName().equals(SETTINGS));
    }

    private static Severity max(Severity a, Severity b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Duration longest(Duration... durations) {
        Duration longest = Duration.ZERO;
        for (Duration d : durations) {
            if (d.compareTo(longest) > 0) {
                longest = d;
            }
        }
        return longest;
    }

    /** Traffic the SOC learned as expected, for the suppression rules; it stays for the engine's life. */
    synchronized void learn(LearnedTraffic traffic) {
        session.insert(traffic);
    }

    @Override
    public synchronized void close() {
        session.dispose();
    }
}
