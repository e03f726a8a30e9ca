package org.watchfloor.correlation.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;
import org.watchfloor.alerts.AlertQueries;
import org.watchfloor.alerts.AlertsReceived;
import org.watchfloor.incidents.IncidentLedger;

/**
 * Decides every stored alert once it is committed, in {@code TimeGenerated} order within each batch. The engine's
 * working state is rebuilt from the database when it starts and after every rule reload; alerts that were stored
 * but not decided (the process stopped in between) are decided then, oldest first, so a restart in the middle of a
 * stream changes nothing.
 */
@Service
class CorrelationService {

    private static final Logger log = LoggerFactory.getLogger(CorrelationService.class);

    private final ActiveRules rules;
    private final CorrelationProperties properties;
    private final IncidentLedger ledger;
    private final AlertQueries alerts;
    private final Clock clock;
    private CorrelationEngine engine;

    CorrelationService(ActiveRules rules, CorrelationProperties properties, IncidentLedger ledger,
                       AlertQueries alerts, Clock clock) {
        this.rules = rules;
        this.properties = properties;
        this.ledger = ledger;
        this.alerts = alerts;
        this.clock = clock;
        rules.onReload(this::restart);
    }

    /**
     * After the batch is committed. A failure here never fails the intake: the alerts are stored, and what was not
     * decided is decided when the working state is next rebuilt.
     */
    @TransactionalEventListener
    void on(AlertsReceived received) {
        List<String> ids = new ArrayList<>(received.newAlertIds());
        ids.addAll(received.updatedAlertIds());
        try {
            decide(alerts.findAll(ids).stream().map(Sighting::of).toList());
        } catch (RuntimeException e) {
            log.error("Could not decide {} alerts of an intake over {}; they are decided at the next rebuild",
                    ids.size(), received.path(), e);
            reset();
        }
    }

    /** Decides the alerts, oldest first; alerts decided before are passed over. */
    synchronized void decide(List<Sighting> batch) {
        List<Sighting> ordered = batch.stream().sorted(Comparator.comparing(Sighting::firstSeen)
                .thenComparing(s -> s.alert().systemAlertId())).toList();
        if (!ordered.isEmpty()) {
            Instant earliest = ordered.get(0).firstSeen();
            ordered.forEach(alert -> decide(alert, earliest));
        }
    }

    /**
     * The working state is a cache of the database; when the ledger refuses a decision made from it (the incident
     * changed behind the engine's back: closed, removed, or the alert decided elsewhere), the state is rebuilt from
     * the database and the alert decided again.
     */
    private void decide(Sighting alert, Instant earliest) {
        try {
            engine(earliest).decide(alert);
        } catch (RuntimeException stale) {
            log.warn("Correlation's working state disagreed with the database ({}); rebuilding it", stale.getMessage());
            reset();
            engine(earliest).decide(alert);
        }
    }

    private synchronized void reset() {
        if (engine != null) {
            engine.close();
            engine = null;
        }
    }

    private void restart(RuleSet reloaded) {
        reset();
    }

    /**
     * The engine, rebuilt from the database when there is none: the incidents and alerts within reach of the
     * earliest alert about to be decided (or of the latest stored, if later), then every stored alert in that
     * reach that was not decided yet, oldest first.
     */
    private CorrelationEngine engine(Instant earliest) {
        if (engine == null) {
            CorrelationEngine fresh = new CorrelationEngine(rules.get(), properties.settings(), ledger, clock);
            Instant latest = alerts.latestTime().orElse(earliest);
            Instant from = fresh.horizonFrom(earliest.isBefore(latest) ? earliest : latest);
            List<Sighting> recent = alerts.firstSeenSince(from).stream().map(Sighting::of).toList();
            fresh.restore(ledger.activeSince(from), recent);
            long undecided = recent.stream().filter(a -> !ledger.isDecided(a.alert().systemAlertId())).count();
            if (undecided > 0) {
                log.info("Deciding {} stored alerts that were not decided yet", undecided);
                recent.forEach(fresh::decide);
            }
            engine = fresh;
        }
        return engine;
    }
}
