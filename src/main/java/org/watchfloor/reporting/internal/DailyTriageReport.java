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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.batch.core.JobParameters;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.watchfloor.alerts.Severity;

/**
 * The daily triage report's content: the alert tally of the first step, the incident figures (opened, closed, open
 * backlog by age, SLA breaches, High incidents) from aggregate SQL, filled into {@code daily-triage.jrxml} and
 * archived.
 */
@Component
class DailyTriageReport {

    static final int HIGH_INCIDENTS_SHOWN = 100;
    private static final List<String> SEVERITIES = Severity.labelsHighestFirst();

    private final JdbcTemplate jdbc;
    private final ReportRunStore runs;
    private final ReportArchive archive;
    private final PdfRenderer renderer;
    private final Clock clock;

    DailyTriageReport(JdbcTemplate jdbc, ReportRunStore runs, ReportArchive archive, PdfRenderer renderer,
                      Clock clock) {
        this.jdbc = jdbc;
        this.runs = runs;
        this.archive = archive;
        this.renderer = renderer;
        this.clock = clock;
    }

    void fill(JobParameters job, AlertTally.Summary tally) throws IOException {
        ReportRun run = runs.find(ReportSteps.runId(job)).orElseThrow();
        ZoneId zone = ReportSteps.zone(job);
        Instant start = ReportSteps.start(job);
        Instant end = ReportSteps.end(job);
        runs.progress(run.id(), "filling the PDF (" + tally.alerts() + " alerts tallied)");

        ReportSections sections = new ReportSections();
        alertTables(sections, tally);

        Counter opened = counts("SELECT severity, COUNT(*) FROM incident WHERE first_activity >= ? "
                + "AND first_activity < ? GROUP BY severity", start, end);
        Counter closed = counts("SELECT classification, COUNT(*) FROM incident WHERE closed_at >= ? "
                + "AND closed_at < ? GROUP BY classification", start, end);
        var openedTable = sections.section("Incidents opened by severity", "Severity", null, "Incidents");
        for (String severity : SEVERITIES) {
            if (opened.get(severity) > 0) {
                openedTable.row(severity, null, Figures.count(opened.get(severity)));
            }
        }
        openedTable.orNone("No incident was opened in this period.");
        var closedTable = sections.section("Incidents closed by classification", "Classification", null,
                "Incidents");
        closed.sorted().forEach(e -> closedTable.row(e.getKey(), null, Figures.count(e.getValue())));
        closedTable.orNone("No incident was closed in this period.");

        long backlog = backlog(sections, end);
        long breaches = slaBreaches(sections, start, end);
        highIncidents(sections, start, end, zone);

        Map<String, Object> parameters = new HashMap<>();
        parameters.put("REPORT_TITLE", ReportKind.DAILY.title());
        parameters.put("PERIOD", Figures.period(new ReportPeriod(run.from(), run.to()), zone));
        parameters.put("GENERATED", "Generated " + Figures.time(clock.instant(), zone) + " " + zone.getId()
                + " by Watchfloor, run " + run.id() + "; alerts counted by when they were first detected.");
        parameters.put("ALERTS", tally.alerts());
        parameters.put("INCIDENTS_OPENED", opened.total());
        parameters.put("INCIDENTS_CLOSED", closed.total());
        parameters.put("OPEN_BACKLOG", backlog);
        parameters.put("SLA_BREACHES", breaches);
        if (tally.alerts() == 0 && opened.total() == 0 && closed.total() == 0) {
            parameters.put("EMPTY_NOTE", "No alerts and no incidents in this period.");
        }
        Path file = archive.fileFor(run);
        renderer.render(ReportKind.DAILY, parameters, sections, file);
        runs.filled(run.id(), file.toString(), ReportArchive.sha256(file), Files.size(file));
    }

    private static void alertTables(ReportSections sections, AlertTally.Summary tally) {
        long total = tally.alerts();
        String none = "No alerts in this period.";
        var severity = sections.charted("Alerts by severity", "severity", "Severity", null, "Alerts", "Share");
        for (String s : SEVERITIES) {
            if (tally.severity().get(s) > 0) {
                severity.charted(tally.severity().get(s), s, null, Figures.count(tally.severity().get(s)),
                        Figures.share(tally.severity().get(s), total));
            }
        }
        severity.orNone(none);
        var hours = sections.charted("Alerts per hour", "hour", "Hour", null, "Alerts", "Share");
        if (total > 0) {
            for (int h = 0; h < 24; h++) {
                hours.charted(tally.hours()[h], String.format("%02d:00–%02d:00", h, (h + 1) % 24), null,
                        Figures.count(tally.hours()[h]), Figures.share(tally.hours()[h], total));
            }
        }
        hours.orNone(none);
        table(sections.section("Alerts by engine", "Engine", null, "Alerts", "Share"), tally.engine(), total, none);
        table(sections.section("Alerts by site", "Site", null, "Alerts", "Share"), tally.site(), total, none);
        table(sections.section("Alerts by sensor", "Sensor", null, "Alerts", "Share"), tally.sensor(), total, none);
        var noisy = sections.section("Noisiest alert types (tuning candidates, " + tally.alertTypes()
                + " types in all)", "Alert type", "Engine", "Alerts", "Share");
        tally.noisiest().sorted().forEach(e -> noisy.row(e.getKey(),
                tally.noisiestEngines().getOrDefault(e.getKey(), ""), Figures.count(e.getValue()),
                Figures.share(e.getValue(), total)));
        noisy.orNone(none);
        table(sections.section("Top devices (" + tally.deviceCount() + " devices in all)", "Device (source or "
                + "destination)", null, "Alerts", "Share"), tally.devices(), total, none);
        table(sections.section("MITRE ATT&CK tactics", "Tactic", null, "Alerts", "Share"), tally.tactics(), total,
                "No alert carried a tactic.");
        table(sections.section("MITRE ATT&CK techniques", "Technique", null, "Alerts", "Share"), tally.techniques(),
                total, "No alert carried a technique.");
    }

