package org.watchfloor.reporting.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.batch.core.JobParameters;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.watchfloor.alerts.Severity;

/**
 * The weekly SOC metrics report's content: time to triage and to close (mean, median, p90) by severity and by
 * owner, the classification of closed incidents, the period against the one before it and SLA compliance, filled
 * into {@code weekly-soc-metrics.jrxml} and archived.
 */
@Component
class WeeklySocMetricsReport {

    private static final List<String> SEVERITIES = Severity.labelsHighestFirst();

    private final JdbcTemplate jdbc;
    private final ReportRunStore runs;
    private final ReportArchive archive;
    private final PdfRenderer renderer;
    private final Clock clock;

    WeeklySocMetricsReport(JdbcTemplate jdbc, ReportRunStore runs, ReportArchive archive, PdfRenderer renderer,
                           Clock clock) {
        this.jdbc = jdbc;
        this.runs = runs;
        this.archive = archive;
        this.renderer = renderer;
        this.clock = clock;
    }

    void fill(JobParameters job, IncidentTally.Summary tally) throws IOException {
        ReportRun run = runs.find(ReportSteps.runId(job)).orElseThrow();
        ZoneId zone = ReportSteps.zone(job);
        Instant start = ReportSteps.start(job);
        Instant end = ReportSteps.end(job);
        Instant previousStart = start.minus(Duration.between(start, end));
        runs.progress(run.id(), "filling the PDF");
        IncidentTally.Figures now = tally.current();
        IncidentTally.Figures before = tally.previous();
        long alerts = alerts(start, end);
        long alertsBefore = alerts(previousStart, start);
        long breaches = breaches(start, end);
        long breachesBefore = breaches(previousStart, start);

        ReportSections sections = new ReportSections();
        var comparison = sections.charted("This period against the previous one", "comparison", "Figure", null,
                "This period", "Previous", "Change");
        compare(comparison, "Alerts", alerts, alertsBefore, false);
        compare(comparison, "Incidents opened", now.opened(), before.opened(), true);
        compare(comparison, "Incidents closed", now.closed(), before.closed(), true);
        compare(comparison, "SLA breaches", breaches, breachesBefore, true);
        comparison.row("Median time to triage", null, Figures.duration(now.triage().median()),
                Figures.duration(before.triage().median()));
        comparison.row("Median time to close", null, Figures.duration(now.close().median()),
                Figures.duration(before.close().median()));
        comparison.row("SLA compliance of closed incidents", null, compliance(now), compliance(before));

        durations(sections.section("Time to triage by severity", "Severity", "Incidents", "Mean", "Median",
                "p90"), bySeverity(now.triageBySeverity()), "No incident was triaged in this period.");
        durations(sections.section("Time to close by severity", "Severity", "Incidents", "Mean", "Median",
                "p90"), bySeverity(now.closeBySeverity()), "No incident was closed in this period.");
        durations(sections.section("Time to triage by owner", "Owner", "Incidents", "Mean", "Median", "p90"),
                now.triageByOwner(), "No incident was triaged in this period.");
        durations(sections.section("Time to close by owner", "Owner", "Incidents", "Mean", "Median", "p90"),
                now.closeByOwner(), "No incident was closed in this period.");

        var classification = sections.charted("Classification of closed incidents", "classification",
                "Classification", null, "Incidents", "Share");
        now.classification().sorted().forEach(e -> classification.charted(e.getValue(), e.getKey(), null,
                Figures.count(e.getValue()), Figures.share(e.getValue(), now.closed())));
        classification.orNone("No incident was closed in this period.");

        var sla = sections.section("SLA compliance of closed incidents by severity", "Severity", null, "Closed",
                "Breached", "Compliance");
        for (String severity : SEVERITIES) {
            long closed = now.closedBySeverity().get(severity);
            if (closed > 0) {
                long breached = now.breachedBySeverity().get(severity);
                sla.row(severity, null, Figures.count(closed), Figures.count(breached),
                        Figures.share(closed - breached, closed));
            }
        }
        sla.orNone("No incident was closed in this period.");
        var stages = sections.section("SLA breaches by stage", "Stage", "Severity", "Breaches");
        jdbc.query("SELECT stage, severity, COUNT(*) FROM incident_sla_breach WHERE breached_at >= ? "
                        + "AND breached_at < ? GROUP BY stage, severity ORDER BY stage, severity",
                rs -> {
                    stages.row(rs.getString(1), rs.getString(2), Figures.count(rs.getLong(3)));
                }, time(start), time(end));
        stages.orNone("No SLA was breached in this period.");

        Map<String, Object> parameters = new HashMap<>();
        parameters.put("REPORT_TITLE", ReportKind.WEEKLY.title());
        parameters.put("PERIOD", Figures.period(new ReportPeriod(run.from(), run.to()), zone));
        parameters.put("GENERATED", "Generated " + Figures.time(clock.instant(), zone) + " " + zone.getId()
                + " by Watchfloor, run " + run.id() + "; previous period " + Figures.period(
                new ReportPeriod(run.from(), run.to()).previous(), zone) + ".");
        parameters.put("ALERTS", alerts);
        parameters.put("INCIDENTS_OPENED", now.opened());
        parameters.put("INCIDENTS_CLOSED", now.closed());
        parameters.put("MEDIAN_TRIAGE", Figures.duration(now.triage().median()));
        parameters.put("MEDIAN_CLOSE", Figures.duration(now.close().median()));
        parameters.put("SLA_COMPLIANCE", compliance(now));
        if (alerts == 0 && now.opened() == 0 && now.closed() == 0 && now.triage().count() == 0) {
            parameters.put("EMPTY_NOTE", "No alerts and no incident activity in this period.");
        }
        Path file = archive.fileFor(run);
        renderer.render(ReportKind.WEEKLY, parameters, sections, file);
        runs.filled(run.id(), file.toString(), ReportArchive.sha256(file), Files.size(file));
    }

