package org.watchfloor.reporting.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The incident lifecycle the reports read (owner, triage and close times, classification, SLA breaches), set with
 * SQL on the incidents correlation opened. The lifecycle process and its {@code PATCH /api/incidents/{n}} will set
 * these fields; this class is the one place to switch to that API when it exists.
 */
final class LifecycleFixture {

    private final JdbcTemplate jdbc;

    LifecycleFixture(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Worked(long number, String owner, Duration toTriage, Duration toClose, String classification,
                  boolean breached) {
    }

    /** The incidents by number, oldest first. */
    List<Long> incidents() {
        return jdbc.queryForList("SELECT number FROM incident ORDER BY number", Long.class);
    }

    /** Sets triage (and close, when given) relative to the incident's creation. */
    void work(Worked w) {
        Instant created = jdbc.queryForObject("SELECT created_at FROM incident WHERE number = ?",
                java.time.OffsetDateTime.class, w.number()).toInstant();
        Instant triaged = created.plus(w.toTriage());
        jdbc.update("UPDATE incident SET owner = ?, triaged_at = ?, status = 'Active' WHERE number = ?", w.owner(),
                triaged.atOffset(ZoneOffset.UTC), w.number());
        if (w.toClose() != null) {
            jdbc.update("UPDATE incident SET status = 'Closed', closed_at = ?, classification = ? WHERE number = ?",
                    created.plus(w.toClose()).atOffset(ZoneOffset.UTC), w.classification(), w.number());
        }
        if (w.breached()) {
            String severity = jdbc.queryForObject("SELECT severity FROM incident WHERE number = ?", String.class,
                    w.number());
            jdbc.update("UPDATE incident SET sla_breached = TRUE WHERE number = ?", w.number());
            jdbc.update("INSERT INTO incident_sla_breach (incident_number, stage, severity, due_after, breached_at) "
                    + "VALUES (?, 'triage', ?, 'PT1M', ?)", w.number(), severity,
                    created.plus(Duration.ofMinutes(1)).atOffset(ZoneOffset.UTC));
        }
    }
}
