package org.watchfloor.alerts.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.watchfloor.alerts.AlertDetails;
import org.watchfloor.alerts.AlertFilter;
import org.watchfloor.alerts.AlertSummary;
import org.watchfloor.alerts.HostEntity;
import org.watchfloor.alerts.IntakePath;
import org.watchfloor.alerts.IotDevice;
import org.watchfloor.alerts.SecurityAlert;
import org.watchfloor.alerts.Severity;
import org.watchfloor.alerts.StoredAlert;

/**
 * The {@code alert} table. {@code system_alert_id} is unique in the database, so two deliveries of one alert racing
 * each other cannot both insert it: the loser's batch fails and is re-read by the pipeline.
 */
@Repository
class AlertStore {

    /** Every column the intake writes, in the order {@link #values} binds them. */
    private static final List<String> COLUMNS = List.of(
            "vendor_original_id", "tenant_id", "time_generated", "alert_name", "display_name", "alert_type", "severity",
            "status", "description", "provider_name", "vendor_name", "product_name", "product_component_name", "engine",
            "resource_id", "source_computer_id", "confidence_level", "confidence_score", "is_incident", "start_time",
            "end_time", "processing_end_time", "category", "compromised_entity_id", "source_device", "source_address",
            "destination_device", "destination_address", "device_id", "sensor_id", "protocol", "processed_by_sentinel",
            "is_new", "alert_management_uri", "site", "zone", "sensor", "entities", "remediation_steps",
            "source_system", "workspace_subscription_id", "workspace_resource_group", "extended_links", "alert_link",
            "compromised_entity", "tactics", "techniques", "sub_techniques", "row_type", "intake_path",
            "parse_warnings", "updated_at", "raw");

    private static final String INSERT = "INSERT INTO alert (system_alert_id, first_seen, received_at, revision, "
            + String.join(", ", COLUMNS) + ") VALUES (?, ?, ?, ?" + ", ?".repeat(COLUMNS.size()) + ")";

    private static final String UPDATE = "UPDATE alert SET revision = revision + 1, "
            + String.join(" = ?, ", COLUMNS) + " = ? WHERE system_alert_id = ? AND time_generated < ?";

    private static final String SELECT = "SELECT * FROM alert";

    /** Every column but the raw row, for listings and bulk reads that never show it. */
    private static final String SELECT_WITHOUT_RAW = "SELECT id, system_alert_id, first_seen, received_at, revision, "
            + String.join(", ", COLUMNS.stream().filter(c -> !c.equals("raw")).toList())
            + ", CAST(NULL AS VARCHAR) AS raw FROM alert";

    private static final String SELECT_SUMMARY = "SELECT id, system_alert_id, time_generated, severity, alert_name, "
            + "source_address, destination_address FROM alert";

    private static final List<String> ADDRESS_COLUMNS = List.of("source_address", "destination_address");

    private static final Comparator<StoredAlert> OLDEST_FIRST =
            Comparator.comparing((StoredAlert a) -> a.alert().timeGenerated()).thenComparingLong(StoredAlert::id);

    private static final Comparator<AlertTime> LATEST_FIRST =
            Comparator.comparing(AlertTime::time).thenComparing(AlertTime::id).reversed();

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final ObjectMapper json;
    private final RowMapper<StoredAlert> mapper = this::map;

    AlertStore(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.json = json;
    }

    /** The latest {@code TimeGenerated} stored for each of the ids that is known. */
    Map<String, Instant> latestTimes(Collection<String> systemAlertIds) {
        Map<String, Instant> latest = new HashMap<>();
        if (systemAlertIds.isEmpty()) {
            return latest;
        }
        named.query("SELECT system_alert_id, time_generated FROM alert WHERE system_alert_id IN (:ids)",
                new MapSqlParameterSource("ids", systemAlertIds),
                rs -> {
                    latest.put(rs.getString(1), instant(rs, 2));
                });
        return latest;
    }

    /**
     * When an alert inserted from {@code alert} was first seen: its own time, or an earlier row's of the same batch
     * ({@code earlierRows}, by id). What {@link #insert} stores and what the intake announces with the alert.
     */
    static Instant firstSeen(IncomingAlert alert, Map<String, Instant> earlierRows) {
        return earlierRows.getOrDefault(alert.systemAlertId(), alert.timeGenerated());
    }

