package org.watchfloor.incidents.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.event.TransactionalEventListener;
import org.watchfloor.Background;
import org.watchfloor.IncidentTables;
import org.watchfloor.SharedData;
import org.watchfloor.alerts.AlertIntake;
import org.watchfloor.alerts.IntakePath;
import org.watchfloor.alerts.IotDevice;
import org.watchfloor.alerts.StoredAlert;
import org.watchfloor.incidents.AlertsAttached;
import org.watchfloor.incidents.Explanation;
import org.watchfloor.incidents.IncidentLedger.AttachedAlert;
import org.watchfloor.incidents.IncidentLedger;
import org.watchfloor.incidents.IncidentOpened;
import org.watchfloor.incidents.IncidentReopened;
import org.watchfloor.incidents.RuleHit;

/** What the incident tests share: a clean store holding the sample alerts, and decisions made as correlation would. */
final class TestIncidents {

    /** The multistage chain of the sample (see its truth file), earliest first. */
    static final List<String> CHAIN = List.of(
            "0e027248-fee5-bf02-e1bc-b3e5de1e90d6",
            "4072fb73-fc7b-0b0c-a867-4764545535d0",
            "f81c5eb4-7437-51a7-6e6b-8fe6223cff57",
            "2a62ae7e-6722-f8b1-1ca4-4b00309e30a8");

    /** How many alerts the sample stores: its rows less the rejected, the updates and the duplicates. */
    private static final long SAMPLE_ALERTS = 304;

    private TestIncidents() {
    }

    /**
     * Stores the sample alerts afresh and empties the incident tables, numbering from 1 again: what correlation
     * decided on intake is wiped, so a test makes its own decisions through the ledger.
     */
    static void resetWithSample(ApplicationContext context) {
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        Background.finish(context);
        jdbc.update("DELETE FROM alert");
        jdbc.update("DELETE FROM quarantined_row");
        try {
            context.getBean(AlertIntake.class).ingest(
                    new ByteArrayInputStream(SharedData.bytes(SharedData.SAMPLE)), IntakePath.FILE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        IncidentTables.wipe(context);
    }

    /**
     * Like {@link #resetWithSample}, but stores the sample only when the alerts table does not hold exactly it: a test
     * class whose tests only open incidents through the ledger saves re-reading it before every test.
     */
    static void wipeIncidentsKeepingSample(ApplicationContext context) {
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        Background.finish(context);
        Long stored = jdbc.queryForObject("SELECT COUNT(*) FROM alert", Long.class);
        Long sample = jdbc.queryForObject("SELECT COUNT(*) FROM alert WHERE system_alert_id IN (?, ?, ?, ?)",
                Long.class, CHAIN.toArray());
        if (stored == null || stored != SAMPLE_ALERTS || sample == null || sample != CHAIN.size()) {
            resetWithSample(context);
        } else {
            IncidentTables.wipe(context);
        }
    }

    /** The alert as correlation hands it over: its time, its entity keys and a one-rule explanation. */
    static AttachedAlert attached(StoredAlert stored, String outcome) {
        var a = stored.alert();
        List<String> keys = new ArrayList<>();
        for (IotDevice d : a.devices()) {
            if (d.deviceId() != null) {
                keys.add("device:" + d.deviceId());
            }
            if (d.ipAddress() != null) {
                keys.add("ip:" + d.ipAddress());
            }
            if (d.macAddress() != null) {
                keys.add("mac:" + d.macAddress());
            }
        }
        a.hosts().forEach(h -> keys.add("host:" + h.hostName()));
        a.ipAddresses().forEach(ip -> keys.add("ip:" + ip));
        Explanation why = new Explanation(a.systemAlertId(), Instant.now(), outcome, outcome + " by test rule",
                List.of(new RuleHit("test rule", outcome, List.of("alert " + a.alertName()))));
        return new AttachedAlert(a.systemAlertId(), a.alertName(), a.timeGenerated(), keys, a.tactics(),
                a.techniques(), a.devices().stream().map(IotDevice::site).filter(s -> s != null).toList(), why);
    }

    /** Records each incident event as a listener of another module would receive it. */
    @TestConfiguration
    static class RecordedEvents {
        final List<Object> received = new CopyOnWriteArrayList<>();
        /** Whether the decisions of the event's alerts were readable, so committed, when it arrived. */
        final List<Boolean> committedWhenSeen = new CopyOnWriteArrayList<>();
        private final IncidentLedger ledger;

        RecordedEvents(IncidentLedger ledger) {
            this.ledger = ledger;
        }

        void clear() {
            received.clear();
            committedWhenSeen.clear();
        }

        @TransactionalEventListener
        void on(IncidentOpened event) {
            seen(event, event.systemAlertIds());
        }

        @TransactionalEventListener
        void on(AlertsAttached event) {
            seen(event, event.systemAlertIds());
        }

        @TransactionalEventListener
        void on(IncidentReopened event) {
            seen(event, List.of(event.systemAlertId()));
        }

        private void seen(Object event, List<String> systemAlertIds) {
            committedWhenSeen.add(systemAlertIds.stream().allMatch(ledger::isDecided));
            received.add(event);
        }
    }
}
