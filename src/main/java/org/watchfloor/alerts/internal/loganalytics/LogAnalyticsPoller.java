package org.watchfloor.alerts.internal.loganalytics;

import com.azure.core.util.Context;
import com.azure.monitor.query.LogsQueryClient;
import com.azure.monitor.query.models.LogsQueryOptions;
import com.azure.monitor.query.models.LogsQueryResult;
import com.azure.monitor.query.models.LogsQueryResultStatus;
import com.azure.monitor.query.models.QueryTimeInterval;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.watchfloor.alerts.AlertIntake;
import org.watchfloor.alerts.IntakePath;
import org.watchfloor.alerts.IntakeResult;

/**
 * One poll reads the workspace from the stored watermark, less the overlap, up to now; feeds the rows through the
 * intake, whose dedupe by {@code SystemAlertId} makes reading a row twice harmless; and then moves the watermark
 * to the latest {@code TimeGenerated} read. A poll that fails leaves the watermark where it was, so the next one
 * reads the same rows again. A poll never throws: it records how it went for the health endpoint.
 */
@Component
@ConditionalOnProperty(prefix = LogAnalyticsProperties.PREFIX, name = "enabled", havingValue = "true")
class LogAnalyticsPoller {

    private static final Logger log = LoggerFactory.getLogger(LogAnalyticsPoller.class);

    private final LogAnalyticsProperties properties;
    private final LogAnalyticsClients clients;
    private final AlertIntake intake;
    private final WatermarkStore watermarks;
    private final ObjectMapper json;
    private final Clock clock;

    /** Built at the first poll, so a configuration fault shows in the health endpoint instead of stopping startup. */
    private LogsQueryClient client;
    private volatile PollStatus status = PollStatus.NONE;

    LogAnalyticsPoller(LogAnalyticsProperties properties, LogAnalyticsClients clients, AlertIntake intake,
                       WatermarkStore watermarks, ObjectMapper json, Clock clock) {
        this.properties = properties;
        this.clients = clients;
        this.intake = intake;
        this.watermarks = watermarks;
        this.json = json;
        this.clock = clock;
    }

    PollStatus status() {
        return status;
    }

    synchronized PollStatus poll() {
        Instant now = clock.instant();
        String problems = String.join("; ", properties.problems());
        if (!problems.isEmpty()) {
            return failed(PollFailure.configuration(problems, now), null);
        }
        String workspace = properties.workspaceId().trim();
        if (client == null) {
            try {
                client = clients.queryClient();
            } catch (RuntimeException e) {
                return failed(PollFailure.configuration("cannot build the client: " + e.getMessage(), now), e);
            }
        }
        try {
            QueryTimeInterval window = window(watermarks.find(workspace), now);
            LogsQueryResult result = client.queryWorkspaceWithResponse(workspace, properties.query(), window,
                    new LogsQueryOptions().setServerTimeout(properties.requestTimeout()), Context.NONE).getValue();
            if (result.getQueryResultStatus() != LogsQueryResultStatus.SUCCESS) {
                throw new IllegalStateException("the query ended with " + result.getQueryResultStatus()
                        + (result.getError() == null ? "" : ": " + result.getError().getMessage()));
            }
            QueryRows rows = QueryRows.of(result.getTable(), json);
            IntakeResult stored = intake.ingest(new ByteArrayInputStream(rows.json()), IntakePath.LOG_ANALYTICS);
            if (rows.latest() != null) {
                watermarks.advance(workspace, rows.latest(), clock.instant());
            }
            Instant watermark = watermarks.find(workspace).orElse(null);
            log.info("Log Analytics poll of workspace {} over {}: {} rows, {} new, {} updated, {} duplicates,"
                            + " {} rejected; watermark {}", workspace, PollStatus.text(window), stored.received(),
                    stored.accepted(), stored.updated(), stored.duplicates(), stored.rejected(), watermark);
            if (status.failure() != null) {
                log.info("Log Analytics polling of workspace {} works again", workspace);
            }
            status = status.succeeded(now, window, watermark, stored);
        } catch (RuntimeException | IOException e) {
            return failed(PollFailure.of(e, properties, now), e);
        }
        return status;
    }

    /**
     * From the watermark less the overlap to now. A watermark ahead of this host's clock (skew, or rows stamped in
     * the future) would make the window end before it starts, so the overlap is then counted back from now.
     */
    private QueryTimeInterval window(Optional<Instant> watermark, Instant now) {
        Instant from = watermark
                .map(w -> (w.isAfter(now) ? now : w).minus(properties.overlap()))
                .orElseGet(() -> now.minus(properties.initialLookback()));
        return new QueryTimeInterval(from.atOffset(ZoneOffset.UTC), now.atOffset(ZoneOffset.UTC));
    }

    private PollStatus failed(PollFailure failure, Exception error) {
        PollFailure previous = status.failure();
        boolean repeated = previous != null && Objects.equals(previous.reason(), failure.reason());
        if (failure.needsOperator()) {
            if (repeated) {
                log.debug("Log Analytics polling still fails: {}", failure.reason());
            } else {
                log.error("Log Analytics polling cannot work until this is fixed: {}", failure.reason());
            }
        } else {
            log.warn("Log Analytics poll failed; the watermark stays and the next poll reads the same rows: {}",
                    failure.reason());
            log.debug("Log Analytics poll failure", error);
        }
        status = status.failed(failure);
        return status;
    }
}