    private static void table(ReportSections.Section table, Counter counts, long total, String none) {
        counts.sorted().forEach(e -> table.row(e.getKey(), null, Figures.count(e.getValue()),
                Figures.share(e.getValue(), total)));
        table.orNone(none);
    }

    /**
     * Incidents open when the period ended, by how long they had been open then. An incident belongs to the period
     * of its first alert (its first activity), so a report over imported past alerts places their incidents on the
     * days of those alerts; triage and close times are the SOC's own, as they happened.
     */
    private long backlog(ReportSections sections, Instant end) {
        List<String> buckets = List.of("under 1 day", "1 to 3 days", "3 to 7 days", "7 days or more");
        Counter ages = counts("SELECT bucket, COUNT(*) FROM (SELECT CASE WHEN first_activity >= ? THEN '"
                        + buckets.get(0) + "' "
                        + "WHEN first_activity >= ? THEN '" + buckets.get(1) + "' "
                        + "WHEN first_activity >= ? THEN '" + buckets.get(2) + "' "
                        + "ELSE '" + buckets.get(3) + "' END AS bucket "
                        + "FROM incident WHERE first_activity < ? AND (closed_at IS NULL OR closed_at >= ?) "
                        + "AND NOT (status = 'Closed' AND closed_at IS NULL)) open_incident GROUP BY bucket",
                time(end.minus(Duration.ofDays(1))), time(end.minus(Duration.ofDays(3))),
                time(end.minus(Duration.ofDays(7))), time(end), time(end));
        var table = sections.section("Open backlog at period end, by age", "Open for", null, "Incidents", "Share");
        long total = ages.total();
        for (String bucket : buckets) {
            if (ages.get(bucket) > 0) {
                table.row(bucket, null, Figures.count(ages.get(bucket)), Figures.share(ages.get(bucket), total));
            }
        }
        table.orNone("No incident was open at the end of this period.");
        return total;
    }

    private long slaBreaches(ReportSections sections, Instant start, Instant end) {
        var table = sections.section("SLA breaches", "Stage", "Severity", "Breaches");
        long[] total = {0};
        jdbc.query("SELECT stage, severity, COUNT(*) FROM incident_sla_breach WHERE breached_at >= ? "
                + "AND breached_at < ? GROUP BY stage, severity ORDER BY stage, severity", rs -> {
                    table.row(rs.getString(1), rs.getString(2), Figures.count(rs.getLong(3)));
                    total[0] += rs.getLong(3);
                }, time(start), time(end));
        table.orNone("No SLA was breached in this period.");
        return total[0];
    }

    /** High incidents opened in the period or still open during it. */
    private void highIncidents(ReportSections sections, Instant start, Instant end, ZoneId zone) {
        String where = " FROM incident WHERE severity = 'High' AND first_activity < ? "
                + "AND (first_activity >= ? OR closed_at IS NULL OR closed_at >= ?)";
        Long count = jdbc.queryForObject("SELECT COUNT(*)" + where, Long.class, time(end), time(start), time(start));
        var table = sections.section("High incidents (" + count + ")", "Incident", "Owner", "Status", "Opened",
                "Alerts");
        jdbc.query("SELECT number, title, owner, status, first_activity, alert_count" + where
                        + " ORDER BY first_activity, number LIMIT " + HIGH_INCIDENTS_SHOWN,
                rs -> {
                    table.row("#" + rs.getLong(1) + " " + rs.getString(2),
                            rs.getString(3) == null ? "unassigned" : rs.getString(3), rs.getString(4),
                            Figures.time(rs.getObject(5, OffsetDateTime.class).toInstant(), zone),
                            Figures.count(rs.getLong(6)));
                }, time(end), time(start), time(start));
        if (count != null && count > HIGH_INCIDENTS_SHOWN) {
            table.row("… and " + (count - HIGH_INCIDENTS_SHOWN) + " more (GET /api/incidents?severity=High)");
        }
        table.orNone("No High incident was open in this period.");
    }

    private Counter counts(String sql, Object... args) {
        Counter counter = new Counter();
        Object[] values = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            values[i] = args[i] instanceof Instant instant ? time(instant) : args[i];
        }
        jdbc.query(sql, rs -> {
            counter.add(rs.getString(1), rs.getLong(2));
        }, values);
        return counter;
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
