package org.watchfloor.incidents.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.watchfloor.alerts.Severity;
import org.watchfloor.incidents.Classification;
import org.watchfloor.incidents.Explanation;
import org.watchfloor.incidents.IncidentStatus;
import org.watchfloor.incidents.RuleHit;

/**
 * The incident tables: {@code incident}, {@code incident_entity}, {@code correlation_decision} (which also says which
 * incident holds each decided alert) and the number counter. Lists are stored as JSON arrays.
 */
@Repository
class IncidentStore {

    private static final String SELECT = "SELECT * FROM incident";

    /** Last activity or closing at or after a time, twice bound; the incident table is {@code i}. */
    private static final String ACTIVE_SINCE = "(i.last_activity >= ? OR i.closed_at >= ?)";

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<List<RuleHit>> HITS = new TypeReference<>() {
    };
    private static final TypeReference<StoredHits> STORED_HITS = new TypeReference<>() {
    };
    private static final TypeReference<List<TechniqueOrder.FirstSeen>> FIRST_SEEN = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final ObjectMapper json;
    private final RowMapper<IncidentRow> mapper = this::map;

    IncidentStore(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.json = json;
    }

    /** The next incident number; the counter row stays locked until the caller's transaction ends. */
    long nextNumber() {
        jdbc.update("UPDATE incident_number_counter SET last_number = last_number + 1 WHERE id = 1");
        return jdbc.queryForObject("SELECT last_number FROM incident_number_counter WHERE id = 1", long.class);
    }

    /** Moves the counter on to numbers handed out after {@link #nextNumber} in the same transaction. */
    void setLastNumber(long number) {
        jdbc.update("UPDATE incident_number_counter SET last_number = ? WHERE id = 1", number);
    }

    /** Inserts incidents and answers their ids by number. */
    Map<Long, Long> insert(List<IncidentRow> incidents) {
        jdbc.batchUpdate("INSERT INTO incident (number, title, severity, status, tags, multistage_host, tactics, "
                + "techniques, technique_first_seen, sites, alert_count, first_activity, last_activity, created_at, "
                + "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", incidents.stream()
                .map(i -> new Object[] {
                    i.number(), i.title(), i.severity().label(), i.status().name(), write(i.tags()),
                    i.multistageHost(), write(i.tactics()), write(i.techniques()), firstSeen(i), write(i.sites()),
                    i.alertCount(), time(i.firstActivity()), time(i.lastActivity()), time(i.createdAt()),
                    time(i.updatedAt())})
                .toList());
        Map<Long, Long> ids = new HashMap<>();
        for (List<Long> numbers : chunks(incidents.stream().map(IncidentRow::number).toList())) {
            named.query("SELECT id, number FROM incident WHERE number IN (:numbers)",
                    new MapSqlParameterSource("numbers", numbers), rs -> {
                        ids.put(rs.getLong(2), rs.getLong(1));
                    });
        }
        return ids;
    }

    /**
     * The incidents, their rows locked until the caller's transaction ends so changes to one incident take turns;
     * locked in number order, so two callers never wait on each other crosswise.
     */
    Map<Long, IncidentRow> lock(Collection<Long> numbers) {
        Map<Long, IncidentRow> rows = new HashMap<>();
        for (List<Long> chunk : chunks(numbers.stream().sorted().toList())) {
            named.query(SELECT + " WHERE number IN (:numbers) ORDER BY number FOR UPDATE",
                    new MapSqlParameterSource("numbers", chunk), mapper).forEach(r -> rows.put(r.number(), r));
        }
        return rows;
    }

    /** One incident, its row locked until the caller's transaction ends. */
    Optional<IncidentRow> lock(long number) {
        return Optional.ofNullable(lock(List.of(number)).get(number));
    }

    Optional<IncidentRow> find(long number) {
        return jdbc.query(SELECT + " WHERE number = ?", mapper, number).stream().findFirst();
    }