    /** Inserts alerts seen for the first time; {@code firstSeen} as in {@link #firstSeen(IncomingAlert, Map)}. */
    void insert(List<IncomingAlert> alerts, Map<String, Instant> firstSeen) {
        List<Object[]> rows = new ArrayList<>(alerts.size());
        for (IncomingAlert a : alerts) {
            Object[] row = new Object[4 + COLUMNS.size()];
            row[0] = a.systemAlertId();
            row[1] = time(firstSeen(a, firstSeen));
            row[2] = time(a.receivedAt());
            row[3] = firstSeen.containsKey(a.systemAlertId()) ? 1 : 0;
            System.arraycopy(values(a), 0, row, 4, COLUMNS.size());
            rows.add(row);
        }
        AlertsReadInTransaction.forget();
        jdbc.batchUpdate(INSERT, rows);
    }

    /**
     * Replaces stored alerts with later rows of the same alert. Returns, per row, whether it was applied: a row no
     * later than what is stored (a concurrent delivery got there first) changes nothing.
     */
    boolean[] update(List<IncomingAlert> alerts) {
        List<Object[]> rows = new ArrayList<>(alerts.size());
        for (IncomingAlert a : alerts) {
            Object[] row = new Object[COLUMNS.size() + 2];
            System.arraycopy(values(a), 0, row, 0, COLUMNS.size());
            row[COLUMNS.size()] = a.systemAlertId();
            row[COLUMNS.size() + 1] = time(a.timeGenerated());
            rows.add(row);
        }
        AlertsReadInTransaction.forget();
        int[] counts = jdbc.batchUpdate(UPDATE, rows);
        boolean[] applied = new boolean[counts.length];
        for (int i = 0; i < counts.length; i++) {
            applied[i] = counts[i] != 0;
        }
        return applied;
    }

    private Object[] values(IncomingAlert incoming) {
        SecurityAlert a = incoming.alert();
        AlertDetails d = a.details();
        return new Object[] {
            a.vendorOriginalId(), a.tenantId(), time(a.timeGenerated()), a.alertName(), a.displayName(), a.alertType(),
            a.severity().label(), a.status(), a.description(), a.providerName(), a.vendorName(), a.productName(),
            a.productComponentName(), a.engine(), a.resourceId(), a.sourceComputerId(), a.confidenceLevel(),
            a.confidenceScore(), a.isIncident(), time(a.startTime()), time(a.endTime()), time(a.processingEndTime()),
            d.category(), d.compromisedEntityId(), d.sourceDevice(), d.sourceDeviceAddress(), d.destinationDevice(),
            d.destinationDeviceAddress(), d.deviceId(), d.sensorId(), d.protocol(), d.processedBySentinel(), d.isNew(),
            d.alertManagementUri(), a.site(), a.zone(), a.sensor(),
            write(new StoredEntities(a.devices(), a.hosts(), a.ipAddresses())), write(a.remediationSteps()),
            a.sourceSystem(), a.workspaceSubscriptionId(), a.workspaceResourceGroup(), a.extendedLinks(),
            a.alertLink(), a.compromisedEntity(), String.join(",", a.tactics()), String.join(",", a.techniques()),
            String.join(",", a.subTechniques()), a.type(), incoming.path().name(),
            incoming.warnings().isEmpty() ? null : write(incoming.warnings()), time(incoming.receivedAt()),
            incoming.raw()
        };
    }

    Optional<StoredAlert> find(String systemAlertId) {
        return jdbc.query(SELECT + " WHERE system_alert_id = ?", mapper, systemAlertId).stream().findFirst();
    }

    /** Alerts this transaction read before are not read again (see {@link AlertsReadInTransaction}). */
    List<StoredAlert> findAll(Collection<String> systemAlertIds) {
        Map<String, StoredAlert> readBefore = AlertsReadInTransaction.current();
        if (readBefore == null) {
            return read(systemAlertIds);
        }
        Set<String> ids = new LinkedHashSet<>(systemAlertIds);
        List<StoredAlert> found = new ArrayList<>(ids.size());
        List<String> missing = new ArrayList<>();
        for (String id : ids) {
            StoredAlert alert = readBefore.get(id);
            if (alert == null) {
                missing.add(id);
            } else {
                found.add(alert);
            }
        }
        for (StoredAlert alert : read(missing)) {
            readBefore.put(alert.alert().systemAlertId(), alert);
            found.add(alert);
        }
        found.sort(OLDEST_FIRST);
        return found;
    }

    private List<StoredAlert> read(Collection<String> systemAlertIds) {
        if (systemAlertIds.isEmpty()) {
            return List.of();
        }
        return named.query(SELECT_WITHOUT_RAW + " WHERE system_alert_id IN (:ids) ORDER BY time_generated, id",
                new MapSqlParameterSource("ids", systemAlertIds), mapper);
    }

