package org.watchfloor.incidents.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;
import org.watchfloor.alerts.Severity;
import org.watchfloor.cli.PendingWork;
import org.watchfloor.incidents.AlertsAttached;
import org.watchfloor.incidents.AlertsAwaitingDecision;
import org.watchfloor.incidents.IncidentOpened;
import org.watchfloor.incidents.IncidentReopened;

/**
 * In the server: starts the lifecycle process of every incident waiting for one, and tells running processes what
 * correlation did to their incident. Works on a thread of its own, so correlation never waits for Camunda. An incident
 * waits for its process in the database ({@code lifecycle_pending}), not in memory, so incidents opened while the
 * server was down, or by a command-line import, get their process at the next look.
 */
@Component
@ConditionalOnWebApplication
class LifecycleStarter implements SmartInitializingSingleton, PendingWork, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LifecycleStarter.class);
    private static final int BATCH = 200;
    /**
     * Incidents started in one transaction: a burst commits a few times instead of once per incident. When one of
     * them fails, they are started one by one, so the others still start.
     */
    private static final int TOGETHER = 20;
    /** How soon a process that was busy when told about new alerts is told again. */
    private static final Duration BUSY_RETRY = Duration.ofSeconds(1);
    /** How soon work held back while correlation decides looks again whether correlation is done. */
    private static final Duration HELD_BACK_RECHECK = Duration.ofMillis(250);

    private final LifecycleStore store;
    private final IncidentStore incidents;
    private final IncidentProcess process;
    private final TransactionTemplate transaction;
    private final LifecycleProperties properties;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "lifecycle"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "lifecycle-check");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean startQueued = new AtomicBoolean();
    private final AtomicBoolean laterLookQueued = new AtomicBoolean();
    private final Map<Long, Boolean> attachedSinceLastLook = new ConcurrentHashMap<>();
    /** When each incident's process last heard of new alerts; touched by the worker thread only. */
    private final Map<Long, Instant> lastTold = new HashMap<>();
    private final Clock clock;
    /**
     * During a flood of alerts, starts and routine notices wait while correlation decides (up to
     * {@code defer-while-deciding} at a time): the two cores go to deciding which incidents exist, and the alerts that
     * arrive meanwhile are told together. Touched by the worker thread only.
     */
    private final DecisionsFirst startsAfterDecisions;
    private final DecisionsFirst noticesAfterDecisions;

    LifecycleStarter(LifecycleStore store, IncidentStore incidents, IncidentProcess process,
                     TransactionTemplate transaction, LifecycleProperties properties,
                     AlertsAwaitingDecision awaitingDecision, Clock clock) {
        this.store = store;
        this.incidents = incidents;
        this.process = process;
        this.transaction = transaction;
        this.properties = properties;
        this.clock = clock;
        this.startsAfterDecisions = new DecisionsFirst(awaitingDecision, properties.deferWhileDeciding());
        this.noticesAfterDecisions = new DecisionsFirst(awaitingDecision, properties.deferWhileDeciding());
    }

    @Override
    public void afterSingletonsInstantiated() {
        startPending();
        long every = properties.pendingCheck().toMillis();
        if (every > 0) {
            timer.scheduleWithFixedDelay(this::startPending, every, every, TimeUnit.MILLISECONDS);
        }
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(IncidentOpened opened) {
        startPending();
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(IncidentReopened reopened) {
        startPending();
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(IncidentCommands.LifecycleWanted wanted) {
        startPending();
    }

    /**
     * Correlation attaches a batch's alerts one decision at a time; the incident's process hears of them once per
     * look, and at most once per {@code new-alerts-interval}, so during a flood of alerts its owner gets a mail now
     * and then, not one per intake batch, and the job executor is not buried under refreshed forms.
     */
    @TransactionalEventListener(fallbackExecution = true)
    void on(AlertsAttached attached) {
        boolean raisedToHigh = attached.severityRaised() && attached.severity() == Severity.HIGH;
        Boolean waiting = attachedSinceLastLook.putIfAbsent(attached.number(), raisedToHigh);
        if (waiting == null) {
            onWorker(this::tellAttached);
        } else if (raisedToHigh) {
            attachedSinceLastLook.merge(attached.number(), true, Boolean::logicalOr);
            onWorker(this::tellAttached);
        }
    }

    private void tellAttached() {
        tellAttached(false);
    }

    /** @param all whether to tell every incident now, its interval over or not */
    private void tellAttached(boolean all) {
        Instant now = clock.instant();
        Duration interval = properties.newAlertsInterval();
        lastTold.values().removeIf(told -> !told.plus(interval).isAfter(now));
        Instant nextDue = null;
        boolean flood = !all && !attachedSinceLastLook.isEmpty() && noticesAfterDecisions.isFlood();
        boolean holdRoutine = flood && noticesAfterDecisions.holdsBack(now);
        // a flood that outlasts a hold gets one batch of routine notices, as it gets one batch of starts
        int routineLeft = flood ? BATCH : Integer.MAX_VALUE;
        for (Long number : List.copyOf(attachedSinceLastLook.keySet())) {
            boolean routine = !attachedSinceLastLook.getOrDefault(number, false);
            if (routine && (holdRoutine || routineLeft == 0)) {
                Instant recheck = now.plus(HELD_BACK_RECHECK);
                nextDue = nextDue == null || recheck.isBefore(nextDue) ? recheck : nextDue;
                continue;
            }
            Instant told = lastTold.get(number);
            if (!all && told != null && routine) {
                Instant due = told.plus(interval);
                nextDue = nextDue == null || due.isBefore(nextDue) ? due : nextDue;
                continue;
            }
            if (routine) {
                routineLeft--;
            }
            Boolean raisedToHigh = attachedSinceLastLook.remove(number);
            if (raisedToHigh != null && !tell(number, raisedToHigh)) {
                attachedSinceLastLook.merge(number, raisedToHigh, Boolean::logicalOr);
                Instant retry = now.plus(BUSY_RETRY);
                nextDue = nextDue == null || retry.isBefore(nextDue) ? retry : nextDue;
            }
        }
        if (nextDue != null && laterLookQueued.compareAndSet(false, true)) {
            try {
                timer.schedule(() -> worker.execute(() -> {
                    laterLookQueued.set(false);
                    tellAttached();
                }), Duration.between(now, nextDue).toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                log.info("The server stops before incidents {} hear of their new alerts; their next alerts tell them",
                        attachedSinceLastLook.keySet());
            }
        }
    }

    /**
     * Tells the incident's process about its new alerts. Answers false when the process was busy with one of its
     * own steps at that instant (Camunda refuses the concurrent change): the caller tells it again shortly. Both
     * messages go in one transaction, so a retry never tells the owner about the same alerts twice.
     */
    private boolean tell(long number, boolean raisedToHigh) {
        lastTold.put(number, clock.instant());
        try {
            transaction.executeWithoutResult(status -> {
                process.tell(number, IncidentProcess.ALERTS_ATTACHED);
                if (raisedToHigh) {
                    process.tell(number, IncidentProcess.SEVERITY_RAISED_TO_HIGH);
                }
            });
            return true;
        } catch (OptimisticLockingException busy) {
            lastTold.remove(number);
            log.debug("Incident {}'s process was busy; it hears of its new alerts in {}", number, BUSY_RETRY);
            return false;
        } catch (RuntimeException e) {
            log.error("Failed telling incident {} about new alerts; its next alerts tell it: {}", number,
                    e.toString(), e);
            return true;
        }
    }

    /** The incidents whose new alerts wait for the end of their interval, once the looks queued so far are done. */
    Set<Long> waitingForInterval() throws InterruptedException, ExecutionException {
        return worker.submit(() -> Set.copyOf(attachedSinceLastLook.keySet())).get();
    }

    /** Queues one look for waiting incidents; a look already queued covers this one too. */
    void startPending() {
        if (startQueued.compareAndSet(false, true)) {
            onWorker(() -> {
                startQueued.set(false);
                guarded("starting lifecycle processes", this::startAllPending);
            });
        }
    }

    /**
     * Correlation may still commit decisions while the server stops, after the worker has: what they ask for waits in
     * the database (incidents pending), or is told with the incident's next alerts.
     */
    private void onWorker(Runnable work) {
        try {
            worker.execute(work);
        } catch (RejectedExecutionException stopping) {
            log.debug("The server stops; the lifecycle work correlation just asked for is left to the next start");
        }
    }

    /**
     * Starts batch by batch of incident numbers, each batch latest activity first, as analysts see them listed, a
     * few incidents per transaction. One incident that cannot start (its process does not deploy, say) holds up none
     * of the others.
     */
    private void startAllPending() {
        if (startsHeldBack()) {
            return;
        }
        long after = 0;
        List<Long> pending;
        do {
            pending = store.pending(after, BATCH);
            for (int from = 0; from < pending.size(); from += TOGETHER) {
                List<Long> together = pending.subList(from, Math.min(pending.size(), from + TOGETHER));
                try {
                    // locked in number order, as correlation locks the incidents it decides on: in any other
                    // order the two can each hold an incident the other waits for
                    transaction.executeWithoutResult(status -> together.stream().sorted()
                            .forEach(this::startIfStillPending));
                } catch (RuntimeException e) {
                    together.forEach(number -> guarded("starting the lifecycle of incident " + number,
                            () -> transaction.executeWithoutResult(status -> startIfStillPending(number))));
                }
            }
            for (long number : pending) {
                after = Math.max(after, number);
            }
        } while (pending.size() == BATCH && !startsHeldBack());
    }

    /**
     * Whether starts wait for correlation now; a look is queued for when they may go on. A flood that outlasts a hold
     * gets one batch of starts, and then the next hold begins: the lifecycle keeps up a little during a long flood
     * without taking the cores from deciding.
     */
    private boolean startsHeldBack() {
        if (!startsAfterDecisions.holdsBack(clock.instant())) {
            return false;
        }
        try {
            timer.schedule(this::startPending, HELD_BACK_RECHECK.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            log.debug("The server stops; incidents waiting for their process start at the next start");
        }
        return true;
    }

    /**
     * The row lock makes servers that share a database take turns; the second finds nothing left to start. A new
     * process (a reopened incident's) hears of the next new alerts at once.
     */
    private void startIfStillPending(long number) {
        incidents.lock(number).orElseThrow();
        if (store.isPending(number)) {
            process.start(number);
            store.markStarted(number);
            lastTold.remove(number);
        }
    }

    private static void guarded(String what, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            log.error("Failed {}; the next look retries: {}", what, e.toString(), e);
        }
    }

    /**
     * Incidents waiting for their process get it now, unless correlation is still deciding (then the next call
     * starts them): a start held back during a flood waits on the timer, not on the worker. New alerts that wait for
     * the end of their incident's interval are told now: they were handed over too. A process busy at that instant
     * is told again a moment later, a few times at most.
     */
    @Override
    public void awaitCompletion() throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            Future<Boolean> done = worker.submit(() -> {
                guarded("starting lifecycle processes", this::startAllPending);
                tellAttached(true);
                return attachedSinceLastLook.isEmpty();
            });
            try {
                if (done.get() || attempt == 10) {
                    return;
                }
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
            Thread.sleep(BUSY_RETRY.toMillis());
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        timer.shutdownNow();
        worker.shutdown();
        if (!worker.awaitTermination(30, TimeUnit.SECONDS)) {
            worker.shutdownNow();
        }
    }
}
