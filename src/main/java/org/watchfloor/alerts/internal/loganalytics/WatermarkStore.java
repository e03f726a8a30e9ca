package org.watchfloor.alerts.internal.loganalytics;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code log_analytics_watermark} table: per workspace, the latest {@code TimeGenerated} the poller has
 * stored. It only ever moves forward, also when two writers race.
 */
@Repository
class WatermarkStore {

    private final JdbcTemplate jdbc;

    WatermarkStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Instant> find(String workspaceId) {
        return jdbc.query("SELECT watermark FROM log_analytics_watermark WHERE workspace_id = ?",
                        (rs, n) -> rs.getObject(1, OffsetDateTime.class).toInstant(), workspaceId)
                .stream().findFirst();
    }

    /** Moves the watermark to {@code watermark} unless it is already there or later. */
    void advance(String workspaceId, Instant watermark, Instant now) {
        OffsetDateTime to = watermark.atOffset(ZoneOffset.UTC);
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        String update = "UPDATE log_analytics_watermark SET watermark = ?, updated_at = ?"
                + " WHERE workspace_id = ? AND watermark < ?";
        if (jdbc.update(update, to, at, workspaceId, to) > 0 || find(workspaceId).isPresent()) {
            return;
        }
        try {
            jdbc.update("INSERT INTO log_analytics_watermark (workspace_id, watermark, updated_at) VALUES (?, ?, ?)",
                    workspaceId, to, at);
        } catch (DuplicateKeyException concurrentFirstPoll) {
            jdbc.update(update, to, at, workspaceId, to);
        }
    }
}
