package org.watchfloor.alerts.internal.generator;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The columns of the Log Analytics {@code SecurityAlert} table in the order and with the types a query returns
 * them, and the cells of one generated alert in that order. {@code ExtendedProperties}, {@code Entities} and
 * {@code RemediationSteps} are compact JSON held in strings, as in the real table.
 */
final class SecurityAlertColumns {

    record Column(String name, String type) {
    }

    static final List<Column> COLUMNS = List.of(
            new Column("TenantId", "string"), new Column("TimeGenerated", "datetime"),
            new Column("DisplayName", "string"), new Column("AlertName", "string"),
            new Column("AlertSeverity", "string"), new Column("Description", "string"),
            new Column("ProviderName", "string"), new Column("VendorName", "string"),
            new Column("VendorOriginalId", "string"), new Column("SystemAlertId", "string"),
            new Column("ResourceId", "string"), new Column("SourceComputerId", "string"),
            new Column("AlertType", "string"), new Column("ConfidenceLevel", "string"),
            new Column("ConfidenceScore", "real"), new Column("IsIncident", "bool"),
            new Column("StartTime", "datetime"), new Column("EndTime", "datetime"),
            new Column("ProcessingEndTime", "datetime"), new Column("RemediationSteps", "string"),
            new Column("ExtendedProperties", "string"), new Column("Entities", "string"),
            new Column("SourceSystem", "string"), new Column("WorkspaceSubscriptionId", "string"),
            new Column("WorkspaceResourceGroup", "string"), new Column("ExtendedLinks", "string"),
            new Column("ProductName", "string"), new Column("ProductComponentName", "string"),
            new Column("AlertLink", "string"), new Column("Status", "string"),
            new Column("CompromisedEntity", "string"), new Column("Tactics", "string"),
            new Column("Techniques", "string"), new Column("SubTechniques", "string"),
            new Column("Type", "string"));

    /** Exports carry milliseconds; the parser also takes the 7 fractional digits of query answers. */
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final JsonFactory factory = new JsonFactory();
    private final Map<Engine, String> remediationSteps = new EnumMap<>(Engine.class);

    SecurityAlertColumns() {
        for (Engine engine : Engine.values()) {
            remediationSteps.put(engine, compact(json -> {
                json.writeStartArray();
                for (String step : engine.remediationSteps()) {
                    json.writeString(step);
                }
                json.writeEndArray();
            }));
        }
    }

    /** The cells of the row, in the order of {@link #COLUMNS}: strings, booleans and nulls. */
    Object[] cells(GeneratedAlert a) {
        AlertKind kind = a.kind();
        Inventory.Device source = a.source();
        Inventory.Device destination = a.destination();
        Inventory.Site site = source.site();
        String description = kind.alertName() + ": " + source.name() + " (" + source.ip() + ") -> "
                + destination.name() + " (" + destination.ip() + ") over "
                + (a.protocol().isEmpty() ? "n/a" : a.protocol()) + " at " + site.name() + " / " + source.zone() + ".";
        return new Object[] {
            Inventory.TENANT_ID,
            TIME.format(a.timeGenerated()),
            kind.alertName(),
            kind.alertName(),
            kind.severity(),
            description,
            "IoTSecurity",
            "Microsoft",
            a.vendorOriginalId(),
            a.systemAlertId(),
            "/subscriptions/" + Inventory.SUBSCRIPTION_ID + "/resourceGroups/" + site.resourceGroup()
                    + "/providers/Microsoft.IoTSecurity/sensors/" + site.sensor(),
            "",
            kind.alertType(),
            "Unknown",
            null,
            Boolean.FALSE,
            TIME.format(a.startTime()),
            TIME.format(a.endTime()),
            TIME.format(a.processingEndTime()),
            remediationSteps.get(kind.engine()),
            extendedProperties(a),
            "[" + source.asFirstEntity() + "," + destination.asSecondEntity() + "]",
            "Detection",
            Inventory.SUBSCRIPTION_ID,
            Inventory.WORKSPACE_RESOURCE_GROUP,
            "",
            a.productName(),
            kind.engine().name(),
            "https://portal.azure.com/#view/Microsoft_Azure_IoT_Defender/IoTDefenderDashboard/alert/"
                    + a.vendorOriginalId(),
            a.status(),
            destination.name(),
            kind.tactic(),
            kind.technique(),
            "",
            "SecurityAlert"
        };
    }

    private String extendedProperties(GeneratedAlert a) {
        Inventory.Device destination = a.destination();
        Inventory.Site site = a.source().site();
        return compact(json -> {
            json.writeStartObject();
            json.writeStringField("Category", a.kind().engine().name());
            json.writeStringField("CompromisedEntityId", destination.id());
            json.writeStringField("SourceDevice", a.source().name());
            json.writeStringField("SourceDeviceAddress", a.source().ip());
            json.writeStringField("DestinationDevice", destination.name());
            json.writeStringField("DestinationDeviceAddress", destination.ip());
            json.writeStringField("DeviceId", site.sensorId() + "_" + destination.id());
            json.writeStringField("SensorId", site.sensorId());
            json.writeStringField("Protocol", a.protocol());
            json.writeStringField("ProcessedBySentinel", "True");
            json.writeStringField("isNew", a.isNew() ? "True" : "False");
            json.writeStringField("AlertManagementUri", "https://management.azure.com/subscriptions/"
                    + Inventory.SUBSCRIPTION_ID + "/providers/Microsoft.IoTSecurity/locations/westeurope/deviceGroups/"
                    + site.deviceGroup() + "/alerts/" + a.vendorOriginalId());
            json.writeEndObject();
        });
    }

    private interface JsonWriting {
        void write(JsonGenerator json) throws IOException;
    }

    private String compact(JsonWriting writing) {
        StringWriter text = new StringWriter(512);
        try (JsonGenerator json = factory.createGenerator(text)) {
            writing.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