    List<StoredAlert> search(AlertFilter filter, int page, int size) {
        if (filter.deviceAddress() != null) {
            return searchOnDevice(filter, page, size);
        }
        MapSqlParameterSource params = new MapSqlParameterSource();
        String where = where(filter, null, params);
        params.addValue("limit", size).addValue("offset", (long) page * size);
        return named.query(SELECT_WITHOUT_RAW + where
                + " ORDER BY time_generated DESC, id DESC LIMIT :limit OFFSET :offset", params, mapper);
    }

    /**
     * The page is chosen from the two address indexes (address, time), which hold all a time filter needs, and only
     * its alerts are read: H2 answers an {@code OR} of the two address columns, or a join of their union, by reading
     * every alert of the range in full, thousands for a busy PLC.
     */
    private List<StoredAlert> searchOnDevice(AlertFilter filter, int page, int size) {
        long skipped = (long) page * size;
        List<Long> ids = latestOnDevice(filter, Set.of(), skipped + size).stream().skip(skipped).limit(size)
                .map(AlertTime::id).toList();
        return byIds(ids, SELECT_WITHOUT_RAW, mapper);
    }

    /**
     * Device by device, the newest alerts on it, found in the address indexes alone; only the chosen ones are read,
     * and only what a summary shows.
     */
    List<AlertSummary> latestOnDevices(List<String> addresses, Instant from, Instant to, Collection<Long> excluding,
                                       int perDevice, int limit) {
        Set<Long> chosen = new LinkedHashSet<>();
        for (String address : addresses) {
            if (chosen.size() >= limit) {
                break;
            }
            latestOnDevice(new AlertFilter(from, to, null, null, null, address), excluding, perDevice).stream()
                    .map(AlertTime::id).filter(id -> !chosen.contains(id)).limit(limit - chosen.size())
                    .forEach(chosen::add);
        }
        return byIds(List.copyOf(chosen), SELECT_SUMMARY, AlertStore::summary);
    }

    /** The alerts on the filter's device address, source or destination, newest first, at most {@code limit}. */
    private List<AlertTime> latestOnDevice(AlertFilter filter, Collection<Long> excluding, long limit) {
        Set<AlertTime> found = new HashSet<>();
        for (String column : ADDRESS_COLUMNS) {
            MapSqlParameterSource params = new MapSqlParameterSource("limit", limit);
            String where = where(filter, column, params);
            if (!excluding.isEmpty()) {
                where += " AND id NOT IN (:excluding)";
                params.addValue("excluding", excluding);
            }
            // the address, constant here, leads the ORDER BY so that H2 walks the index backwards and stops at the
            // limit, where it would otherwise read and sort every alert of the range: thousands on a busy PLC
            named.query("SELECT id, time_generated FROM alert" + where
                    + " ORDER BY " + column + " DESC, time_generated DESC, id DESC LIMIT :limit", params,
                    rs -> {
                        found.add(new AlertTime(rs.getLong(1), instant(rs, 2)));
                    });
        }
        return found.stream().sorted(LATEST_FIRST).limit(limit).toList();
    }

