package org.watchfloor.alerts.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.watchfloor.alerts.AlertDetails;
import org.watchfloor.alerts.HostEntity;
import org.watchfloor.alerts.IotDevice;
import org.watchfloor.alerts.SecurityAlert;
import org.watchfloor.alerts.Severity;

/**
 * Turns one {@code SecurityAlert} row into a typed alert. Only what makes a row unusable rejects it (no id, no
 * time, no known severity); a broken optional part is recorded as a warning and the alert is kept, because a
 * security signal is never dropped for a broken detail.
 */
@Component
class SecurityAlertParser {

    private final ObjectMapper json;
    private final RecurringText recurring = new RecurringText();

    SecurityAlertParser(ObjectMapper json) {
        this.json = json;
    }

    ParsedRow parse(long index, JsonNode row, String raw) {
        if (row == null || !row.isObject()) {
            return new ParsedRow.Rejected(index, null, "row is not a JSON object", raw);
        }
        String id = text(row, "SystemAlertId");
        if (id == null || id.isBlank()) {
            return new ParsedRow.Rejected(index, null, "missing or empty SystemAlertId", raw);
        }
        String timeText = text(row, "TimeGenerated");
        if (timeText == null || timeText.isBlank()) {
            return new ParsedRow.Rejected(index, id, "missing TimeGenerated", raw);
        }
        Optional<Instant> timeGenerated = instant(timeText);
        if (timeGenerated.isEmpty()) {
            return new ParsedRow.Rejected(index, id, "unparseable TimeGenerated: " + abbreviate(timeText), raw);
        }
        String severityText = text(row, "AlertSeverity");
        Optional<Severity> severity = Severity.of(severityText);
        if (severity.isEmpty()) {
            return new ParsedRow.Rejected(index, id, severityText == null
                    ? "missing AlertSeverity"
                    : "unknown AlertSeverity: " + abbreviate(severityText), raw);
        }

        List<String> warnings = new ArrayList<>();
        String alertName = recurring(row, "AlertName");
        String displayName = recurring(row, "DisplayName");
        if (alertName == null || alertName.isBlank()) {
            if (displayName == null || displayName.isBlank()) {
                warnings.add("AlertName and DisplayName are both missing");
            } else {
                alertName = displayName;
            }
        }
        Entities entities = entities(row, warnings);
        SecurityAlert alert = new SecurityAlert(
                id.trim(),
                text(row, "VendorOriginalId"),
                recurring(row, "TenantId"),
                timeGenerated.get(),
                alertName,
                displayName,
                recurring(row, "AlertType"),
                severity.get(),
                recurring(row, "Status"),
                recurring(row, "Description"),
                recurring(row, "ProviderName"),
                recurring(row, "VendorName"),
                recurring(row, "ProductName"),
                recurring(row, "ProductComponentName"),
                recurring(row, "ResourceId"),
                recurring(row, "SourceComputerId"),
                recurring(row, "ConfidenceLevel"),
                number(row, "ConfidenceScore", warnings),
                bool(row.get("IsIncident"), "IsIncident", warnings),
                optionalInstant(row, "StartTime", warnings),
                optionalInstant(row, "EndTime", warnings),
                optionalInstant(row, "ProcessingEndTime", warnings),
                remediationSteps(row, warnings),
                details(row, warnings),
                entities.devices,
                entities.hosts,
                entities.ipAddresses,
                recurring(row, "SourceSystem"),
                recurring(row, "WorkspaceSubscriptionId"),
                recurring(row, "WorkspaceResourceGroup"),
                text(row, "ExtendedLinks"),
                text(row, "AlertLink"),
                recurring(row, "CompromisedEntity"),
                recurringList(row, "Tactics"),
                recurringList(row, "Techniques"),
                recurringList(row, "SubTechniques"),
                recurring(row, "Type"));
        return new ParsedRow.Valid(index, alert, List.copyOf(warnings), raw);
    }

