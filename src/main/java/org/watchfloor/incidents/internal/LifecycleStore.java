package org.watchfloor.incidents.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.watchfloor.alerts.Severity;
import org.watchfloor.incidents.AuditEntry;
import org.watchfloor.incidents.Classification;
import org.watchfloor.incidents.Comment;
import org.watchfloor.incidents.IncidentStatus;
import org.watchfloor.incidents.SlaBreach;

/**
 * What the lifecycle writes about an incident: status, owner, severity and classification, triage and SLA times,
 * comments, the audit trail and the learned baseline. Callers lock the incident row first (see
 * {@link IncidentStore#lock}).
 */
@Repository
class LifecycleStore {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    LifecycleStore(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * The lowest-numbered incidents above {@code after} that wait for a lifecycle process, at most {@code limit}, latest
     * activity first.
     */
    List<Long> pending(long after, int limit) {
        return jdbc.queryForList("SELECT number FROM (SELECT number, last_activity FROM incident "
                + "WHERE lifecycle_pending = TRUE AND status <> ? AND number > ? ORDER BY number LIMIT ?) batch "
                + "ORDER BY last_activity DESC, number", Long.class, IncidentStatus.Closed.name(), after, limit);
    }

    boolean isPending(long number) {
        return !jdbc.queryForList("SELECT number FROM incident WHERE number = ? AND lifecycle_pending = TRUE "
                + "AND status <> ?", Long.class, number, IncidentStatus.Closed.name()).isEmpty();
    }

    void markStarted(long number) {
        jdbc.update("UPDATE incident SET lifecycle_pending = FALSE WHERE number = ?", number);
    }

    void setStatus(long number, IncidentStatus status, Instant now) {
        jdbc.update("UPDATE incident SET status = ?, updated_at = ? WHERE number = ?", status.name(), time(now), number);
    }

    /** Records the first time the incident left New: the end of its time to triage. */
    void markTriaged(long number, Instant now) {
        jdbc.update("UPDATE incident SET triaged_at = ? WHERE number = ? AND triaged_at IS NULL", time(now), number);
    }

    void setOwner(long number, String owner, Instant now) {
        jdbc.update("UPDATE incident SET owner = ?, updated_at = ? WHERE number = ?", owner, time(now), number);
    }

    void setSeverity(long number, Severity severity, Instant now) {
        jdbc.update("UPDATE incident SET severity = ?, updated_at = ? WHERE number = ?", severity.label(), time(now),
                number);
    }

    void setTags(long number, List<String> tags, Instant now) {
        try {
            jdbc.update("UPDATE incident SET tags = ?, updated_at = ? WHERE number = ?", json.writeValueAsString(tags),
                    time(now), number);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the tags " + tags, e);
        }
    }

    void setClassification(long number, Classification classification, Instant now) {
        jdbc.update("UPDATE incident SET classification = ?, updated_at = ? WHERE number = ?", classification.name(),
                time(now), number);
    }

    void close(long number, Classification classification, Instant now) {
        jdbc.update("UPDATE incident SET status = ?, classification = ?, closed_at = ?, updated_at = ?, "
                        + "lifecycle_pending = FALSE WHERE number = ?", IncidentStatus.Closed.name(),
                classification.name(), time(now), time(now), number);
    }

    /** A closed incident becomes Active again and waits for a new lifecycle process; its history stays. */
    void reopen(long number, Instant now) {
        jdbc.update("UPDATE incident SET status = ?, classification = NULL, closed_at = NULL, updated_at = ?, "
                + "lifecycle_pending = TRUE WHERE number = ?", IncidentStatus.Active.name(), time(now), number);
    }

    void recordSlaBreach(long number, String stage, Severity severity, String dueAfter, Instant now) {
        jdbc.update("INSERT INTO incident_sla_breach (incident_number, stage, severity, due_after, breached_at) "
                + "VALUES (?, ?, ?, ?, ?)", number, stage, severity.label(), dueAfter, time(now));
        jdbc.update("UPDATE incident SET sla_breached = TRUE, updated_at = ? WHERE number = ?", time(now), number);
    }

    List<SlaBreach> slaBreaches(long number) {
        return jdbc.query("SELECT stage, severity, due_after, breached_at FROM incident_sla_breach "
                        + "WHERE incident_number = ? ORDER BY breached_at, id",
                (rs, n) -> new SlaBreach(rs.getString(1), Severity.of(rs.getString(2)).orElseThrow(), rs.getString(3),
                        instant(rs, 4)), number);
    }

    Comment addComment(long number, String author, String text, Instant now) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            var statement = connection.prepareStatement("INSERT INTO incident_comment (incident_number, author, "
                    + "written_at, text) VALUES (?, ?, ?, ?)", new String[] {"id"});
            statement.setLong(1, number);
            statement.setString(2, author);
            statement.setObject(3, time(now));
            statement.setString(4, text);
            return statement;
        }, key);
        return new Comment(key.getKeyAs(Number.class).longValue(), author, now, text);
    }

    List<Comment> comments(long number) {
        return jdbc.query("SELECT id, author, written_at, text FROM incident_comment WHERE incident_number = ? "
                        + "ORDER BY written_at, id",
                (rs, n) -> new Comment(rs.getLong(1), rs.getString(2), instant(rs, 3), rs.getString(4)), number);
    }

    void audit(long number, String by, String field, Object oldValue, Object newValue, Instant now) {
        jdbc.update("INSERT INTO incident_audit (incident_number, changed_by, changed_at, field, old_value, new_value) "
                        + "VALUES (?, ?, ?, ?, ?, ?)", number, by, time(now), field, text(oldValue), text(newValue));
    }

    List<AuditEntry> auditTrail(long number) {
        return jdbc.query("SELECT changed_by, changed_at, field, old_value, new_value FROM incident_audit "
                        + "WHERE incident_number = ? ORDER BY changed_at, id",
                (rs, n) -> new AuditEntry(rs.getString(1), instant(rs, 2), rs.getString(3), rs.getString(4),
                        rs.getString(5)), number);
    }

    /** Adds traffic to the learned baseline; traffic learned before keeps its first record. */
    void learn(String alertName, String source, String destination, String by, long number, String systemAlertId,
               Instant now) {
        jdbc.update("INSERT INTO learned_baseline (alert_name, source_address, destination_address, learned_at, "
                        + "learned_by, incident_number, system_alert_id) SELECT ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS "
                        + "(SELECT 1 FROM learned_baseline WHERE alert_name = ? AND source_address = ? "
                        + "AND destination_address = ?)",
                alertName, source, destination, time(now), by, number, systemAlertId, alertName, source, destination);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
