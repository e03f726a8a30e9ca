package org.watchfloor.reporting.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.stereotype.Component;

/** Runs each report on its cron schedule, in the reports' time zone; only the server does, never a verb. */
@Component
@Profile("!cli")
class ReportSchedule implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ReportSchedule.class);

    private final ReportService reports;
    private final ReportsProperties properties;

    ReportSchedule(ReportService reports, ReportsProperties properties) {
        this.reports = reports;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        for (ReportKind kind : ReportKind.values()) {
            ReportsProperties.Schedule schedule = properties.schedule(kind);
            if (!schedule.enabled()) {
                log.info("{} is not scheduled (cron '-')", kind.template());
                continue;
            }
            CronTrigger trigger;
            try {
                trigger = new CronTrigger(schedule.cron(), properties.zone());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("watchfloor.reports." + kind.shortName() + ".cron '"
                        + schedule.cron() + "' is not a cron expression (second minute hour day month weekday): "
                        + e.getMessage(), e);
            }
            registrar.addTriggerTask(() -> reports.scheduled(kind), trigger);
            log.info("{} runs on '{}' ({}), mailed to {}", kind.template(), schedule.cron(), properties.zone(),
                    schedule.recipients().isEmpty() ? "nobody (archive only)" : schedule.recipients());
        }
    }
}
