package org.watchfloor.alerts.internal.loganalytics;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@code logAnalytics} in {@code /actuator/health}: DOWN while a sign-in or configuration fault stops polling,
 * UP once a poll has stored its rows, UNKNOWN before that. A transient failure keeps the status and shows in the
 * details, since the next poll reads the same rows again.
 */
@Component
@ConditionalOnProperty(prefix = LogAnalyticsProperties.PREFIX, name = "enabled", havingValue = "true")
class LogAnalyticsHealthIndicator implements HealthIndicator {

    private final LogAnalyticsPoller poller;
    private final LogAnalyticsProperties properties;

    LogAnalyticsHealthIndicator(LogAnalyticsPoller poller, LogAnalyticsProperties properties) {
        this.poller = poller;
        this.properties = properties;
    }

    @Override
    public Health health() {
        PollStatus status = poller.status();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("workspaceId", properties.workspaceId());
        if (status.lastSuccessfulPoll() != null) {
            details.put("lastSuccessfulPoll", status.lastSuccessfulPoll().toString());
            details.put("lastWindow", PollStatus.text(status.lastWindow()));
            details.put("rowsReceived", status.lastIntake().received());
            details.put("rowsReceivedSinceStart", status.rowsReceivedSinceStart());
        }
        if (status.watermark() != null) {
            details.put("watermark", status.watermark().toString());
        }
        PollFailure failure = status.failure();
        if (failure != null) {
            details.put(failure.needsOperator() ? "reason" : "lastFailure", failure.reason());
            details.put("failedAt", failure.at().toString());
        }
        Health.Builder health;
        if (failure != null && failure.needsOperator()) {
            health = Health.down();
        } else if (status.lastSuccessfulPoll() != null) {
            health = Health.up();
        } else {
            health = Health.unknown();
        }
        return health.withDetails(details).build();
    }
}
