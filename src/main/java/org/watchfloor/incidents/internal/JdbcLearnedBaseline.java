package org.watchfloor.incidents.internal;

import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.watchfloor.incidents.LearnedBaseline;

@Repository
class JdbcLearnedBaseline implements LearnedBaseline {

    private final JdbcTemplate jdbc;

    JdbcLearnedBaseline(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Entry> entries() {
        return jdbc.query("SELECT alert_name, source_address, destination_address, learned_at, learned_by, "
                + "incident_number FROM learned_baseline ORDER BY id", (rs, n) -> new Entry(rs.getString(1),
                rs.getString(2), rs.getString(3), rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getString(5),
                rs.getObject(6) == null ? null : rs.getLong(6)));
    }
}
