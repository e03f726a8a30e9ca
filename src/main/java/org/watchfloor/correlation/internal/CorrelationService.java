package org.watchfloor.correlation.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;
import org.watchfloor.alerts.AlertQueries;
import org.watchfloor.alerts.AlertsReceived;
import org.watchfloor.cli.PendingWork;
import org.watchfloor.correlation.rules.LearnedTraffic;
import org.watchfloor.incidents.AlertsAwaitingDecision;
import org.watchfloor.incidents.IncidentLedger;
import org.watchfloor.incidents.LearnedBaseline;
import org.watchfloor.incidents.TrafficLearned;

/**
 * Decides every stored alert once its batch is committed, on a thread of its own: intake answers without waiting
 * for the rules, and deciding runs beside the next batch's parsing. One thread keeps the order of batches, and the
 * alerts of a batch are decided in the order first seen, in one transaction. The engine's working state is rebuilt
 * from the database when it starts and after every rule reload; alerts stored but not decided yet (the process
 * stopped in between) are decided then, oldest first, so a restart in the middle of a stream changes nothing.
 */
@Service
class CorrelationService implements PendingWork, AlertsAwaitingDecision, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(CorrelationService.class);

    /** Some 30 MB; counted in alerts, since a batch is as large as the intake's batch size or a forwarder's post. */
    private static final int ALERTS_KEPT_IN_MEMORY = 16_000;

    private final ActiveRules rules;
    private final CorrelationProperties properties;
    private final IncidentLedger ledger;
    private final AlertQueries alerts;
    private final LearnedBaseline baseline;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "correlation");
        thread.setDaemon(true);
        return thread;
    });
    /** Batches handed to the worker and not decided yet. */
    private final AtomicInteger waitingBatches = new AtomicInteger();
    /** Alerts of those batches that wait in memory rather than as ids. */
    private final AtomicInteger alertsWaitingInMemory = new AtomicInteger();
    private CorrelationEngine engine;

    CorrelationService(ActiveRules rules, CorrelationProperties properties, IncidentLedger ledger,
                       AlertQueries alerts, LearnedBaseline baseline, TransactionTemplate transactions, Clock clock) {
        this.rules = rules;
        this.baseline = baseline;
        this.properties = properties;
        this.ledger = ledger;
        this.alerts = alerts;
        this.transactions = transactions;
        this.clock = clock;
        rules.onReload(reloaded -> worker.execute(this::reset));
    }

    /** Newly learned traffic reaches the working state on the worker, in order with the batches around it. */
    @TransactionalEventListener
    void on(TrafficLearned learned) {
        if (properties.suppressLearnedTraffic()) {
            worker.execute(() -> {
                if (engine != null) {
                    learned.entries().forEach(entry -> engine.learn(learned(entry)));
                }
            });
        }
    }

    private static LearnedTraffic learned(LearnedBaseline.Entry entry) {
        return new LearnedTraffic(entry.alertName(), entry.sourceAddress(), entry.destinationAddress(),
                entry.learnedBy());
    }

    /**
     * A batch's new alerts come with the event as stored and are decided from memory, not read back, while fewer
     * than {@link #ALERTS_KEPT_IN_MEMORY} alerts wait so; beyond that only their ids wait, and the alerts are read
     * when their turn comes, so memory stays bounded however far correlation falls behind.
     */
    @TransactionalEventListener
    void on(AlertsReceived received) {
        boolean inMemory = alertsWaitingInMemory.get() < ALERTS_KEPT_IN_MEMORY;
        List<Sighting> fresh = inMemory ? received.newAlerts().stream().map(Sighting::of).toList() : List.of();
        List<String> toRead = new ArrayList<>(received.updatedAlertIds());
        if (!inMemory) {
            toRead.addAll(received.newAlertIds());
        }
        waitingBatches.incrementAndGet();
        alertsWaitingInMemory.addAndGet(fresh.size());
        worker.execute(() -> {
            try {
                decideReceived(fresh, toRead);
            } finally {
                alertsWaitingInMemory.addAndGet(-fresh.size());
                waitingBatches.decrementAndGet();
            }
        });
    }

    @Override
    public boolean any() {
        return waitingBatches.get() > 0;
    }

    @Override
    public void awaitCompletion() throws InterruptedException {
        try {
            worker.submit(() -> { }).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the correlation worker failed", e.getCause());
        }
    }

    /** Lets the worker finish what it was handed before the application stops. */
    @Override
    public void destroy() throws InterruptedException {
        worker.shutdown();
        if (!worker.awaitTermination(1, TimeUnit.MINUTES)) {
            log.warn("Stopped with alerts still to decide; they are decided at the next start");
        }
    }

    /**
     * A failure never loses an alert: it stays stored, undecided, and is decided when the working state is next
     * rebuilt, which a failure forces.
     */
    private void decideReceived(List<Sighting> fresh, List<String> toRead) {
        try {
            List<Sighting> batch = new ArrayList<>(fresh);
            alerts.findAll(toRead).forEach(stored -> batch.add(Sighting.of(stored)));
            decide(batch);
        } catch (RuntimeException e) {
            log.error("Could not decide {} alerts; they are decided at the next rebuild", fresh.size() + toRead.size(),
                    e);
            reset();
        }
    }

    /**
     * Decides the alerts, oldest first; alerts decided before are passed over. The working state is a cache of the
     * database: when the ledger refuses a decision made from it (the incident changed behind the engine's back),
     * the batch is rolled back, the state rebuilt from the database and the batch decided again.
     */
    void decide(List<Sighting> batch) {
        List<Sighting> ordered = batch.stream().sorted(Comparator.comparing(Sighting::firstSeen)
                .thenComparing(s -> s.alert().systemAlertId())).toList();
        if (ordered.isEmpty()) {
            return;
        }
        try {
            transactions.executeWithoutResult(tx -> decideAndRecord(ordered));
        } catch (RuntimeException stale) {
            log.warn("Correlation's working state disagreed with the database ({}); rebuilding it",
                    stale.getMessage());
            reset();
            transactions.executeWithoutResult(tx -> decideAndRecord(ordered));
        }
    }

    /** Decides the alerts into one batch of the ledger, recorded with a few batched statements. */
    private void decideAndRecord(List<Sighting> ordered) {
        IncidentLedger.Batch batch = ledger.batch(ordered.stream().map(s -> s.alert().systemAlertId()).toList());
        CorrelationEngine current = engine(ordered.get(0).firstSeen(), batch);
        ordered.forEach(a -> current.decide(a, batch));
        batch.record();
    }

    private void reset() {
        if (engine != null) {
            engine.close();
            engine = null;
        }
    }

    /**
     * The engine, rebuilt from the database when there is none: the incidents and alerts within reach of the
     * earliest alert about to be decided (or of the latest stored, if later), then every stored alert in that
     * reach that was not decided yet, oldest first, into the batch.
     */
    private CorrelationEngine engine(Instant earliest, IncidentLedger.Batch batch) {
        if (engine == null) {
            CorrelationEngine fresh = new CorrelationEngine(rules.get(), properties.settings(), ledger, clock);
            if (properties.suppressLearnedTraffic()) {
                baseline.entries().forEach(entry -> fresh.learn(learned(entry)));
            }
            Instant latest = alerts.latestTime().orElse(earliest);
            Instant from = fresh.horizonFrom(earliest.isBefore(latest) ? earliest : latest);
            List<Sighting> recent = alerts.firstSeenSince(from).stream().map(Sighting::of).toList();
            Set<String> decided = ledger.decided(recent.stream().map(s -> s.alert().systemAlertId()).toList());
            fresh.restore(ledger.activeSince(from), recent, decided);
            List<Sighting> undecided = recent.stream()
                    .filter(s -> !decided.contains(s.alert().systemAlertId())).toList();
            if (!undecided.isEmpty()) {
                log.info("Deciding {} stored alerts that were not decided yet", undecided.size());
                undecided.forEach(s -> fresh.decide(s, batch));
            }
            engine = fresh;
        }
        return engine;
    }
}
