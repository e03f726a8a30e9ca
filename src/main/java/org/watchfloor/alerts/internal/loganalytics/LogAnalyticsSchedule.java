package org.watchfloor.alerts.internal.loganalytics;

import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Polls in the server only: the jar's command-line verbs run the same beans in a non-web context and must not
 * start reading the workspace. The poller has a thread of its own because one poll may wait minutes on the service
 * and its retries, and the application's shared scheduler has a single thread that other schedules need. Each poll
 * starts {@code poll-interval} after the previous one ended; the first as soon as the server is up.
 */
@Component
@ConditionalOnWebApplication
@ConditionalOnProperty(prefix = LogAnalyticsProperties.PREFIX, name = "enabled", havingValue = "true")
class LogAnalyticsSchedule implements SmartLifecycle {

    private static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);

    private final LogAnalyticsPoller poller;
    private final Duration interval;
    private ThreadPoolTaskScheduler scheduler;

    LogAnalyticsSchedule(LogAnalyticsPoller poller, LogAnalyticsProperties properties) {
        this.poller = poller;
        Duration configured = properties.pollInterval();
        // the poller reports a broken interval as a configuration fault; the server must still start
        this.interval = configured == null || configured.isNegative() || configured.isZero()
                ? DEFAULT_INTERVAL : configured;
    }

    Duration interval() {
        return interval;
    }

    @Override
    public synchronized void start() {
        scheduler = new ThreadPoolTaskScheduler();
        scheduler.setThreadNamePrefix("log-analytics-");
        scheduler.initialize();
        scheduler.scheduleWithFixedDelay(poller::poll, interval);
    }

    /** A poll cut short leaves the watermark where it was, so the next start reads its rows again. */
    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdown();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
