package org.watchfloor.reporting.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/** The {@code report_run} table: the record of every report run. */
@Component
class ReportRunStore {

    private static final String COLUMNS = "id, report, period_from, period_to, time_zone, requested_by, requested_at, "
            + "forced, parameters, status, progress, file, sha256, size_bytes, recipients, mailed_at, filled_at, "
            + "finished_at, error";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Clock clock;
    private final RowMapper<ReportRun> mapper = this::map;

    ReportRunStore(JdbcTemplate jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    ReportRun create(ReportKind kind, ReportPeriod period, ZoneId zone, String requestedBy, boolean forced,
                     List<String> recipients) {
        Map<String, String> parameters = Map.of("from", period.from().toString(), "to", period.to().toString(),
                "timeZone", zone.getId(), "force", String.valueOf(forced));
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            var insert = connection.prepareStatement("INSERT INTO report_run (report, period_from, period_to, "
                    + "time_zone, requested_by, requested_at, forced, parameters, status, recipients) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[] {"id"});
            insert.setString(1, kind.template());
            insert.setObject(2, time(period.start(zone)));
            insert.setObject(3, time(period.end(zone)));
            insert.setString(4, zone.getId());
            insert.setString(5, requestedBy);
            insert.setObject(6, time(clock.instant()));
            insert.setBoolean(7, forced);
            insert.setString(8, write(parameters));
            insert.setString(9, RunStatus.RUNNING.label());
            insert.setString(10, write(recipients));
            return insert;
        }, key);
        return find(key.getKey().longValue()).orElseThrow();
    }

    Optional<ReportRun> find(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM report_run WHERE id = ?", mapper, id).stream().findFirst();
    }

    /** The latest run of the report for exactly this period in this time zone. */
    Optional<ReportRun> latest(ReportKind kind, ReportPeriod period, ZoneId zone) {
        return jdbc.query("SELECT " + COLUMNS + " FROM report_run WHERE report = ? AND period_from = ? "
                        + "AND period_to = ? ORDER BY id DESC", mapper, kind.template(), time(period.start(zone)),
                time(period.end(zone))).stream().findFirst();
    }

    /** Whether a run of the report for this period has mailed its PDF. */
    boolean mailed(ReportKind kind, ReportPeriod period, ZoneId zone) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM report_run WHERE report = ? AND period_from = ? "
                        + "AND period_to = ? AND mailed_at IS NOT NULL", Long.class, kind.template(),
                time(period.start(zone)), time(period.end(zone)));
        return count != null && count > 0;
    }

    /** Runs, latest first. */
    List<ReportRun> list(Optional<ReportKind> kind, int page, int size) {
        List<Object> args = new ArrayList<>();
        String where = "";
        if (kind.isPresent()) {
            where = " WHERE report = ?";
            args.add(kind.get().template());
        }
        args.add(size);
        args.add((long) page * size);
        return jdbc.query("SELECT " + COLUMNS + " FROM report_run" + where + " ORDER BY id DESC LIMIT ? OFFSET ?",
                mapper, args.toArray());
    }

    long count(Optional<ReportKind> kind) {
        Long count = kind.isPresent()
                ? jdbc.queryForObject("SELECT COUNT(*) FROM report_run WHERE report = ?", Long.class,
                        kind.get().template())
                : jdbc.queryForObject("SELECT COUNT(*) FROM report_run", Long.class);
        return count == null ? 0 : count;
    }

    void progress(long id, String progress) {
        jdbc.update("UPDATE report_run SET progress = ? WHERE id = ?", progress, id);
    }

    /** Back to filled: the restarted job skips the fill and delivers again. */
    void retryDelivery(long id) {
        jdbc.update("UPDATE report_run SET status = ?, error = NULL, finished_at = NULL WHERE id = ?",
                RunStatus.FILLED.label(), id);
    }

    void filled(long id, String file, String sha256, long size) {
        jdbc.update("UPDATE report_run SET status = ?, file = ?, sha256 = ?, size_bytes = ?, filled_at = ? "
                + "WHERE id = ?", RunStatus.FILLED.label(), file, sha256, size, time(clock.instant()), id);
    }

    void delivered(long id, boolean mailed) {
        Instant now = clock.instant();
        jdbc.update("UPDATE report_run SET status = ?, mailed_at = ?, finished_at = ?, error = NULL WHERE id = ?",
                (mailed ? RunStatus.DELIVERED : RunStatus.ARCHIVED).label(), mailed ? time(now) : null, time(now),
                id);
    }

    void failed(long id, RunStatus status, String error) {
        jdbc.update("UPDATE report_run SET status = ?, error = ?, finished_at = ? WHERE id = ?", status.label(),
                error, time(clock.instant()), id);
    }

    private ReportRun map(ResultSet rs, int row) throws SQLException {
        ZoneId zone = ZoneId.of(rs.getString("time_zone"));
        Long size = rs.getObject("size_bytes") == null ? null : rs.getLong("size_bytes");
        return new ReportRun(rs.getLong("id"), rs.getString("report"), date(rs, "period_from", zone),
                date(rs, "period_to", zone), zone.getId(), rs.getString("requested_by"),
                instant(rs, "requested_at"), rs.getBoolean("forced"),
                read(rs.getString("parameters"), new TypeReference<Map<String, String>>() { }),
                RunStatus.of(rs.getString("status")), rs.getString("progress"), rs.getString("file"),
                rs.getString("sha256"), size, read(rs.getString("recipients"), new TypeReference<List<String>>() { }),
                instant(rs, "mailed_at"), instant(rs, "filled_at"), instant(rs, "finished_at"), rs.getString("error"));
    }

    private static LocalDate date(ResultSet rs, String column, ZoneId zone) throws SQLException {
        return instant(rs, column).atZone(zone).toLocalDate();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable report_run column: " + text, e);
        }
    }
}