    /** The rows of these ids, in the order of the ids. */
    private <T> List<T> byIds(List<Long> ids, String select, RowMapper<T> rows) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, T> byId = new HashMap<>();
        named.query(select + " WHERE id IN (:ids)", new MapSqlParameterSource("ids", ids),
                rs -> {
                    byId.put(rs.getLong("id"), rows.mapRow(rs, 0));
                });
        return ids.stream().map(byId::get).toList();
    }

    private record AlertTime(long id, Instant time) {
    }

    Map<String, String> triageStatuses(Collection<String> systemAlertIds) {
        Map<String, String> statuses = new HashMap<>();
        if (!systemAlertIds.isEmpty()) {
            named.query("SELECT system_alert_id, triage_status FROM alert WHERE system_alert_id IN (:ids) "
                            + "AND triage_status IS NOT NULL", new MapSqlParameterSource("ids", systemAlertIds),
                    rs -> {
                        statuses.put(rs.getString(1), rs.getString(2));
                    });
        }
        return statuses;
    }

    Optional<Instant> latestTime() {
        return Optional.ofNullable(jdbc.queryForObject("SELECT MAX(time_generated) FROM alert", OffsetDateTime.class))
                .map(OffsetDateTime::toInstant);
    }

    List<StoredAlert> firstSeenSince(Instant from) {
        return jdbc.query(SELECT_WITHOUT_RAW + " WHERE first_seen >= ? ORDER BY first_seen, system_alert_id", mapper,
                time(from));
    }

    long count(AlertFilter filter) {
        if (filter.deviceAddress() != null) {
            Set<Long> ids = new HashSet<>();
            for (String column : ADDRESS_COLUMNS) {
                MapSqlParameterSource params = new MapSqlParameterSource();
                named.query("SELECT id FROM alert" + where(filter, column, params), params,
                        rs -> {
                            ids.add(rs.getLong(1));
                        });
            }
            return ids.size();
        }
        MapSqlParameterSource params = new MapSqlParameterSource();
        Long count = named.queryForObject("SELECT COUNT(*) FROM alert" + where(filter, null, params), params,
                Long.class);
        return count == null ? 0 : count;
    }

    /** The filter's conditions, the device address on {@code addressColumn} (the filter's, if it has one). */
    private static String where(AlertFilter f, String addressColumn, MapSqlParameterSource params) {
        List<String> conditions = new ArrayList<>();
        if (f.from() != null) {
            conditions.add("time_generated >= :from");
            params.addValue("from", time(f.from()));
        }
        if (f.to() != null) {
            conditions.add("time_generated < :to");
            params.addValue("to", time(f.to()));
        }
        if (f.severity() != null) {
            conditions.add("severity = :severity");
            params.addValue("severity", f.severity().label());
        }
        if (f.site() != null) {
            conditions.add("site = :site");
            params.addValue("site", f.site());
        }
        if (f.product() != null) {
            conditions.add("(LOWER(product_name) = LOWER(:product) OR LOWER(provider_name) = LOWER(:product))");
            params.addValue("product", f.product());
        }
        if (addressColumn != null) {
            conditions.add(addressColumn + " = :address");
            params.addValue("address", f.deviceAddress());
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private record StoredEntities(List<IotDevice> devices, List<HostEntity> hosts, List<String> ipAddresses) {
    }

    private StoredAlert map(ResultSet rs, int rowNum) throws SQLException {
        StoredEntities entities = read(rs.getString("entities"), StoredEntities.class);
        if (entities == null) {
            entities = new StoredEntities(List.of(), List.of(), List.of());
        }
        List<String> steps = rs.getString("remediation_steps") == null
                ? List.of() : read(rs.getString("remediation_steps"), STRINGS);
        AlertDetails details = new AlertDetails(
                rs.getString("category"), rs.getString("compromised_entity_id"), rs.getString("source_device"),
                rs.getString("source_address"), rs.getString("destination_device"),
                rs.getString("destination_address"), rs.getString("device_id"), rs.getString("sensor_id"),
                rs.getString("protocol"), bool(rs, "processed_by_sentinel"), bool(rs, "is_new"),
                rs.getString("alert_management_uri"));
        SecurityAlert alert = new SecurityAlert(
                rs.getString("system_alert_id"), rs.getString("vendor_original_id"), rs.getString("tenant_id"),
                instant(rs, "time_generated"), rs.getString("alert_name"), rs.getString("display_name"),
                rs.getString("alert_type"), Severity.of(rs.getString("severity")).orElseThrow(),
                rs.getString("status"), rs.getString("description"), rs.getString("provider_name"),
                rs.getString("vendor_name"), rs.getString("product_name"), rs.getString("product_component_name"),
                rs.getString("resource_id"), rs.getString("source_computer_id"), rs.getString("confidence_level"),
                (Double) rs.getObject("confidence_score"), bool(rs, "is_incident"), instant(rs, "start_time"),
                instant(rs, "end_time"), instant(rs, "processing_end_time"), steps, details, entities.devices(),
                entities.hosts(), entities.ipAddresses(), rs.getString("source_system"),
                rs.getString("workspace_subscription_id"), rs.getString("workspace_resource_group"),
                rs.getString("extended_links"), rs.getString("alert_link"), rs.getString("compromised_entity"),
                SecurityAlertParser.list(rs.getString("tactics")), SecurityAlertParser.list(rs.getString("techniques")),
                SecurityAlertParser.list(rs.getString("sub_techniques")), rs.getString("row_type"));
        String warnings = rs.getString("parse_warnings");
        return new StoredAlert(rs.getLong("id"), alert, instant(rs, "first_seen"), instant(rs, "received_at"),
                instant(rs, "updated_at"), rs.getInt("revision"), IntakePath.valueOf(rs.getString("intake_path")),
                warnings == null ? List.of() : read(warnings, STRINGS), rs.getString("raw"));
    }

    private static AlertSummary summary(ResultSet rs, int rowNum) throws SQLException {
        return new AlertSummary(rs.getString("system_alert_id"), instant(rs, "time_generated"),
                Severity.of(rs.getString("severity")).orElseThrow(), rs.getString("alert_name"),
                rs.getString("source_address"), rs.getString("destination_address"));
    }

    static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static Boolean bool(ResultSet rs, String column) throws SQLException {
        boolean value = rs.getBoolean(column);
        return rs.wasNull() ? null : value;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return text == null ? null : json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " is not readable", e);
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