    /**
     * Log Analytics answers with up to 7 fractional digits, exports with 3; rows without an offset are UTC. Times are
     * kept to the microsecond, as H2 and PostgreSQL store them: an alert in memory is then the alert as stored, and
     * both databases hold the same time (left to themselves, they round a seventh digit each their own way).
     */
    static Optional<Instant> instant(String text) {
        String t = text.trim();
        Instant utc = utcInstant(t);
        if (utc != null) {
            return Optional.of(utc.truncatedTo(ChronoUnit.MICROS));
        }
        try {
            return Optional.of(OffsetDateTime.parse(t).toInstant().truncatedTo(ChronoUnit.MICROS));
        } catch (DateTimeParseException notOffset) {
            try {
                return Optional.of(LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC)
                        .truncatedTo(ChronoUnit.MICROS));
            } catch (DateTimeParseException notLocal) {
                return Optional.empty();
            }
        }
    }

    /**
     * The shape nearly every row has, {@code 2026-11-01T14:18:17.4823456Z}, read by hand: java.time's parser took a
     * quarter of the intake's parsing time and made much of its garbage. Null for any other shape, and for a date
     * that does not exist, which java.time then reads or refuses as before.
     */
    private static Instant utcInstant(String t) {
        int n = t.length();
        if (n < 20 || n == 21 || n > 30 || t.charAt(n - 1) != 'Z' || t.charAt(4) != '-' || t.charAt(7) != '-'
                || t.charAt(10) != 'T' || t.charAt(13) != ':' || t.charAt(16) != ':'
                || (n > 20 && t.charAt(19) != '.')) {
            return null;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 7);
        int day = digits(t, 8, 10);
        int hour = digits(t, 11, 13);
        int minute = digits(t, 14, 16);
        int second = digits(t, 17, 19);
        int fraction = n > 20 ? digits(t, 20, n - 1) : 0;
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || fraction < 0) {
            return null;
        }
        int nanos = fraction;
        for (int i = n > 20 ? n - 21 : 9; i < 9; i++) {
            nanos *= 10;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException impossible) {
            return null;
        }
    }

    /** The decimal number in {@code t[from, to)}, or -1 when a character there is not a digit. */
    private static int digits(String t, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private Instant optionalInstant(JsonNode row, String column, List<String> warnings) {
        String text = text(row, column);
        if (text == null || text.isBlank()) {
            return null;
        }
        Optional<Instant> parsed = instant(text);
        if (parsed.isEmpty()) {
            warnings.add(column + " is not a time: " + abbreviate(text));
        }
        return parsed.orElse(null);
    }

    private AlertDetails details(JsonNode row, List<String> warnings) {
        JsonNode props = embedded(row, "ExtendedProperties", warnings);
        if (props == null) {
            return AlertDetails.NONE;
        }
        if (!props.isObject()) {
            warnings.add("ExtendedProperties is not a JSON object");
            return AlertDetails.NONE;
        }
        return new AlertDetails(
                scalar(props, "Category", "ExtendedProperties", warnings),
                scalar(props, "CompromisedEntityId", "ExtendedProperties", warnings),
                scalar(props, "SourceDevice", "ExtendedProperties", warnings),
                scalar(props, "SourceDeviceAddress", "ExtendedProperties", warnings),
                scalar(props, "DestinationDevice", "ExtendedProperties", warnings),
                scalar(props, "DestinationDeviceAddress", "ExtendedProperties", warnings),
                scalar(props, "DeviceId", "ExtendedProperties", warnings),
                scalar(props, "SensorId", "ExtendedProperties", warnings),
                scalar(props, "Protocol", "ExtendedProperties", warnings),
                bool(props.get("ProcessedBySentinel"), "ExtendedProperties.ProcessedBySentinel", warnings),
                bool(props.get("isNew"), "ExtendedProperties.isNew", warnings),
                scalar(props, "AlertManagementUri", "ExtendedProperties", warnings));
    }

    private List<String> remediationSteps(JsonNode row, List<String> warnings) {
        JsonNode steps = embedded(row, "RemediationSteps", warnings);
        if (steps == null) {
            return List.of();
        }
        if (steps.isTextual()) {
            return List.of(recurring.of(steps.asText()));
        }
        if (!steps.isArray()) {
            warnings.add("RemediationSteps is not a JSON array");
            return List.of();
        }
        List<String> result = new ArrayList<>();
        steps.forEach(step -> {
            if (step.isValueNode() && !step.isNull()) {
                result.add(recurring.of(step.asText()));
            } else {
                warnings.add("RemediationSteps holds a step that is not text");
            }
        });
        return result;
    }

    private record Entities(List<IotDevice> devices, List<HostEntity> hosts, List<String> ipAddresses) {
    }

    /**
     * Sentinel serializes entities with {@code $id}/{@code $ref}: an entity met once in full may later appear as
     * a bare reference, and nested objects (a device's {@code IpAddress}) are entities of their own.
     */
    private Entities entities(JsonNode row, List<String> warnings) {
        List<IotDevice> devices = new ArrayList<>();
        List<HostEntity> hosts = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        JsonNode list = embedded(row, "Entities", warnings);
        if (list == null) {
            return new Entities(devices, hosts, ips);
        }
        if (!list.isArray()) {
            warnings.add("Entities is not a JSON array");
            return new Entities(devices, hosts, ips);
        }
        Map<String, JsonNode> byId = new HashMap<>();
        list.forEach(entity -> collectIds(entity, byId));
        for (JsonNode node : list) {
            JsonNode entity = node.has("$ref") ? byId.get(node.get("$ref").asText()) : node;
            if (entity == null || !entity.isObject()) {
                warnings.add("Entities holds an entry that is not an entity object");
                continue;
            }
            String type = entity.path("Type").asText("");
            switch (type.toLowerCase()) {
                case "iotdevice" -> devices.add(device(entity, byId, warnings));
                case "host" -> hosts.add(new HostEntity(
                        scalar(entity, "HostName", "host entity", warnings),
                        scalar(entity, "DnsDomain", "host entity", warnings),
                        scalar(entity, "NetBiosName", "host entity", warnings),
                        scalar(entity, "OSFamily", "host entity", warnings),
                        scalar(entity, "OSVersion", "host entity", warnings)));
                case "ip" -> {
                    String address = scalar(entity, "Address", "ip entity", warnings);
                    if (address != null && !ips.contains(address)) {
                        ips.add(address);
                    }
                }
                default -> {
                    // other entity kinds (account, file, process…) stay in the raw row only
                }
            }
        }
        devices.stream().map(IotDevice::ipAddress).filter(ip -> ip != null && !ips.contains(ip)).forEach(ips::add);
        return new Entities(devices, hosts, ips);
    }

    private static void collectIds(JsonNode node, Map<String, JsonNode> byId) {
        if (node.isObject()) {
            if (node.has("$id")) {
                byId.put(node.get("$id").asText(), node);
            }
            node.forEach(child -> collectIds(child, byId));
        } else if (node.isArray()) {
            node.forEach(child -> collectIds(child, byId));
        }
    }

    private IotDevice device(JsonNode entity, Map<String, JsonNode> byId, List<String> warnings) {
        String where = "iotdevice entity";
        JsonNode ipNode = entity.get("IpAddress");
        if (ipNode != null && ipNode.has("$ref")) {
            ipNode = byId.get(ipNode.get("$ref").asText());
        }
        String ip = null;
        if (ipNode != null && !ipNode.isNull()) {
            if (ipNode.isObject()) {
                ip = scalar(ipNode, "Address", where + " IpAddress", warnings);
            } else if (ipNode.isTextual()) {
                ip = recurring.of(ipNode.asText());
            } else {
                warnings.add(where + " IpAddress has the wrong type: " + ipNode.getNodeType());
            }
        }
        return new IotDevice(
                scalar(entity, "DeviceId", where, warnings),
                scalar(entity, "DeviceName", where, warnings),
                scalar(entity, "DeviceType", where, warnings),
                scalar(entity, "DeviceSubType", where, warnings),
                scalar(entity, "Vendor", where, warnings),
                scalar(entity, "Model", where, warnings),
                scalar(entity, "MacAddress", where, warnings),
                ip,
                scalar(entity, "Site", where, warnings),
                scalar(entity, "Zone", where, warnings),
                scalar(entity, "Sensor", where, warnings),
                scalar(entity, "Importance", where, warnings),
                scalar(entity, "PurdueLayer", where, warnings),
                owners(entity.get("Owners"), where, warnings),
                bool(entity.get("IsAuthorized"), where + " IsAuthorized", warnings),
                bool(entity.get("IsProgramming"), where + " IsProgramming", warnings),
                bool(entity.get("IsScanner"), where + " IsScanner", warnings),
                scalar(entity, "DevicePageLink", where, warnings));
    }

    private List<String> owners(JsonNode node, String where, List<String> warnings) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (node.isTextual()) {
            return list(node.asText()).stream().map(recurring::of).toList();
        }
        if (!node.isArray()) {
            warnings.add(where + " Owners has the wrong type: " + node.getNodeType());
            return List.of();
        }
        List<String> owners = new ArrayList<>();
        node.forEach(o -> {
            if (o.isValueNode() && !o.isNull()) {
                owners.add(recurring.of(o.asText()));
            }
        });
        return owners;
    }

    /** A column that holds compact JSON in a string, as the real table does; an already-parsed value is taken too. */
    private JsonNode embedded(JsonNode row, String column, List<String> warnings) {
        JsonNode value = row.get(column);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            return value;
        }
        String text = value.asText();
        if (text.isBlank()) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            warnings.add(column + " is not valid JSON: " + e.getOriginalMessage());
            return null;
        }
    }

    private static String text(JsonNode row, String column) {
        JsonNode value = row.get(column);
        if (value == null || value.isNull()) {
            return null;
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    /** A value inside an embedded part, kept once if it recurs (see {@link RecurringText}). */
    private String scalar(JsonNode node, String key, String where, List<String> warnings) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            warnings.add(where + " " + key + " has the wrong type: " + value.getNodeType());
            return null;
        }
        return recurring.of(value.asText());
    }

    private String recurring(JsonNode row, String column) {
        return recurring.of(text(row, column));
    }

    private List<String> recurringList(JsonNode row, String column) {
        List<String> items = list(text(row, column));
        return items.isEmpty() ? items : items.stream().map(recurring::of).toList();
    }

    private static Double number(JsonNode row, String column, List<String> warnings) {
        JsonNode value = row.get(column);
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
            return null;
        }
        if (value.isNumber()) {
            return value.asDouble();
        }
        try {
            return Double.valueOf(value.asText().trim());
        } catch (NumberFormatException e) {
            warnings.add(column + " is not a number: " + abbreviate(value.asText()));
            return null;
        }
    }

    private static Boolean bool(JsonNode value, String where, List<String> warnings) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        String text = value.asText().trim();
        if (text.equalsIgnoreCase("true")) {
            return true;
        }
        if (text.equalsIgnoreCase("false")) {
            return false;
        }
        if (!text.isEmpty()) {
            warnings.add(where + " is not true or false: " + abbreviate(text));
        }
        return null;
    }

    /** MITRE columns are comma-separated; empty parts are dropped. */
    static List<String> list(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }
}
