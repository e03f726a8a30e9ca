package org.watchfloor;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.watchfloor.alerts.AlertFilter;
import org.watchfloor.alerts.AlertIntake;
import org.watchfloor.alerts.AlertQueries;
import org.watchfloor.alerts.IntakePath;
import org.watchfloor.alerts.IntakeResult;

/** Watchfloor's migrations and intake on a real PostgreSQL server, the production database. */
class PostgresIntakeTest {

    private static EmbeddedPostgres postgres;

    @TempDir
    static Path dataDir;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @Test
    void theMigrationsRunAndTheEdgeCasesAreCountedAsOnH2() throws Exception {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(WatchfloorApplication.class)
                .run("--server.port=0", "--server.address=127.0.0.1",
                        "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                        "--spring.datasource.username=postgres", "--spring.datasource.password=",
                        "--watchfloor.data-dir=" + dataDir, "--camunda.bpm.job-execution.enabled=false")) {
            AlertIntake intake = app.getBean(AlertIntake.class);

            IntakeResult result = intake.ingest(
                    new ByteArrayInputStream(SharedData.bytes(SharedData.EDGE_CASES)), IntakePath.FILE);
            IntakeResult again = intake.ingest(
                    new ByteArrayInputStream(SharedData.bytes(SharedData.EDGE_CASES)), IntakePath.FILE);

            assertThat(result.received()).isEqualTo(74);
            assertThat(result.rejected()).isEqualTo(3);
            assertThat(result.updated() + result.duplicates()).isEqualTo(7);
            assertThat(result.warnings()).isEqualTo(2);
            assertThat(again.accepted()).isZero();
            AlertQueries alerts = app.getBean(AlertQueries.class);
            assertThat(alerts.count(AlertFilter.ALL)).isEqualTo(result.accepted());
            assertThat(alerts.find("96c249c3-f375-d991-0038-d18c1f68718a")).get()
                    .satisfies(a -> assertThat(a.alert().description()).hasSizeGreaterThan(20_000).contains("東京"));
        }
    }
}
