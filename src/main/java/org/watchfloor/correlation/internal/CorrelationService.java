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
import org.watchfloor.alerts.SecurityAlert;
import org.watchfloor.alerts.StoredAlert;
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

    @TransactionalEventListener
    void on(AlertsReceived received) {
        List<String> ids = new ArrayList<>(received.newAlertIds());
        ids.addAll(received.updatedAlertIds());
        decide(alerts.findAll(ids).stream().map(StoredAlert::alert).toList());
    }

    /** Decides the alerts, oldest first; alerts decided before are passed over. */
    synchronized void decide(List<SecurityAlert> batch) {
        CorrelationEngine current = engine();
        batch.stream().sorted(Comparator.comparing(SecurityAlert::timeGenerated)
                .thenComparing(SecurityAlert::systemAlertId)).forEach(current::decide);
    }

    private synchronized void restart(RuleSet reloaded) {
        if (engine != null) {
            engine.close();
            engine = null;
        }
    }

    private CorrelationEngine engine() {
        if (engine == null) {
            CorrelationEngine fresh = new CorrelationEngine(rules.get(), properties.settings(), ledger, clock);
            Instant latest = alerts.latestTime().orElse(null);
            if (latest != null) {
                Instant from = fresh.horizonFrom(latest);
                List<SecurityAlert> recent = alerts.since(from);
                fresh.restore(ledger.activeSince(from), recent);
                long undecided = recent.stream().filter(a -> !ledger.isDecided(a.systemAlertId())).count();
                if (undecided > 0) {
                    log.info("Deciding {} stored alerts that were not decided yet", undecided);
                    recent.forEach(fresh::decide);
                }
            }
            engine = fresh;
        }
        return engine;
    }
}