    /**
     * Writes what attaching alerts (and reopening) changed: everything correlation derives, status included. A closed
     * incident set Active again waits for a new lifecycle process (the right-hand sides read the row as it was).
     */
    void update(List<IncidentRow> incidents) {
        jdbc.batchUpdate("UPDATE incident SET lifecycle_pending = CASE WHEN status = 'Closed' AND ? <> 'Closed' "
                + "THEN TRUE ELSE lifecycle_pending END, severity = ?, status = ?, classification = ?, closed_at = ?, "
                + "tags = ?, tactics = ?, techniques = ?, technique_first_seen = ?, sites = ?, alert_count = ?, "
                + "first_activity = ?, last_activity = ?, updated_at = ? WHERE id = ?", incidents.stream()
                .map(i -> new Object[] {
                    i.status().name(), i.severity().label(), i.status().name(),
                    i.classification() == null ? null : i.classification().name(), time(i.closedAt()),
                    write(i.tags()), write(i.tactics()), write(i.techniques()), firstSeen(i), write(i.sites()),
                    i.alertCount(), time(i.firstActivity()), time(i.lastActivity()), time(i.updatedAt()), i.id()})
                .toList());
    }

    /** The alerts of an incident, earliest first. */
    List<AlertRef> alerts(long incidentId) {
        return jdbc.query("SELECT d.system_alert_id, d.alert_name, d.alert_time, d.techniques "
                + "FROM correlation_decision d JOIN incident i ON i.number = d.incident_number "
                + "WHERE i.id = ? ORDER BY d.alert_time, d.id", (rs, n) -> new AlertRef(rs.getString(1),
                rs.getString(2), instant(rs, "alert_time"), commaSeparated(rs.getString(4))), incidentId);
    }

    /** The MITRE techniques of an incident's alert, and the alert's time. */
    record TechniquesSeen(Instant time, List<String> techniques) {
    }

    /**
     * The techniques of these incidents' alerts, by incident number, each list earliest first (alerts of one instant in
     * the order they were decided): where the techniques of an incident stored before their first sightings were
     * kept were first seen.
     */
    Map<Long, List<TechniquesSeen>> techniquesByTime(Collection<Long> incidentNumbers) {
        Map<Long, List<TechniquesSeen>> seen = new HashMap<>();
        for (List<Long> chunk : chunks(List.copyOf(incidentNumbers))) {
            named.query("SELECT incident_number, alert_time, techniques FROM correlation_decision "
                    + "WHERE incident_number IN (:numbers) ORDER BY incident_number, alert_time, id",
                    new MapSqlParameterSource("numbers", chunk), rs -> {
                        seen.computeIfAbsent(rs.getLong(1), n -> new ArrayList<>()).add(new TechniquesSeen(
                                instant(rs, "alert_time"), commaSeparated(rs.getString(3))));
                    });
        }
        return seen;
    }

    /** An entity key of an incident. */
    record EntityKey(long incidentId, String key) {
    }

    /**
     * Adds the keys an incident does not hold yet, each checked in the primary key: reading an incident's keys first
     * meant reading all of them (a hundred and more for a busy incident) for every batch that touched it. The caller
     * has the incidents' rows locked, so no other transaction adds keys to them meanwhile.
     */
    void insertEntityKeys(List<EntityKey> keys) {
        jdbc.batchUpdate("INSERT INTO incident_entity (incident_id, entity_key) SELECT CAST(? AS BIGINT), "
                        + "CAST(? AS VARCHAR(500)) WHERE NOT EXISTS (SELECT 1 FROM incident_entity "
                        + "WHERE incident_id = ? AND entity_key = ?)",
                keys.stream().map(k -> new Object[] {k.incidentId(), k.key(), k.incidentId(), k.key()}).toList());
    }

