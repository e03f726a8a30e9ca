package org.watchfloor.incidents.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.watchfloor.incidents.internal.TestIncidents.CHAIN;
import static org.watchfloor.incidents.internal.TestIncidents.attached;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.watchfloor.Background;
import org.watchfloor.WatchfloorTest;
import org.watchfloor.alerts.AlertFilter;
import org.watchfloor.alerts.AlertIntake;
import org.watchfloor.alerts.AlertQueries;
import org.watchfloor.alerts.Severity;
import org.watchfloor.alerts.StoredAlert;
import org.watchfloor.incidents.AlertAlreadyDecidedException;
import org.watchfloor.incidents.AlertsAttached;
import org.watchfloor.incidents.Explanation;
import org.watchfloor.incidents.IncidentLedger.AttachedAlert;
import org.watchfloor.incidents.IncidentLedger.NewIncident;
import org.watchfloor.incidents.IncidentLedger;
import org.watchfloor.incidents.IncidentOpened;
import org.watchfloor.incidents.IncidentReopened;
import org.watchfloor.incidents.IncidentSnapshot;
import org.watchfloor.incidents.IncidentStatus;
import org.watchfloor.incidents.RuleHit;

/** The ledger as correlation uses it, over the sample alerts stored through the real intake. */
@WatchfloorTest
@Import(TestIncidents.RecordedEvents.class)
class IncidentLedgerTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    IncidentLedger ledger;
    @Autowired
    AlertIntake intake;
    @Autowired
    AlertQueries alerts;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestIncidents.RecordedEvents events;
    @Autowired
    IncidentViews views;
    @Autowired
    ObjectMapper json;

    private List<StoredAlert> sample;

    @BeforeEach
    void cleanStoreWithTheSample() {
        TestIncidents.wipeIncidentsKeepingSample(context);
        List<StoredAlert> newestFirst = new ArrayList<>(alerts.search(AlertFilter.ALL, 0, 1000));
        Collections.reverse(newestFirst);
        sample = newestFirst.stream().filter(a -> !CHAIN.contains(a.alert().systemAlertId())).toList();
        events.clear();
    }

    private AttachedAlert alert(int i) {
        return attached(sample.get(i), "attach");
    }

    private AttachedAlert chain(int i) {
        return attached(alerts.find(CHAIN.get(i)).orElseThrow(), "attach");
    }

    private IncidentSnapshot open(Severity severity, AttachedAlert... first) {
        return ledger.open(new NewIncident("Incident of " + first[0].alertName(), severity, List.of("ot"), null,
                List.of(first)));
    }

    @Test
    void anExplanationReadsBackAsRecordedWithEachMatchedFactStoredOnceAndOlderDecisionsStillRead() throws Exception {
        AttachedAlert a = alert(0);
        String theAlert = "Alert " + a.systemAlertId() + " '" + a.alertName() + "' Medium";
        List<RuleHit> hits = List.of(
                new RuleHit("Group: join an open incident", "join incident 7", List.of(theAlert, "Incident 7 'PLC'")),
                new RuleHit("Defender for IoT: PLC stop", "open incident '(MDIoT) PLC stop' (High)", List.of(theAlert)),
                new RuleHit("Crown jewel", "raise severity to High", List.of(theAlert, "Crown jewel 10.0.0.1",
                        "Incident 7 'PLC'")));
        Explanation why = new Explanation(a.systemAlertId(), Instant.parse("2026-11-01T10:00:00Z"), "opened",
                "rule 'Defender for IoT: PLC stop'", hits);
        long number = open(Severity.HIGH, new AttachedAlert(a.systemAlertId(), a.alertName(), a.time(),
                a.entityKeys(), a.tactics(), a.techniques(), a.sites(), why)).number();

        assertThat(views.detail(number).orElseThrow().explanation()).containsExactly(why);
        String stored = jdbc.queryForObject("SELECT hits FROM correlation_decision WHERE system_alert_id = ?",
                String.class, a.systemAlertId());
        assertThat(stored.split(Pattern.quote(theAlert), -1)).hasSize(2);

        jdbc.update("UPDATE correlation_decision SET hits = ? WHERE system_alert_id = ?", json.writeValueAsString(hits),
                a.systemAlertId());
        assertThat(views.detail(number).orElseThrow().explanation()).containsExactly(why);
    }

    @Test
    void incidentsAreOpenedAsNewAndNumberedOneTwoThree() {
        IncidentSnapshot first = open(Severity.MEDIUM, alert(0), alert(1));
        IncidentSnapshot second = open(Severity.LOW, alert(2));
        IncidentSnapshot third = open(Severity.HIGH, alert(3));

        assertThat(List.of(first.number(), second.number(), third.number())).containsExactly(1L, 2L, 3L);
        assertThat(first.status()).isEqualTo(IncidentStatus.New);
        assertThat(first.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(first.tags()).containsExactly("ot");
        assertThat(first.alertCount()).isEqualTo(2);
        assertThat(first.firstActivity()).isEqualTo(alert(0).time());
        assertThat(first.lastActivity()).isEqualTo(alert(1).time());
        assertThat(first.closedAt()).isNull();
        assertThat(first.entityKeys()).containsAll(alert(0).entityKeys()).containsAll(alert(1).entityKeys());
        assertThat(first.alertNameCounts().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(2);
        assertThat(ledger.snapshot(1)).contains(first);
        assertThat(ledger.snapshot(99)).isEmpty();
    }

    @Test
    void attachingRaisesTheSeverityButNeverLowersIt() {
        long number = open(Severity.MEDIUM, alert(0)).number();

        IncidentSnapshot raised = ledger.attach(number, List.of(alert(1)), Severity.HIGH, List.of());
        IncidentSnapshot kept = ledger.attach(number, List.of(alert(2)), Severity.LOW, List.of());

        assertThat(raised.severity()).isEqualTo(Severity.HIGH);
        assertThat(kept.severity()).isEqualTo(Severity.HIGH);
        assertThat(events.received).filteredOn(AlertsAttached.class::isInstance)
                .extracting(e -> ((AlertsAttached) e).severityRaised()).containsExactly(true, false);
    }

    @Test
    void attachingAddsTagsEntitiesAndNamesAndWidensTheActivityEitherWay() {
        long number = open(Severity.LOW, alert(5)).number();

        ledger.attach(number, List.of(alert(6)), Severity.LOW, List.of("plc", "ot"));
        IncidentSnapshot after = ledger.attach(number, List.of(alert(1)), Severity.LOW, List.of("late"));

        assertThat(after.tags()).containsExactlyInAnyOrder("ot", "plc", "late");
        assertThat(after.alertCount()).isEqualTo(3);
        assertThat(after.firstActivity()).isEqualTo(alert(1).time());
        assertThat(after.lastActivity()).isEqualTo(alert(6).time());
        assertThat(after.entityKeys()).containsAll(alert(1).entityKeys()).containsAll(alert(6).entityKeys());
        assertThat(after.alertNameCounts().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(3);
        assertThat(after.status()).isEqualTo(IncidentStatus.New);
    }

    @Test
    void theMultistageChainReadsInKillChainOrderWhateverTheOrderItArrivedIn() {
        IncidentSnapshot opened = ledger.open(new NewIncident("Multistage attack on 10.10.1.10", Severity.HIGH,
                List.of("multistage"), "10.10.1.13", List.of(chain(3))));
        ledger.attach(opened.number(), List.of(chain(1), chain(2)), Severity.HIGH, List.of());
        ledger.attach(opened.number(), List.of(chain(0)), Severity.MEDIUM, List.of());

        var row = jdbc.queryForMap("SELECT tactics, techniques, sites, multistage_host FROM incident WHERE number = ?",
                opened.number());
        assertThat(row.get("tactics")).isEqualTo("[\"InitialAccess\",\"Execution\",\"InhibitResponseFunction\"]");
        assertThat(row.get("techniques")).isEqualTo("[\"T1059\",\"T0886\",\"T0839\",\"T0881\"]");
        assertThat((String) row.get("sites")).contains("Plant");
        assertThat(row.get("multistage_host")).isEqualTo("10.10.1.13");
        IncidentSnapshot snapshot = ledger.snapshot(opened.number()).orElseThrow();
        assertThat(snapshot.severity()).isEqualTo(Severity.HIGH);
        assertThat(snapshot.alertCount()).isEqualTo(4);
        assertThat(snapshot.firstActivity()).isEqualTo(Instant.parse("2026-11-01T12:03:00Z"));
        assertThat(snapshot.lastActivity()).isEqualTo(Instant.parse("2026-11-01T12:55:00Z"));
    }

    @Test
    void anIncidentStoredBeforeFirstSightingsWereKeptReSortsItsTechniquesFromItsAlertsOnce() {
        IncidentSnapshot opened = ledger.open(new NewIncident("Multistage attack on 10.10.1.10", Severity.HIGH,
                List.of("multistage"), "10.10.1.13", List.of(chain(3))));
        ledger.attach(opened.number(), List.of(chain(2)), Severity.HIGH, List.of());
        jdbc.update("UPDATE incident SET technique_first_seen = NULL WHERE number = ?", opened.number());

        ledger.attach(opened.number(), List.of(chain(0), chain(1)), Severity.HIGH, List.of());

        var row = jdbc.queryForMap("SELECT techniques, technique_first_seen FROM incident WHERE number = ?",
                opened.number());
        assertThat(row.get("techniques")).isEqualTo("[\"T1059\",\"T0886\",\"T0839\",\"T0881\"]");
        assertThat((String) row.get("technique_first_seen")).contains("\"technique\":\"T1059\"")
                .contains("\"technique\":\"T0881\"");
    }

    @Test
    void anAlertIsNeverPutInTwoIncidentsAndARefusedCallLeavesNothingBehind() {
        long first = open(Severity.LOW, alert(0)).number();
        long second = open(Severity.LOW, alert(1)).number();
        events.clear();

        assertThatThrownBy(() -> open(Severity.HIGH, alert(2), alert(0)))
                .isInstanceOf(AlertAlreadyDecidedException.class)
                .hasMessageContaining(alert(0).systemAlertId() + " is in incident " + first)
                .satisfies(e -> assertThat(((AlertAlreadyDecidedException) e).systemAlertIds())
                        .containsExactly(alert(0).systemAlertId()));
        assertThatThrownBy(() -> ledger.attach(second, List.of(alert(3), alert(0)), Severity.HIGH, List.of("x")))
                .isInstanceOf(AlertAlreadyDecidedException.class);

        assertThat(ledger.isDecided(alert(2).systemAlertId())).isFalse();
        assertThat(ledger.isDecided(alert(3).systemAlertId())).isFalse();
        assertThat(ledger.snapshot(second)).get().satisfies(s -> {
            assertThat(s.alertCount()).isEqualTo(1);
            assertThat(s.severity()).isEqualTo(Severity.LOW);
            assertThat(s.tags()).doesNotContain("x");
        });
        assertThat(events.received).isEmpty();
        assertThat(open(Severity.LOW, alert(2)).number()).as("a refused opening gives its number back").isEqualTo(3);
    }

    @Test
    void concurrentDecisionsPlaceOneAlertInOneIncidentOnly() throws Exception {
        List<Long> numbers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            numbers.add(open(Severity.LOW, alert(i)).number());
        }
        AttachedAlert contested = alert(10);

        List<Callable<Long>> attempts = new ArrayList<>();
        for (long number : numbers) {
            attempts.add(() -> ledger.attach(number, List.of(contested), Severity.LOW, List.of()).number());
        }
        attempts.add(() -> open(Severity.LOW, contested).number());
        List<Outcome<Long>> outcomes = race(attempts);

        assertThat(outcomes).filteredOn(o -> o.value() != null).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o.failure() != null)
                .allSatisfy(o -> assertThat(o.failure()).isInstanceOf(AlertAlreadyDecidedException.class));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM correlation_decision WHERE system_alert_id = ? "
                + "AND incident_number IS NOT NULL", Long.class, contested.systemAlertId())).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT SUM(alert_count) FROM incident", Long.class)).isEqualTo(5);
    }

    @Test
    void concurrentAttachesToOneIncidentKeepEveryAlertAndCount() throws Exception {
        long number = open(Severity.LOW, alert(0)).number();
        List<Callable<Long>> attaches = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            AttachedAlert a = alert(i);
            Severity severity = i == 5 ? Severity.HIGH : Severity.MEDIUM;
            attaches.add(() -> (long) ledger.attach(number, List.of(a), severity, List.of("t" + a.systemAlertId()))
                    .alertCount());
        }

        List<Outcome<Long>> outcomes = race(attaches);

        assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isNull());
        IncidentSnapshot after = ledger.snapshot(number).orElseThrow();
        assertThat(after.alertCount()).isEqualTo(9);
        assertThat(after.severity()).isEqualTo(Severity.HIGH);
        assertThat(after.tags()).hasSize(9);
        assertThat(after.lastActivity()).isEqualTo(alert(8).time());
    }

    @Test
    void concurrentOpeningsGetConsecutiveNumbers() throws Exception {
        List<Callable<Long>> openings = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            AttachedAlert a = alert(i);
            openings.add(() -> open(Severity.LOW, a).number());
        }

        Set<Long> numbers = new HashSet<>();
        for (Outcome<Long> o : race(openings)) {
            numbers.add(o.value());
        }

        assertThat(numbers).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void aClosedIncidentIsReopenedActiveWithTheAlertThatReopenedIt() {
        long number = open(Severity.LOW, alert(0)).number();
        assertThatThrownBy(() -> ledger.reopen(number, alert(1), Severity.LOW, List.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not Closed");
        close(number, Instant.parse("2026-11-01T20:00:00Z"));
        assertThatThrownBy(() -> ledger.attach(number, List.of(alert(1)), Severity.LOW, List.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("reopen");

        IncidentSnapshot reopened = ledger.reopen(number, alert(1), Severity.MEDIUM, List.of("reopened"));

        assertThat(reopened.status()).isEqualTo(IncidentStatus.Active);
        assertThat(reopened.closedAt()).isNull();
        assertThat(reopened.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(reopened.tags()).contains("ot", "reopened");
        assertThat(reopened.alertCount()).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT classification FROM incident WHERE number = ?", String.class, number))
                .isNull();
        assertThat(events.received).last().isEqualTo(new IncidentReopened(number, alert(1).systemAlertId()));
    }

    @Test
    void anAlertRecordedUnattachedIsDecidedAndCannotBeDecidedAgain() {
        Explanation suppressed = new Explanation(alert(0).systemAlertId(), Instant.parse("2026-11-01T21:00:00Z"),
                "suppress", "maintenance window at Plant Rotterdam",
                List.of(new RuleHit("suppress in maintenance", "suppress", List.of("window 20:00-22:00"))));

        assertThat(ledger.isDecided(suppressed.systemAlertId())).isFalse();
        ledger.recordUnattached(suppressed);

        assertThat(ledger.isDecided(suppressed.systemAlertId())).isTrue();
        assertThatThrownBy(() -> ledger.recordUnattached(suppressed))
                .isInstanceOf(AlertAlreadyDecidedException.class).hasMessageContaining("recorded unattached");
        assertThatThrownBy(() -> open(Severity.LOW, alert(0))).isInstanceOf(AlertAlreadyDecidedException.class);
        var row = jdbc.queryForMap("SELECT * FROM correlation_decision WHERE system_alert_id = ?",
                suppressed.systemAlertId());
        assertThat(row.get("incident_number")).isNull();
        assertThat(row.get("outcome")).isEqualTo("suppress");
        assertThat((String) row.get("hits")).contains("suppress in maintenance", "window 20:00-22:00");
    }

    @Test
    void activeSinceAnswersIncidentsActiveOrClosedSinceWithTheirEntitiesAndNames() {
        long early = open(Severity.LOW, alert(0)).number();
        long closedLate = open(Severity.LOW, alert(1)).number();
        long recent = open(Severity.LOW, alert(40), alert(41)).number();
        close(closedLate, Instant.parse("2026-11-02T08:00:00Z"));
        Instant since = alert(40).time();

        List<IncidentSnapshot> active = ledger.activeSince(since);

        assertThat(active).extracting(IncidentSnapshot::number).containsExactly(closedLate, recent);
        assertThat(active).extracting(IncidentSnapshot::number).doesNotContain(early);
        IncidentSnapshot last = active.get(1);
        assertThat(last).isEqualTo(ledger.snapshot(recent).orElseThrow());
        assertThat(last.entityKeys()).containsAll(alert(40).entityKeys()).containsAll(alert(41).entityKeys());
        assertThat(last.alertNameCounts().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(2);
        assertThat(active.get(0).closedAt()).isEqualTo(Instant.parse("2026-11-02T08:00:00Z"));
    }

    @Test
    void eachCallPublishesItsEventOnceCommitted() {
        long number = open(Severity.MEDIUM, alert(0), alert(1)).number();
        ledger.attach(number, List.of(alert(2)), Severity.HIGH, List.of());
        close(number, Instant.parse("2026-11-02T08:00:00Z"));
        ledger.reopen(number, alert(3), Severity.LOW, List.of());

        assertThat(events.received).containsExactly(
                new IncidentOpened(number, "Incident of " + alert(0).alertName(), Severity.MEDIUM,
                        List.of(alert(0).systemAlertId(), alert(1).systemAlertId())),
                new AlertsAttached(number, List.of(alert(2).systemAlertId()), Severity.HIGH, true),
                new IncidentReopened(number, alert(3).systemAlertId()));
        assertThat(events.committedWhenSeen).containsOnly(true);
    }

    @Test
    void callsThatCannotBeRecordedAreRefusedPlainly() {
        assertThatThrownBy(() -> ledger.attach(404, List.of(alert(0)), Severity.LOW, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no incident 404");
        assertThatThrownBy(() -> open(Severity.LOW, alert(0), alert(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
        AttachedAlert a = alert(0);
        AttachedAlert mismatched = new AttachedAlert(a.systemAlertId(), a.alertName(), a.time(), a.entityKeys(),
                a.tactics(), a.techniques(), a.sites(), alert(1).explanation());
        assertThatThrownBy(() -> open(Severity.LOW, mismatched))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("explanation");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM incident", Long.class)).isZero();
    }

    private void close(long number, Instant at) {
        jdbc.update("UPDATE incident SET status = 'Closed', classification = 'FalsePositive', closed_at = ? "
                + "WHERE number = ?", at.atOffset(ZoneOffset.UTC), number);
    }

    private record Outcome<T>(T value, Throwable failure) {
    }

    /** Runs the tasks at once on their own threads and answers how each ended. */
    private static <T> List<Outcome<T>> race(List<Callable<T>> tasks) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> task : tasks) {
            futures.add(pool.submit(() -> {
                start.await();
                return task.call();
            }));
        }
        start.countDown();
        List<Outcome<T>> outcomes = new ArrayList<>();
        for (Future<T> f : futures) {
            try {
                outcomes.add(new Outcome<>(f.get(), null));
            } catch (ExecutionException e) {
                outcomes.add(new Outcome<>(null, e.getCause()));
            }
        }
        pool.shutdown();
        return outcomes;
    }
}