    private static void compare(ReportSections.Section table, String figure, long now, long before, boolean chart) {
        String change = before == 0 ? (now == 0 ? "0" : "new")
                : String.format(Locale.ENGLISH, "%+.0f %%", 100.0 * (now - before) / before);
        if (chart) {
            table.charted(now, before, figure, null, Figures.count(now), Figures.count(before), change);
        } else {
            table.row(figure, null, Figures.count(now), Figures.count(before), change);
        }
    }

    private static String compliance(IncidentTally.Figures figures) {
        return figures.closed() == 0 ? "–" : Figures.share(figures.closed() - figures.breached(), figures.closed());
    }

    private static TreeMap<String, DurationSample.Stats> bySeverity(TreeMap<String, DurationSample.Stats> stats) {
        TreeMap<String, DurationSample.Stats> ordered = new TreeMap<>(
                Comparator.comparingInt(s -> {
                    int i = SEVERITIES.indexOf(s);
                    return i < 0 ? SEVERITIES.size() : i;
                }));
        ordered.putAll(stats);
        return ordered;
    }

    private static void durations(ReportSections.Section table, Map<String, DurationSample.Stats> stats,
                                  String none) {
        stats.forEach((group, s) -> table.row(group, Figures.count(s.count()), Figures.duration(s.mean()),
                Figures.duration(s.median()), Figures.duration(s.p90())));
        table.orNone(none);
    }

    private long alerts(Instant from, Instant to) {
        Long count = jdbc.queryForObject(AlertPeriod.COUNT, Long.class, time(from), time(to), time(from), time(to));
        return count == null ? 0 : count;
    }

    private long breaches(Instant from, Instant to) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM incident_sla_breach WHERE breached_at >= ? "
                + "AND breached_at < ?", Long.class, time(from), time(to));
        return count == null ? 0 : count;
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
