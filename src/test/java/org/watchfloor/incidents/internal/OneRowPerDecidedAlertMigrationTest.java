package org.watchfloor.incidents.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** An upgrade keeps every incident's alerts when their rows move into the decisions (V8). */
class OneRowPerDecidedAlertMigrationTest {

    @Test
    void everyAlertOfAnIncidentKeepsItsPlaceNameTimeAndTechniques() {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:v8-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        JdbcTemplate jdbc = new JdbcTemplate(database);
        flyway(database, "7").migrate();
        jdbc.update("INSERT INTO incident (id, number, title, severity, status, tags, tactics, techniques, sites, "
                + "alert_count, first_activity, last_activity, created_at, updated_at) VALUES (11, 4, 'PLC stop', "
                + "'High', 'New', '[]', '[]', '[]', '[]', 2, TIMESTAMP WITH TIME ZONE '2026-11-01 10:00:00Z', "
                + "TIMESTAMP WITH TIME ZONE '2026-11-01 10:05:00Z', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
        jdbc.update("INSERT INTO incident_alert (incident_id, system_alert_id, alert_name, alert_time, attached_at, "
                + "techniques) VALUES (11, 'decided', 'PLC Stop Command Was Issued', "
                + "TIMESTAMP WITH TIME ZONE '2026-11-01 10:00:00Z', CURRENT_TIMESTAMP, 'T0858,T0881'), (11, "
                + "'placed-only', 'Unauthorized PLC Programming', TIMESTAMP WITH TIME ZONE '2026-11-01 10:05:00Z', "
                + "CURRENT_TIMESTAMP, 'T0843')");
        jdbc.update("INSERT INTO correlation_decision (system_alert_id, decided_at, outcome, incident_number, reason, "
                + "hits) VALUES ('decided', CURRENT_TIMESTAMP, 'opened an incident', 4, 'rule x', '[]'), "
                + "('suppressed', CURRENT_TIMESTAMP, 'suppressed', NULL, 'maintenance', '[]')");

        flyway(database, "8").migrate();

        List<Map<String, Object>> rows = jdbc.queryForList("SELECT system_alert_id, incident_number, alert_name, "
                + "techniques, outcome FROM correlation_decision ORDER BY system_alert_id");
        assertThat(rows).extracting(r -> r.get("SYSTEM_ALERT_ID"), r -> r.get("INCIDENT_NUMBER"),
                r -> r.get("ALERT_NAME"), r -> r.get("TECHNIQUES"), r -> r.get("OUTCOME")).containsExactly(
                        tuple("decided", 4L, "PLC Stop Command Was Issued", "T0858,T0881",
                                "opened an incident"),
                        tuple("placed-only", 4L, "Unauthorized PLC Programming", "T0843",
                                "joined an incident"),
                        tuple("suppressed", null, null, null, "suppressed"));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM information_schema.tables "
                + "WHERE LOWER(table_name) = 'incident_alert'", Long.class)).isZero();
    }

    private static Flyway flyway(JdbcDataSource database, String target) {
        return Flyway.configure().dataSource(database).locations("classpath:db/migration", "classpath:db/vendor/h2")
                .table("watchfloor_schema_history").target(target).load();
    }
}