    /** The earlier decisions on any of these alerts: alert id to the incident number it went to, or null. */
    Map<String, Optional<Long>> decided(Collection<String> systemAlertIds) {
        Map<String, Optional<Long>> decided = new LinkedHashMap<>();
        for (List<String> chunk : chunks(List.copyOf(systemAlertIds))) {
            named.query("SELECT system_alert_id, incident_number FROM correlation_decision "
                            + "WHERE system_alert_id IN (:ids)", new MapSqlParameterSource("ids", chunk), rs -> {
                        String id = rs.getString(1);
                        long number = rs.getLong(2);
                        decided.put(id, rs.wasNull() ? Optional.empty() : Optional.of(number));
                    });
        }
        return decided;
    }

    boolean isDecided(String systemAlertId) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM correlation_decision WHERE system_alert_id = ?",
                Long.class, systemAlertId);
        return count != null && count > 0;
    }

    /**
     * A decision on an alert, and where it placed the alert: {@code incidentNumber} and {@code placed} are null for an
     * alert that joined no incident.
     */
    record Decided(Explanation explanation, Long incidentNumber, AlertRef placed) {
    }

    /**
     * Records decisions, in the order given: also the incidents' alerts, one row each. The unique
     * {@code system_alert_id} refuses an alert decided already, so none is in two incidents.
     */
    void insertDecisions(List<Decided> decisions, Instant now) {
        jdbc.batchUpdate("INSERT INTO correlation_decision (system_alert_id, decided_at, outcome, incident_number, "
                + "reason, hits, alert_name, alert_time, techniques) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                decisions.stream().map(d -> {
                    Explanation e = d.explanation();
                    AlertRef a = d.placed();
                    return new Object[] {e.systemAlertId(), time(e.decidedAt() == null ? now : e.decidedAt()),
                        e.outcome(), d.incidentNumber(), e.reason(), write(StoredHits.of(e.hits())),
                        a == null ? null : a.alertName(), a == null ? null : time(a.time()),
                        a == null ? null : String.join(",", a.techniques())};
                }).toList());
    }

    /** The decisions that placed alerts in an incident, in the order they were taken. */
    List<Explanation> explanations(long number) {
        return jdbc.query("SELECT * FROM correlation_decision WHERE incident_number = ? ORDER BY decided_at, id",
                (rs, n) -> new Explanation(rs.getString("system_alert_id"), instant(rs, "decided_at"),
                        rs.getString("outcome"), rs.getString("reason"), hits(rs.getString("hits"))),
                number);
    }

    /** Decisions recorded before facts were described once hold their hits as a plain array. */
    private List<RuleHit> hits(String stored) {
        if (stored.startsWith("[")) {
            return read(stored, HITS);
        }
        return read(stored, STORED_HITS).ruleHits();
    }

    /** Incidents whose last activity or closing is at or after {@code since}, by number. */
    List<IncidentRow> activeSince(Instant since) {
        return jdbc.query("SELECT i.* FROM incident i WHERE " + ACTIVE_SINCE + " ORDER BY i.number", mapper,
                time(since), time(since));
    }

    /** The entity keys of the incidents {@link #activeSince} answers, by incident id. */
    Map<Long, Set<String>> entityKeysActiveSince(Instant since) {
        Map<Long, Set<String>> keys = new HashMap<>();
        jdbc.query("SELECT e.incident_id, e.entity_key FROM incident_entity e JOIN incident i ON i.id = e.incident_id "
                        + "WHERE " + ACTIVE_SINCE,
                rs -> {
                    keys.computeIfAbsent(rs.getLong(1), id -> new HashSet<>()).add(rs.getString(2));
                }, time(since), time(since));
        return keys;
    }

    /** How many alerts carry each alert name, per incident, for the incidents {@link #activeSince} answers. */
    Map<Long, Map<String, Integer>> alertNameCountsActiveSince(Instant since) {
        Map<Long, Map<String, Integer>> counts = new HashMap<>();
        jdbc.query("SELECT i.id, d.alert_name, COUNT(*) FROM correlation_decision d "
                        + "JOIN incident i ON i.number = d.incident_number WHERE d.alert_name IS NOT NULL AND "
                        + ACTIVE_SINCE + " GROUP BY i.id, d.alert_name",
                rs -> {
                    counts.computeIfAbsent(rs.getLong(1), id -> new HashMap<>()).put(rs.getString(2), rs.getInt(3));
                }, time(since), time(since));
        return counts;
    }

    Set<String> entityKeys(long incidentId) {
        return new HashSet<>(jdbc.queryForList(
                "SELECT entity_key FROM incident_entity WHERE incident_id = ?", String.class, incidentId));
    }

    Map<String, Integer> alertNameCounts(long incidentId) {
        Map<String, Integer> counts = new HashMap<>();
        jdbc.query("SELECT d.alert_name, COUNT(*) FROM correlation_decision d JOIN incident i "
                + "ON i.number = d.incident_number WHERE i.id = ? AND d.alert_name IS NOT NULL GROUP BY d.alert_name",
                rs -> {
                    counts.put(rs.getString(1), rs.getInt(2));
                }, incidentId);
        return counts;
    }

    /** A page of incidents, latest activity first. */
    List<IncidentRow> search(IncidentFilter filter, int page, int size) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        String where = where(filter, params);
        params.addValue("limit", size).addValue("offset", (long) page * size);
        return named.query(SELECT + where + " ORDER BY last_activity DESC, number DESC LIMIT :limit OFFSET :offset",
                params, mapper);
    }

    long count(IncidentFilter filter) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        Long count = named.queryForObject("SELECT COUNT(*) FROM incident" + where(filter, params), params, Long.class);
        return count == null ? 0 : count;
    }

    private String where(IncidentFilter f, MapSqlParameterSource params) {
        List<String> conditions = new ArrayList<>();
        if (f.status() != null) {
            conditions.add("status = :status");
            params.addValue("status", f.status().name());
        }
        if (f.severity() != null) {
            conditions.add("severity = :severity");
            params.addValue("severity", f.severity().label());
        }
        if (f.site() != null) {
            // sites is a JSON array: look for the site as a whole JSON string, its LIKE wildcards escaped
            conditions.add("sites LIKE :site ESCAPE '\\'");
            String quoted = write(f.site()).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
            params.addValue("site", "%" + quoted + "%");
        }
        if (f.from() != null) {
            conditions.add("last_activity >= :from");
            params.addValue("from", time(f.from()));
        }
        if (f.to() != null) {
            conditions.add("last_activity < :to");
            params.addValue("to", time(f.to()));
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private IncidentRow map(ResultSet rs, int rowNum) throws SQLException {
        String classification = rs.getString("classification");
        String firstSeen = rs.getString("technique_first_seen");
        return new IncidentRow(rs.getLong("id"), rs.getLong("number"), rs.getString("title"),
                Severity.of(rs.getString("severity")).orElseThrow(), IncidentStatus.valueOf(rs.getString("status")),
                classification == null ? null : Classification.valueOf(classification), rs.getString("owner"),
                read(rs.getString("tags"), STRINGS), rs.getString("multistage_host"),
                read(rs.getString("tactics"), STRINGS), read(rs.getString("techniques"), STRINGS),
                firstSeen == null ? null : read(firstSeen, FIRST_SEEN), read(rs.getString("sites"), STRINGS),
                rs.getInt("alert_count"), instant(rs, "first_activity"), instant(rs, "last_activity"),
                instant(rs, "created_at"), instant(rs, "updated_at"), instant(rs, "closed_at"),
                instant(rs, "triaged_at"), rs.getBoolean("sla_breached"));
    }

    /** Lists of at most a thousand, for IN lists every database takes. */
    private static <T> List<List<T>> chunks(List<T> items) {
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < items.size(); i += 1000) {
            chunks.add(items.subList(i, Math.min(items.size(), i + 1000)));
        }
        return chunks;
    }

    /** Technique ids as the alert's own column holds them: joined by commas. */
    private static List<String> commaSeparated(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private String firstSeen(IncidentRow incident) {
        return incident.techniqueFirstSeen() == null ? null : write(incident.techniqueFirstSeen());
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is not readable", e);
        }
    }
}
