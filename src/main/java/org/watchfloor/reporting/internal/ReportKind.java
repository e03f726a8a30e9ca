package org.watchfloor.reporting.internal;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The two reports: the name the API and the verb take, the template and the job that fills it. */
enum ReportKind {
    DAILY("daily", "daily-triage", "Daily triage report", "dailyTriage"),
    WEEKLY("weekly", "weekly-soc-metrics", "Weekly SOC metrics", "weeklySocMetrics");

    private final String shortName;
    private final String template;
    private final String title;
    private final String job;

    ReportKind(String shortName, String template, String title, String job) {
        this.shortName = shortName;
        this.template = template;
        this.title = title;
        this.job = job;
    }

    String shortName() {
        return shortName;
    }

    /** The template's file name without {@code .jrxml}, and the report's name in run records. */
    String template() {
        return template;
    }

    String title() {
        return title;
    }

    String job() {
        return job;
    }

    /** {@code daily}, {@code weekly} or the template name, in any case. */
    static Optional<ReportKind> of(String name) {
        String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(k -> k.shortName.equals(wanted) || k.template.equals(wanted))
                .findFirst();
    }

    /** The period a scheduled run on {@code today} covers: yesterday, or last week from Monday to Monday. */
    ReportPeriod previousPeriod(LocalDate today) {
        if (this == DAILY) {
            return new ReportPeriod(today.minusDays(1), today);
        }
        LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        return new ReportPeriod(monday.minusWeeks(1), monday);
    }

    /** The default end of a period that starts on {@code from}: one day or one week later. */
    LocalDate defaultEnd(LocalDate from) {
        return this == DAILY ? from.plusDays(1) : from.plusWeeks(1);
    }
}
