package org.watchfloor.alerts.internal.loganalytics;

import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Polls in the server only: the jar's command-line verbs run the same beans in a non-web context and must not
 * start reading the workspace. The interval is the bound {@link java.time.Duration}, so every form the property
 * accepts ({@code 5m}, {@code PT5M}) means the same here; the first poll runs as soon as the server is up.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@ConditionalOnProperty(prefix = LogAnalyticsProperties.PREFIX, name = "enabled", havingValue = "true")
class LogAnalyticsSchedule implements SchedulingConfigurer {

    private static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);

    private final LogAnalyticsPoller poller;
    private final LogAnalyticsProperties properties;

    LogAnalyticsSchedule(LogAnalyticsPoller poller, LogAnalyticsProperties properties) {
        this.poller = poller;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        Duration interval = properties.pollInterval();
        if (interval == null || interval.isNegative() || interval.isZero()) {
            // the poller reports the broken interval as a configuration fault; the server must still start
            interval = DEFAULT_INTERVAL;
        }
        registrar.addFixedDelayTask(new FixedDelayTask(poller::poll, interval, Duration.ZERO));
    }
}
