package org.watchfloor.incidents.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.watchfloor.incidents.internal.TestIncidents.CHAIN;
import static org.watchfloor.incidents.internal.TestIncidents.attached;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.watchfloor.WatchfloorApplication;
import org.watchfloor.alerts.AlertFilter;
import org.watchfloor.alerts.AlertIntake;
import org.watchfloor.alerts.AlertQueries;
import org.watchfloor.alerts.Severity;
import org.watchfloor.alerts.StoredAlert;
import org.watchfloor.incidents.AlertAlreadyDecidedException;
import org.watchfloor.incidents.Explanation;
import org.watchfloor.incidents.IncidentLedger;
import org.watchfloor.incidents.IncidentLedger.AttachedAlert;
import org.watchfloor.incidents.IncidentLedger.NewIncident;
import org.watchfloor.incidents.IncidentSnapshot;
import org.watchfloor.incidents.IncidentStatus;

/** The incident migration, ledger and listing on a real PostgreSQL server, the production database. */
class IncidentPostgresTest {

    private static EmbeddedPostgres postgres;
    private static ConfigurableApplicationContext app;

    @TempDir
    static Path dataDir;

    private IncidentLedger ledger;
    private AlertQueries alerts;
    private JdbcTemplate jdbc;
    private List<StoredAlert> sample;

    @BeforeAll
    static void startWatchfloorOnPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        app = new SpringApplicationBuilder(WatchfloorApplication.class)
                .run("--server.port=0", "--server.address=127.0.0.1",
                        "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                        "--spring.datasource.username=postgres", "--spring.datasource.password=",
                        "--watchfloor.data-dir=" + dataDir, "--camunda.bpm.job-execution.enabled=false");
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
        postgres.close();
    }

    @BeforeEach
    void cleanStoreWithTheSample() {
        ledger = app.getBean(IncidentLedger.class);
        alerts = app.getBean(AlertQueries.class);
        jdbc = app.getBean(JdbcTemplate.class);
        TestIncidents.resetWithSample(app);
        sample = alerts.search(AlertFilter.ALL, 0, 1000).stream()
                .filter(a -> !CHAIN.contains(a.alert().systemAlertId()))
                .sorted(Comparator.comparing(a -> a.alert().timeGenerated())).toList();
    }

    private AttachedAlert alert(int i) {
        return attached(sample.get(i), "attach");
    }

    private AttachedAlert chain(int i) {
        return attached(alerts.find(CHAIN.get(i)).orElseThrow(), "attach");
    }

    private long open(AttachedAlert alert) {
        return ledger.open(new NewIncident(alert.alertName(), Severity.LOW, List.of(), null, List.of(alert))).number();
    }

    @Test
    void theMultistageIncidentIsRecordedListedAndExplainedAsOnH2() {
        long number = ledger.open(new NewIncident("Multistage", Severity.MEDIUM, List.of("multistage"), "10.10.1.13",
                List.of(chain(3)))).number();
        ledger.attach(number, List.of(chain(0), chain(1)), Severity.HIGH, List.of("plc"));
        ledger.attach(number, List.of(chain(2)), Severity.LOW, List.of());

        IncidentSnapshot snapshot = ledger.snapshot(number).orElseThrow();
        assertThat(number).isEqualTo(1);
        assertThat(snapshot.severity()).isEqualTo(Severity.HIGH);
        assertThat(snapshot.tags()).containsExactlyInAnyOrder("multistage", "plc");
        assertThat(snapshot.alertCount()).isEqualTo(4);
        assertThat(snapshot.firstActivity()).isEqualTo(Instant.parse("2026-11-01T12:03:00Z"));

        IncidentViews views = app.getBean(IncidentViews.class);
        IncidentFilter plant = new IncidentFilter(IncidentStatus.New, Severity.HIGH, "Plant Rotterdam",
                Instant.parse("2026-11-01T12:55:00Z"), Instant.parse("2026-11-01T12:55:01Z"));
        assertThat(views.search(plant, 0, 10).content()).singleElement().satisfies(i -> {
            assertThat(i.tactics()).containsExactly("InitialAccess", "Execution", "InhibitResponseFunction");
            assertThat(i.techniques()).containsExactly("T1059", "T0886", "T0839", "T0881");
        });
        assertThat(views.search(new IncidentFilter(null, null, "Plant_Rotterdam", null, null), 0, 10).content())
                .isEmpty();
        IncidentDetail detail = views.detail(number).orElseThrow();
        assertThat(detail.alerts()).extracting(IncidentDetail.Alert::systemAlertId).containsExactlyElementsOf(CHAIN);
        assertThat(detail.devices()).hasSize(2);
        assertThat(detail.explanation()).extracting(Explanation::systemAlertId)
                .containsExactlyInAnyOrderElementsOf(CHAIN);
    }

    @Test
    void concurrentDecisionsPlaceOneAlertOnceAndNumberWithoutGaps() throws Exception {
        List<Long> numbers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            numbers.add(open(alert(i)));
        }
        AttachedAlert contested = alert(10);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Long>> attempts = new ArrayList<>();
        for (long number : numbers) {
            attempts.add(pool.submit(() -> {
                start.await();
                return ledger.attach(number, List.of(contested), Severity.LOW, List.of()).number();
            }));
        }
        for (int i = 20; i < 23; i++) {
            AttachedAlert fresh = alert(i);
            attempts.add(pool.submit(() -> {
                start.await();
                return open(fresh);
            }));
        }
        start.countDown();
        int placed = 0;
        for (int i = 0; i < attempts.size(); i++) {
            try {
                attempts.get(i).get();
                placed += i < numbers.size() ? 1 : 0;
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(AlertAlreadyDecidedException.class);
            }
        }
        pool.shutdown();

        assertThat(placed).isEqualTo(1);
        assertThat(jdbc.queryForList("SELECT number FROM incident ORDER BY number", Long.class))
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(jdbc.queryForObject("SELECT SUM(alert_count) FROM incident", Long.class)).isEqualTo(7);
    }

    @Test
    void aClosedIncidentIsReopenedAndFoundActiveSinceItsClosing() {
        long number = open(alert(0));
        long old = open(alert(1));
        Instant closedAt = Instant.parse("2026-11-02T09:00:00Z");
        jdbc.update("UPDATE incident SET status = 'Closed', classification = 'TruePositive', closed_at = ? "
                + "WHERE number = ?", closedAt.atOffset(ZoneOffset.UTC), number);

        assertThat(ledger.activeSince(closedAt)).extracting(IncidentSnapshot::number).containsExactly(number);
        IncidentSnapshot reopened = ledger.reopen(number, alert(50), Severity.MEDIUM, List.of("again"));

        assertThat(reopened.status()).isEqualTo(IncidentStatus.Active);
        assertThat(reopened.closedAt()).isNull();
        assertThat(reopened.alertCount()).isEqualTo(2);
        assertThat(ledger.activeSince(alert(50).time())).extracting(IncidentSnapshot::number)
                .containsExactly(number).doesNotContain(old);
        assertThat(ledger.activeSince(alert(50).time()).get(0).entityKeys()).containsAll(alert(50).entityKeys());

        ledger.recordUnattached(new Explanation(alert(60).systemAlertId(), null, "suppress", "no creation rule",
                List.of()));
        assertThat(ledger.isDecided(alert(60).systemAlertId())).isTrue();
        assertThatThrownBy(() -> open(alert(60))).isInstanceOf(AlertAlreadyDecidedException.class);
    }
}
