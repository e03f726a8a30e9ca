package org.watchfloor.reporting.internal;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the report templates and archives are, which time zone a report day is in, and each report's schedule and
 * recipients.
 *
 * @param dir        the templates folder; a template missing there is taken from the jar
 * @param outputDir  where the PDFs are archived, one folder per report
 * @param zone       the time zone of report days and weeks, of the schedules and of the times in the PDFs
 * @param sender     the From address of report mails
 * @param chunkSize  alerts or incidents read and tallied per chunk (one transaction, one progress update)
 * @param daily      the daily triage report
 * @param weekly     the weekly SOC metrics report
 */
@ConfigurationProperties("watchfloor.reports")
record ReportsProperties(
        @DefaultValue("reports") Path dir,
        @DefaultValue("watchfloor-data/reports") Path outputDir,
        @DefaultValue("UTC") ZoneId zone,
        @DefaultValue("watchfloor@localhost") String sender,
        @DefaultValue("5000") int chunkSize,
        @DefaultValue Schedule daily,
        @DefaultValue Schedule weekly) {

    ReportsProperties {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("watchfloor.reports.chunk-size must be at least 1");
        }
        daily = daily.cron() == null ? new Schedule("0 0 6 * * *", daily.recipients()) : daily;
        weekly = weekly.cron() == null ? new Schedule("0 0 7 * * MON", weekly.recipients()) : weekly;
    }

    /**
     * @param cron        Spring cron expression (second minute hour day month weekday) in {@code zone}; {@code -}
     *                    turns the schedule off
     * @param recipients  who gets the PDF by mail; none: the run is archived only
     */
    record Schedule(String cron, @DefaultValue List<String> recipients) {

        boolean enabled() {
            return !"-".equals(cron);
        }
    }

    Schedule schedule(ReportKind kind) {
        return kind == ReportKind.DAILY ? daily : weekly;
    }
}
