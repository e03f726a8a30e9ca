package org.watchfloor.alerts.internal.loganalytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.watchfloor.Background;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.boot.actuate.health.HealthContributorRegistry;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;
import org.springframework.util.FileSystemUtils;
import org.watchfloor.alerts.AlertFilter;
import org.watchfloor.alerts.AlertIntake;
import org.watchfloor.alerts.AlertQueries;
import org.watchfloor.alerts.IntakePath;
import org.watchfloor.alerts.IntakeResult;
import org.watchfloor.alerts.StoredAlert;

/**
 * The poller end to end: the real {@code LogsQueryClient} and {@code ClientSecretCredential} talk HTTPS to a local
 * stand-in for Entra sign-in and the query API, and the rows land in the real intake and an in-memory H2. The
 * application runs as the command-line verbs do, lazily and without a web server, so nothing polls on a schedule:
 * each test polls itself.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
    "spring.main.lazy-initialization=true",
    "spring.datasource.url=jdbc:h2:mem:log-analytics-test;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false",
    "watchfloor.log-analytics.enabled=true",
    "watchfloor.log-analytics.workspace-id=" + FakeAzure.WORKSPACE,
    "watchfloor.log-analytics.initial-lookback=2d",
    "watchfloor.log-analytics.overlap=20m",
    "watchfloor.log-analytics.request-timeout=20s",
    "watchfloor.log-analytics.retry.max-attempts=3",
    "watchfloor.log-analytics.retry.base-delay=10ms",
    "watchfloor.log-analytics.retry.max-delay=100ms",
    "watchfloor.log-analytics.credential.type=client-secret",
    "watchfloor.log-analytics.credential.tenant-id=" + FakeAzure.TENANT,
    "watchfloor.log-analytics.credential.client-id=" + FakeAzure.CLIENT_ID,
    "watchfloor.log-analytics.credential.client-secret=" + FakeAzure.CLIENT_SECRET
})
@ExtendWith(OutputCaptureExtension.class)
class LogAnalyticsPollerTest {

    /** The sample answer's rows span 2026-11-01T00:10Z to this, its latest {@code TimeGenerated}. */
    static final Instant LATEST_IN_SAMPLE = Instant.parse("2026-11-02T01:26:58.995Z");
    static final Instant AFTER_SAMPLE = Instant.parse("2026-11-02T02:00:00Z");
    static final Instant MIDDAY = Instant.parse("2026-11-01T12:00:00Z");
    static final int SAMPLE_ROWS = 316;
    static final int SAMPLE_ALERTS = 304;
    static final Duration OVERLAP = Duration.ofMinutes(20);

    static final Path TEMP = temp();
    static final FakeAzure AZURE = FakeAzure.start(TEMP);
    static final MutableClock CLOCK = new MutableClock(AFTER_SAMPLE);

    @TestBean(name = "clock")
    Clock clock;

    static Clock clock() {
        return CLOCK;
    }

    @DynamicPropertySource
    static void azure(DynamicPropertyRegistry registry) {
        registry.add("watchfloor.data-dir", () -> TEMP.resolve("data").toString());
        registry.add("watchfloor.log-analytics.endpoint", AZURE::endpoint);
        registry.add("watchfloor.log-analytics.credential.authority-host", AZURE::authorityHost);
    }

    @TestConfiguration
    static class TrustTheFakeAzure {
        @Bean
        com.azure.core.http.HttpClient azureHttpClient() {
            return AZURE.httpClient();
        }
    }

    @Autowired
    ApplicationContext context;
    @Autowired
    LogAnalyticsPoller poller;
    @Autowired
    LogAnalyticsHealthIndicator health;
    @Autowired
    LogAnalyticsProperties properties;
    @Autowired
    WatermarkStore watermarks;
    @Autowired
    AlertQueries alerts;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectProvider<com.azure.core.http.HttpClient> azureHttpClients;
    @Autowired
    AlertIntake intake;
    @Autowired
    ObjectMapper json;
    @Autowired
    HealthContributorRegistry healthRegistry;

    @BeforeEach
    void clean() {
        Background.finish(context);
        jdbc.update("DELETE FROM alert");
        jdbc.update("DELETE FROM quarantined_row");
        jdbc.update("DELETE FROM log_analytics_watermark");
        AZURE.reset();
        CLOCK.set(AFTER_SAMPLE);
    }

    @AfterAll
    static void stop() {
        AZURE.close();
        FileSystemUtils.deleteRecursively(TEMP.toFile());
    }

    @Test
    void pollStoresEveryRowOfTheAnswerAndMovesTheWatermarkToTheLatestTimeGenerated() {
        PollStatus status = poller.poll();

        assertThat(status.failure()).isNull();
        IntakeResult intake = status.lastIntake();
        assertThat(intake.received()).isEqualTo(SAMPLE_ROWS);
        assertThat(intake.accepted()).isEqualTo(SAMPLE_ALERTS);
        assertThat(intake.updated() + intake.duplicates())
                .as("the 12 later rows of known alerts, some of them listed before the row they follow")
                .isEqualTo(SAMPLE_ROWS - SAMPLE_ALERTS);
        assertThat(intake.rejected()).isZero();
        assertThat(intake.warnings()).as("typed cells read back without complaint").isZero();
        assertThat(alerts.count(AlertFilter.ALL)).isEqualTo(SAMPLE_ALERTS);
        assertThat(storedTimes()).isEqualTo(AZURE.latestTimeById());

        StoredAlert first = alerts.find("61307c05-7b37-5698-5ffe-e55e1fc7df73").orElseThrow();
        assertThat(first.intakePath()).isEqualTo(IntakePath.LOG_ANALYTICS);
        assertThat(first.alert().isIncident()).isFalse();
        assertThat(first.raw()).contains("\"IsIncident\":false", "\"ConfidenceScore\":null",
                "\"TimeGenerated\":\"2026-11-01T14:18:17.482Z\"");

        assertThat(watermarks.find(FakeAzure.WORKSPACE)).contains(LATEST_IN_SAMPLE);
        FakeAzure.Request query = AZURE.queries().get(0);
        assertThat(query.headers().get("authorization")).isEqualTo("Bearer " + FakeAzure.ACCESS_TOKEN);
        assertThat(query.json().path("query").asText()).isEqualTo(LogAnalyticsProperties.DEFAULT_QUERY);
        assertThat(query.timespan()).containsExactly(AFTER_SAMPLE.minus(Duration.ofDays(2)), AFTER_SAMPLE);

        var up = health.health();
        assertThat(up.getStatus()).isEqualTo(Status.UP);
        assertThat(up.getDetails()).containsEntry("rowsReceived", (long) SAMPLE_ROWS)
                .containsEntry("watermark", LATEST_IN_SAMPLE.toString())
                .containsEntry("lastSuccessfulPoll", AFTER_SAMPLE.toString());
        assertThat(healthRegistry.getContributor("logAnalytics")).isSameAs(health);
    }

    @Test
    void throttledQueryIsSentAgainAfterTheDelayTheServiceAsksFor() {
        AZURE.enqueue(FakeAzure.Reply.json(429,
                "{\"error\":{\"code\":\"ThrottledError\",\"message\":\"Too many requests\"}}", "Retry-After", "1"));

        PollStatus status = poller.poll();

        assertThat(status.failure()).isNull();
        assertThat(alerts.count(AlertFilter.ALL)).isEqualTo(SAMPLE_ALERTS);
        List<FakeAzure.Request> queries = AZURE.queries();
        assertThat(queries).hasSize(2);
        assertThat(Duration.ofNanos(queries.get(1).nanos() - queries.get(0).nanos()))
                .as("the configured back-off is 10 ms, the service asked for 1 s")
                .isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void serverErrorIsRetriedAndThePollSucceeds() {
        AZURE.enqueue(FakeAzure.Reply.json(500,
                "{\"error\":{\"code\":\"InternalServerError\",\"message\":\"Something went wrong\"}}"));

        PollStatus status = poller.poll();

        assertThat(status.failure()).isNull();
        assertThat(AZURE.queries()).hasSize(2);
        assertThat(AZURE.queries().get(1).timespan()).containsExactly(AZURE.queries().get(0).timespan());
        assertThat(alerts.count(AlertFilter.ALL)).isEqualTo(SAMPLE_ALERTS);
        assertThat(watermarks.find(FakeAzure.WORKSPACE)).contains(LATEST_IN_SAMPLE);
    }

    @Test
    void serverErrorsBeyondTheRetriesFailThePollWithoutMovingTheWatermark() {
        String error = "{\"error\":{\"code\":\"ServiceUnavailable\",\"message\":\"Try later\"}}";
        AZURE.enqueue(FakeAzure.Reply.json(503, error), FakeAzure.Reply.json(503, error),
                FakeAzure.Reply.json(503, error));

        PollStatus status = poller.poll();

        assertThat(AZURE.queries()).as("retry.max-attempts").hasSize(3);
        assertThat(status.failure().needsOperator()).isFalse();
        assertThat(status.failure().reason()).contains("HTTP 503");
        assertThat(watermarks.find(FakeAzure.WORKSPACE)).isEmpty();
        assertThat(health.health().getStatus()).isNotEqualTo(Status.DOWN);
    }

    @Test
    void malformedAnswerFailsThePollAndTheNextPollReadsTheSameWindowAgain() {
        CLOCK.set(MIDDAY);
        assertThat(poller.poll().failure()).isNull();
        Instant watermark = watermarks.find(FakeAzure.WORKSPACE).orElseThrow();
        long stored = alerts.count(AlertFilter.ALL);
        AZURE.enqueue(FakeAzure.Reply.json(200, "{\"tables\":[{\"name\":\"PrimaryResult\",\"columns\":[{\"name"));
        CLOCK.set(AFTER_SAMPLE);

        PollStatus failed = poller.poll();

        assertThat(failed.failure()).isNotNull();
        assertThat(failed.failure().needsOperator()).isFalse();
        assertThat(watermarks.find(FakeAzure.WORKSPACE)).contains(watermark);
        assertThat(alerts.count(AlertFilter.ALL)).isEqualTo(stored);
        var afterFailure = health.health();
        assertThat(afterFailure.getStatus()).isEqualTo(Status.UP);
        assertThat(afterFailure.getDetails()).containsKey("lastFailure");

        PollStatus next = poller.poll();

        assertThat(next.failure()).isNull();
        List<FakeAzure.Request> queries = AZURE.queries();
        assertThat(queries).hasSize(3);
        assertThat(queries.get(2).timespan()).containsExactly(watermark.minus(OVERLAP), AFTER_SAMPLE);
        assertThat(alerts.count(AlertFilter.ALL)).isEqualTo(SAMPLE_ALERTS);
        assertThat(storedTimes()).isEqualTo(AZURE.latestTimeById());
        assertThat(watermarks.find(FakeAzure.WORKSPACE)).contains(LATEST_IN_SAMPLE);
    }

    @Test
    void overlappingPollsStoreEachAlertOnceAndMoveTheWatermarkForward() {
        CLOCK.set(MIDDAY);
        PollStatus first = poller.poll();
        Instant firstWatermark = watermarks.find(FakeAzure.WORKSPACE).orElseThrow();
        assertThat(firstWatermark).isBefore(MIDDAY);
        CLOCK.set(AFTER_SAMPLE);

        PollStatus second = poller.poll();

        assertThat(AZURE.queries().get(1).timespan()).containsExactly(firstWatermark.minus(OVERLAP), AFTER_SAMPLE);
        assertThat(second.lastIntake().duplicates()).as("rows of the overlap, read again").isPositive();
        assertThat(first.lastIntake().received() + second.lastIntake().received()).isGreaterThan(SAMPLE_ROWS);
        assertThat(alerts.count(AlertFilter.ALL)).isEqualTo(SAMPLE_ALERTS);
        assertThat(storedTimes()).isEqualTo(AZURE.latestTimeById());
        assertThat(watermarks.find(FakeAzure.WORKSPACE)).contains(LATEST_IN_SAMPLE);
    }

    @Test
    void pollThatReadsOnlyOlderRowsLeavesTheWatermarkWhereItWas() {
        assertThat(poller.poll().failure()).isNull();
        AZURE.enqueue(FakeAzure.Reply.json(200, AZURE.answer(Instant.parse("2026-11-01T00:00:00Z"), MIDDAY)));

        PollStatus older = poller.poll();

        assertThat(older.failure()).isNull();
        assertThat(older.lastIntake().received()).isPositive();
        assertThat(watermarks.find(FakeAzure.WORKSPACE)).contains(LATEST_IN_SAMPLE);
    }

    @Test
    void rejectedClientSecretMakesHealthDownAndNamesThePropertyToFix(CapturedOutput output) {
        LogAnalyticsProperties wrongSecret = copy(properties, properties.workspaceId(),
                new LogAnalyticsProperties.Credential(LogAnalyticsProperties.CredentialType.CLIENT_SECRET,
                        FakeAzure.TENANT, FakeAzure.CLIENT_ID, "an-expired-secret", AZURE.authorityHost()));
        LogAnalyticsPoller rejected = new LogAnalyticsPoller(wrongSecret,
                new LogAnalyticsClients(wrongSecret, azureHttpClients), intake, watermarks, json, CLOCK);

        PollStatus status = rejected.poll();
        rejected.poll();

        assertThat(status.failure().needsOperator()).isTrue();
        assertThat(status.failure().reason())
                .contains("watchfloor.log-analytics.credential.client-secret", "AADSTS7000215");
        var down = new LogAnalyticsHealthIndicator(rejected, wrongSecret).health();
        assertThat(down.getStatus()).isEqualTo(Status.DOWN);
        assertThat((String) down.getDetails().get("reason")).contains("credential.client-secret");
        assertThat(AZURE.tokenRequests()).isNotEmpty()
                .allSatisfy(r -> assertThat(r.form()).containsEntry("client_id", FakeAzure.CLIENT_ID)
                        .containsEntry("grant_type", "client_credentials"));
        assertThat(AZURE.queries()).isEmpty();
        assertThat(watermarks.find(FakeAzure.WORKSPACE)).isEmpty();
        assertThat(output.getOut().lines().filter(l -> l.contains(" ERROR ")).toList())
                .as("one line for the fault, not one per poll")
                .singleElement().asString().contains("credential.client-secret");
    }

    @Test
    void refusedWorkspaceAccessMakesHealthDownUntilAPollSucceeds() {
        AZURE.enqueue(FakeAzure.Reply.json(403, "{\"error\":{\"code\":\"InsufficientAccessError\",\"message\":"
                + "\"The provided credentials have insufficient access to perform the requested operation\"}}"));

        PollStatus refused = poller.poll();

        assertThat(AZURE.queries()).as("a refusal is not retried").hasSize(1);
        assertThat(refused.failure().needsOperator()).isTrue();
        assertThat(refused.failure().reason())
                .contains("Log Analytics Reader", "watchfloor.log-analytics.workspace-id");
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(watermarks.find(FakeAzure.WORKSPACE)).isEmpty();

        assertThat(poller.poll().failure()).isNull();
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void missingWorkspaceIdMakesHealthDownWithoutCallingAzure() {
        LogAnalyticsProperties noWorkspace = copy(properties, " ", properties.credential());
        LogAnalyticsPoller unconfigured = new LogAnalyticsPoller(noWorkspace,
                new LogAnalyticsClients(noWorkspace, azureHttpClients), intake, watermarks, json, CLOCK);

        PollStatus status = unconfigured.poll();

        assertThat(status.failure().needsOperator()).isTrue();
        assertThat(status.failure().reason()).contains("watchfloor.log-analytics.workspace-id");
        assertThat(new LogAnalyticsHealthIndicator(unconfigured, noWorkspace).health().getStatus())
                .isEqualTo(Status.DOWN);
        assertThat(AZURE.queries()).isEmpty();
        assertThat(AZURE.tokenRequests()).isEmpty();
    }

    private static LogAnalyticsProperties copy(LogAnalyticsProperties p, String workspaceId,
                                               LogAnalyticsProperties.Credential credential) {
        return new LogAnalyticsProperties(p.enabled(), workspaceId, p.endpoint(), p.query(), p.pollInterval(),
                p.overlap(), p.initialLookback(), p.requestTimeout(), p.retry(), credential);
    }

    private static Path temp() {
        try {
            return Files.createTempDirectory("watchfloor-log-analytics");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Each stored alert's {@code TimeGenerated}: the latest row of it that was read. */
    private Map<String, Instant> storedTimes() {
        Map<String, Instant> times = new HashMap<>();
        jdbc.query("SELECT system_alert_id, time_generated FROM alert", rs -> {
            times.put(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant());
        });
        return times;
    }
}
