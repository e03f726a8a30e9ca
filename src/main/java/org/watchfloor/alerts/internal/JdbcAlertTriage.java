package org.watchfloor.alerts.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.watchfloor.alerts.AlertTriage;
import org.watchfloor.alerts.TriageStatus;

@Repository
class JdbcAlertTriage implements AlertTriage {

    private final JdbcTemplate jdbc;

    JdbcAlertTriage(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void record(Collection<String> systemAlertIds, TriageStatus status, Instant at) {
        List<Object[]> rows = systemAlertIds.stream()
                .map(id -> new Object[] {status.name(), at.atOffset(ZoneOffset.UTC), id}).toList();
        jdbc.batchUpdate("UPDATE alert SET triage_status = ?, triage_status_at = ? WHERE system_alert_id = ?", rows);
    }
}
