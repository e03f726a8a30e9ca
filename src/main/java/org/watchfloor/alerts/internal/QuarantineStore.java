package org.watchfloor.alerts.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.watchfloor.alerts.IntakePath;

/** Rejected rows, with their raw text, the reason and the intake path. */
@Repository
class QuarantineStore {

    record QuarantinedRow(long id, Instant receivedAt, IntakePath intakePath, long rowIndex, String systemAlertId,
                          String reason, String raw, Instant resubmittedAt, String resubmittedAs) {
    }

    private static final RowMapper<QuarantinedRow> MAPPER = (rs, n) -> new QuarantinedRow(
            rs.getLong("id"), AlertStore.instant(rs, "received_at"), IntakePath.valueOf(rs.getString("intake_path")),
            rs.getLong("row_index"), rs.getString("system_alert_id"), rs.getString("reason"), rs.getString("raw"),
            AlertStore.instant(rs, "resubmitted_at"), rs.getString("resubmitted_as"));

    private final JdbcTemplate jdbc;

    QuarantineStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void add(List<ParsedRow.Rejected> rows, IntakePath path, Instant receivedAt) {
        jdbc.batchUpdate("INSERT INTO quarantined_row (received_at, intake_path, row_index, system_alert_id, reason, raw)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                rows.stream().map(r -> new Object[] {AlertStore.time(receivedAt), path.name(), r.index(),
                        r.systemAlertId(), r.reason(), r.raw()}).toList());
    }

    List<QuarantinedRow> list(boolean includeResubmitted, int page, int size) {
        String where = includeResubmitted ? "" : " WHERE resubmitted_at IS NULL";
        return jdbc.query("SELECT * FROM quarantined_row" + where + " ORDER BY id DESC LIMIT ? OFFSET ?",
                MAPPER, size, (long) page * size);
    }

    long count(boolean includeResubmitted) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM quarantined_row"
                + (includeResubmitted ? "" : " WHERE resubmitted_at IS NULL"), Long.class);
        return n == null ? 0 : n;
    }

    Optional<QuarantinedRow> find(long id) {
        return jdbc.query("SELECT * FROM quarantined_row WHERE id = ?", MAPPER, id).stream().findFirst();
    }

    void markResubmitted(long id, String systemAlertId, Instant at) {
        jdbc.update("UPDATE quarantined_row SET resubmitted_at = ?, resubmitted_as = ? WHERE id = ?",
                AlertStore.time(at), systemAlertId, id);
    }
}
