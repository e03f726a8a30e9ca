package org.watchfloor.alerts.internal.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.watchfloor.alerts.AlertIntake;
import org.watchfloor.alerts.IntakePath;
import org.watchfloor.alerts.IntakeResult;
import org.watchfloor.alerts.ReceivedAlerts;

/** Generated files go through the real intake pipeline: every row is an alert or an update of one, none rejected. */
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:generated-alerts;DB_CLOSE_DELAY=-1",
    "watchfloor.data-dir=${java.io.tmpdir}/watchfloor-generated-alerts-test",
    "watchfloor.admin.password=generated-alerts-test",
    "camunda.bpm.job-execution.enabled=false"})
@Import(ReceivedAlerts.class)
class GeneratedAlertsIntakeTest {

    @Autowired
    AlertIntake intake;
    @Autowired
    ReceivedAlerts events;

    @TempDir
    Path folder;

    @Test
    void anExportIsStoredAsItsAlertsAndTheirStatusUpdates() throws IOException {
        Path file = folder.resolve("export.json");
        GenerateCommand.Summary generated = generate(2500, 101, AlertFileWriter.Format.EXPORT, file);

        IntakeResult result = ingest(file);

        assertThat(result.received()).isEqualTo(2500);
        assertThat(result.received()).isEqualTo(result.accepted() + result.updated() + result.duplicates());
        assertThat(result.rejected()).isZero();
        assertThat(result.warnings()).isZero();
        assertThat(result.accepted()).isEqualTo(generated.alerts());
        assertThat(result.updated()).isEqualTo(generated.updates()).isPositive();
    }

    @Test
    void aQueryApiAnswerIsStoredLikeAnExport() throws IOException {
        Path file = folder.resolve("api.json");
        GenerateCommand.Summary generated = generate(1500, 102, AlertFileWriter.Format.API, file);

        IntakeResult result = ingest(file);

        assertThat(result.received()).isEqualTo(1500);
        assertThat(result.received()).isEqualTo(result.accepted() + result.updated() + result.duplicates());
        assertThat(result.rejected()).isZero();
        assertThat(result.warnings()).isZero();
        assertThat(result.accepted()).isEqualTo(generated.alerts());
        assertThat(result.updated()).isEqualTo(generated.updates());
    }

    @Test
    void importingTheSameFileAgainStoresNothingNew() throws IOException {
        Path file = folder.resolve("again.json");
        generate(500, 103, AlertFileWriter.Format.EXPORT, file);
        ingest(file);

        IntakeResult again = ingest(file);

        assertThat(again.received()).isEqualTo(500);
        assertThat(again.duplicates()).isEqualTo(500);
        assertThat(again.accepted() + again.updated() + again.rejected()).isZero();
    }

    @Test
    void theNewAlertsEachBatchAnnouncesAreTheAlertsAsStored() throws IOException {
        Path file = folder.resolve("announced.json");
        generate(2500, 104, AlertFileWriter.Format.API, file);
        events.clear();

        ingest(file);

        assertThat(events.received).isNotEmpty();
        assertThat(events.differences).isEmpty();
    }

    private static GenerateCommand.Summary generate(long count, long seed, AlertFileWriter.Format format, Path file)
            throws IOException {
        return GenerateCommand.generate(new AlertGenerator.Settings(count, seed, GenerateCommand.DEFAULT_START,
                Duration.ofDays(1), GenerateCommand.DEFAULT_UPDATE_PERCENT), format, file);
    }

    private IntakeResult ingest(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return intake.ingest(in, IntakePath.FILE);
        }
    }
}
