package org.watchfloor.reporting.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.spring.boot.starter.rest.CamundaBpmRestJerseyAutoConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.watchfloor.Background;
import org.watchfloor.SharedData;
import org.watchfloor.WatchfloorApplication;
import org.watchfloor.alerts.AlertIntake;
import org.watchfloor.alerts.IntakePath;

/** Both report jobs on a real PostgreSQL server, the production database: the cursors, the period and age SQL. */
class ReportPostgresTest {

    private static EmbeddedPostgres postgres;
    private static ConfigurableApplicationContext app;

    @TempDir
    static Path dataDir;

    @BeforeAll
    static void startWatchfloorOnPostgresWithTheSample() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        // no web server: Camunda's REST servlet keeps state across contexts in one JVM, and the shared test context
        // started after this one would lose /engine-rest
        app = new SpringApplicationBuilder(WatchfloorApplication.class).web(WebApplicationType.NONE)
                .run("--spring.autoconfigure.exclude=" + CamundaBpmRestJerseyAutoConfiguration.class.getName(),
                        "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                        "--spring.datasource.username=postgres", "--spring.datasource.password=",
                        "--watchfloor.data-dir=" + dataDir, "--camunda.bpm.job-execution.enabled=false",
                        "--watchfloor.reports.daily.cron=-", "--watchfloor.reports.weekly.cron=-",
                        "--watchfloor.reports.chunk-size=50");
        app.getBean(AlertIntake.class).ingest(new ByteArrayInputStream(SharedData.bytes(SharedData.SAMPLE)),
                IntakePath.FILE);
        Background.finish(app);
        LifecycleFixture lifecycle = new LifecycleFixture(app.getBean(JdbcTemplate.class));
        List<Long> incidents = lifecycle.incidents();
        lifecycle.work(new LifecycleFixture.Worked(incidents.get(0), "ana", Duration.ofMinutes(2),
                Duration.ofMinutes(40), "TruePositive", true));
        lifecycle.work(new LifecycleFixture.Worked(incidents.get(1), "bo", Duration.ofMinutes(4), null, null, false));
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
        postgres.close();
    }

    @Test
    void theDailyReportCountsAsAQueryOnPostgres() throws Exception {
        ReportRun run = app.getBean(ReportService.class).request(ReportKind.DAILY,
                new ReportPeriod(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 2)), false, "test", true).run();

        assertThat(run.status()).as(run.error()).isEqualTo(RunStatus.ARCHIVED);
        JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
        OffsetDateTime from = OffsetDateTime.of(2026, 11, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        OffsetDateTime to = from.plusDays(1);
        long alerts = jdbc.queryForObject("SELECT COUNT(*) FROM alert WHERE COALESCE(start_time, first_seen) >= ? "
                + "AND COALESCE(start_time, first_seen) < ?", Long.class, from, to);
        long opened = jdbc.queryForObject("SELECT COUNT(*) FROM incident WHERE first_activity >= ? "
                + "AND first_activity < ?", Long.class, from, to);
        long open = jdbc.queryForObject("SELECT COUNT(*) FROM incident WHERE first_activity < ? "
                + "AND (closed_at IS NULL OR closed_at >= ?)", Long.class, to, to);
        assertThat(alerts).isGreaterThan(100);
        assertThat(text(run)).containsPattern("(?m)^" + alerts + " " + opened + " 0 " + open + " 0$");
    }

    @Test
    void theWeeklyReportMeasuresTheSocOnPostgres() throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        ReportRun run = app.getBean(ReportService.class).request(ReportKind.WEEKLY,
                new ReportPeriod(today.minusDays(3), today.plusDays(4)), false, "test", true).run();

        assertThat(run.status()).as(run.error()).isEqualTo(RunStatus.ARCHIVED);
        String text = text(run);
        assertThat(text).containsPattern("(?m)^ana 1 40 m 00 s 40 m 00 s 40 m 00 s$");
        assertThat(text).containsPattern("(?m)^bo 1 4 m 00 s 4 m 00 s 4 m 00 s$");
        assertThat(text).containsPattern("(?m)^SLA breaches 1 0 new$");
    }

    private static String text(ReportRun run) throws Exception {
        try (PDDocument document = Loader.loadPDF(Files.readAllBytes(Path.of(run.file())))) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            return stripper.getText(document).replaceAll("[ \\t]+", " ").replaceAll("(?m)^ | $", "");
        }
    }
}
