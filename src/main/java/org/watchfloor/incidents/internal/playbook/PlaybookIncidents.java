package org.watchfloor.incidents.internal.playbook;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.watchfloor.alerts.AlertQueries;
import org.watchfloor.alerts.StoredAlert;

/** Reads the incident a playbook runs for, with its alerts as the alerts module holds them now. */
@Repository
class PlaybookIncidents {

    private final JdbcTemplate jdbc;
    private final AlertQueries alerts;

    PlaybookIncidents(JdbcTemplate jdbc, AlertQueries alerts) {
        this.jdbc = jdbc;
        this.alerts = alerts;
    }

    /**
     * @throws UnknownIncidentException when there is no incident of that number: the playbook was started for
     *                                  something that does not exist, which retrying will not mend but must be seen
     */
    PlaybookIncident get(long number) {
        List<String[]> rows = jdbc.query("SELECT title, severity, status, classification, owner FROM incident "
                + "WHERE number = ?", (rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5)}, number);
        if (rows.isEmpty()) {
            throw new UnknownIncidentException(number);
        }
        String[] row = rows.get(0);
        List<String> ids = jdbc.queryForList("SELECT system_alert_id FROM correlation_decision "
                + "WHERE incident_number = ? ORDER BY alert_time, id", String.class, number);
        List<StoredAlert> stored = alerts.findAll(ids);
        return new PlaybookIncident(number, row[0], row[1], row[2], row[3], row[4], stored,
                alerts.triageStatuses(ids));
    }
}
