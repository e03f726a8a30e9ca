package org.watchfloor.alerts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.watchfloor.SharedData;
import org.watchfloor.alerts.IotDevice;
import org.watchfloor.alerts.SecurityAlert;
import org.watchfloor.alerts.Severity;

class SecurityAlertParserTest {

    private final ObjectMapper json = new ObjectMapper();
    private final SecurityAlertParser parser = new SecurityAlertParser(json);

    private ObjectNode sampleRow(int index) throws Exception {
        return (ObjectNode) json.readTree(SharedData.bytes(SharedData.SAMPLE)).get(index);
    }

    private SecurityAlert valid(JsonNode row) {
        ParsedRow parsed = parser.parse(0, row, row.toString());
        assertThat(parsed).isInstanceOf(ParsedRow.Valid.class);
        return ((ParsedRow.Valid) parsed).alert();
    }

    private String rejection(JsonNode row) {
        ParsedRow parsed = parser.parse(0, row, String.valueOf(row));
        assertThat(parsed).isInstanceOf(ParsedRow.Rejected.class);
        return ((ParsedRow.Rejected) parsed).reason();
    }

    @Test
    void textsThatRecurFromAlertToAlertAreKeptOnceAndIdsAreNot() throws Exception {
        SecurityAlert first = valid(sampleRow(0));
        SecurityAlert again = valid(sampleRow(0));

        assertThat(again).isEqualTo(first);
        assertThat(again.productName()).isSameAs(first.productName());
        assertThat(again.tenantId()).isSameAs(first.tenantId());
        assertThat(again.site()).isSameAs(first.site());
        assertThat(again.devices().get(0).vendor()).isSameAs(first.devices().get(0).vendor());
        assertThat(again.remediationSteps().get(0)).isSameAs(first.remediationSteps().get(0));
        assertThat(again.techniques().get(0)).isSameAs(first.techniques().get(0));
        assertThat(again.systemAlertId()).isNotSameAs(first.systemAlertId());
    }

    @Test
    void aDefenderRowBecomesATypedAlertWithItsDevicesDetailsAndMitreLists() throws Exception {
        SecurityAlert alert = valid(sampleRow(0));

        assertThat(alert.systemAlertId()).isEqualTo("61307c05-7b37-5698-5ffe-e55e1fc7df73");
        assertThat(alert.timeGenerated()).isEqualTo(Instant.parse("2026-11-01T14:18:17.482Z"));
        assertThat(alert.severity()).isEqualTo(Severity.HIGH);
        assertThat(alert.isFromDefenderForIot()).isTrue();
        assertThat(alert.engine()).isEqualTo("OPERATIONAL");
        assertThat(alert.details().sourceDeviceAddress()).isEqualTo("10.10.2.11");
        assertThat(alert.details().destinationDeviceAddress()).isEqualTo("10.10.3.10");
        assertThat(alert.details().sensorId()).isEqualTo("660");
        assertThat(alert.details().isNew()).isTrue();
        assertThat(alert.details().alertManagementUri()).endsWith("/alerts/2928255");
        assertThat(alert.remediationSteps()).hasSize(2).first().asString().startsWith("Contact the device owner");
        assertThat(alert.tactics()).containsExactly("InhibitResponseFunction");
        assertThat(alert.techniques()).containsExactly("T0881");
        assertThat(alert.site()).isEqualTo("Plant Rotterdam");
        assertThat(alert.zone()).isEqualTo("Line B");
        assertThat(alert.sensor()).isEqualTo("sensor-rtm-01");
        assertThat(alert.devices()).hasSize(2);
        IotDevice plc = alert.devices().get(0);
        assertThat(plc.name()).isEqualTo("plc-plant-lineb-01");
        assertThat(plc.type()).isEqualTo("PLC");
        assertThat(plc.vendor()).isEqualTo("Siemens");
        assertThat(plc.model()).isEqualTo("S7-1500");
        assertThat(plc.macAddress()).isEqualTo("4a:d6:bd:a3:40:1b");
        assertThat(plc.ipAddress()).isEqualTo("10.10.2.11");
        assertThat(plc.importance()).isEqualTo("High");
        assertThat(plc.purdueLevel()).isEqualTo("ProcessControl");
        assertThat(plc.owners()).containsExactly("ot-lineb@plant.example");
        assertThat(alert.ipAddresses()).containsExactly("10.10.2.11", "10.10.3.10");
    }

    @Test
    void anItAlertKeepsItsHostAndIpEntitiesAndIsNotFromDefenderForIot() throws Exception {
        JsonNode itRow = null;
        for (JsonNode row : json.readTree(SharedData.bytes(SharedData.SAMPLE))) {
            if ("MDATP".equals(row.path("ProviderName").asText())) {
                itRow = row;
            }
        }
        SecurityAlert alert = valid(itRow);

        assertThat(alert.isFromDefenderForIot()).isFalse();
        assertThat(alert.hosts()).singleElement().satisfies(h -> {
            assertThat(h.hostName()).isEqualTo("ews-plant-linea-03");
            assertThat(h.osFamily()).isEqualTo("Windows");
        });
        assertThat(alert.ipAddresses()).containsExactly("10.10.1.13");
        assertThat(alert.subTechniques()).containsExactly("T1059.001");
    }

    @Test
    void entityReferencesAreResolved() throws Exception {
        ObjectNode row = sampleRow(0);
        row.put("Entities", "[{\"$id\":\"3\",\"Address\":\"10.0.0.7\",\"Type\":\"ip\"},"
                + "{\"$id\":\"2\",\"DeviceName\":\"hmi-1\",\"IpAddress\":{\"$ref\":\"3\"},\"Type\":\"iotdevice\"},"
                + "{\"$ref\":\"2\"}]");

        SecurityAlert alert = valid(row);

        assertThat(alert.devices()).hasSize(2).allSatisfy(d -> assertThat(d.ipAddress()).isEqualTo("10.0.0.7"));
        assertThat(alert.ipAddresses()).containsExactly("10.0.0.7");
    }

    @Test
    void logAnalyticsTimesWithSevenFractionalDigitsAndNoOffsetAreReadToTheMicrosecond() throws Exception {
        ObjectNode row = sampleRow(0);
        row.put("TimeGenerated", "2026-11-01T14:18:17.4823456Z");
        assertThat(valid(row).timeGenerated()).isEqualTo(Instant.parse("2026-11-01T14:18:17.482345Z"));

        row.put("TimeGenerated", "2026-11-01T14:18:17.482");
        assertThat(valid(row).timeGenerated()).isEqualTo(Instant.parse("2026-11-01T14:18:17.482Z"));
    }

    @Test
    void timesAreReadAsJavaTimeReadsThemToTheMicrosecondWhateverTheirPrecisionOffsetOrFlaw() {
        for (String text : List.of("2026-11-01T14:18:17Z", "2026-11-01T14:18:17.4Z", "2026-11-01T14:18:17.482Z",
                "2026-11-01T14:18:17.4823456Z", "2026-11-01T14:18:17.123456789Z", "2024-02-29T23:59:59.999Z",
                "2026-11-01T14:18:17.482+02:00", " 2026-11-01T00:00:00Z ", "2026-11-01T10:00:00.Z")) {
            assertThat(SecurityAlertParser.instant(text)).as(text)
                    .contains(OffsetDateTime.parse(text.trim()).toInstant().truncatedTo(ChronoUnit.MICROS));
        }
        assertThat(SecurityAlertParser.instant("2026-11-01 14:18:17.482")).contains(
                Instant.parse("2026-11-01T14:18:17.482Z"));
        for (String flawed : List.of("2026-02-30T10:00:00Z", "2026-13-01T10:00:00Z", "2026-11-01T24:00:00Z",
                "2026-11-01T10:00:60Z", "2026-11-01T10:00:00.1234567890Z",
                "2026-11-0aT10:00:00Z", "2026-11-01 10:00:00Z", "yesterday")) {
            assertThat(SecurityAlertParser.instant(flawed)).as(flawed).isEmpty();
        }
    }

    @Test
    void rowsThatCannotBeAlertsAreRejectedWithTheirReason() throws Exception {
        ObjectNode noId = sampleRow(0);
        noId.put("SystemAlertId", "  ");
        assertThat(rejection(noId)).isEqualTo("missing or empty SystemAlertId");

        ObjectNode missingId = sampleRow(0);
        missingId.remove("SystemAlertId");
        assertThat(rejection(missingId)).isEqualTo("missing or empty SystemAlertId");

        ObjectNode badTime = sampleRow(0);
        badTime.put("TimeGenerated", "yesterday");
        assertThat(rejection(badTime)).isEqualTo("unparseable TimeGenerated: yesterday");

        ObjectNode noTime = sampleRow(0);
        noTime.remove("TimeGenerated");
        assertThat(rejection(noTime)).isEqualTo("missing TimeGenerated");

        ObjectNode badSeverity = sampleRow(0);
        badSeverity.put("AlertSeverity", "Catastrophic");
        assertThat(rejection(badSeverity)).isEqualTo("unknown AlertSeverity: Catastrophic");

        assertThat(rejection(json.readTree("42"))).isEqualTo("row is not a JSON object");
        assertThat(rejection(null)).isEqualTo("row is not a JSON object");
    }

    @Test
    void brokenOptionalPartsAreWarningsAndTheAlertIsKept() throws Exception {
        ObjectNode row = sampleRow(0);
        row.put("ExtendedProperties", "{not json");
        row.put("Entities", "[{\"Type\":\"iotdevice\",\"IpAddress\":42,\"Owners\":{\"a\":1}}]");
        row.put("RemediationSteps", "[\"ok\",{\"x\":1}]");

        ParsedRow.Valid parsed = (ParsedRow.Valid) parser.parse(3, row, row.toString());

        assertThat(parsed.alert().details().sourceDeviceAddress()).isNull();
        assertThat(parsed.alert().devices()).hasSize(1);
        assertThat(parsed.alert().remediationSteps()).containsExactly("ok");
        assertThat(parsed.warnings()).hasSize(4).anySatisfy(w -> assertThat(w).startsWith("ExtendedProperties is not valid JSON"))
                .anySatisfy(w -> assertThat(w).contains("IpAddress has the wrong type"))
                .anySatisfy(w -> assertThat(w).contains("Owners has the wrong type"))
                .anySatisfy(w -> assertThat(w).contains("RemediationSteps holds a step that is not text"));
        assertThat(parsed.raw()).contains("{not json");
    }

    @Test
    void hostileAndHugeTextIsKeptVerbatim() throws Exception {
        ObjectNode row = sampleRow(0);
        String hostile = "<script>alert(1)</script>'; DROP TABLE alert;--";
        String huge = "Ünïcødé Anlage Süd — 東京 — ".repeat(2000);
        row.put("AlertName", hostile);
        row.put("Description", huge);

        SecurityAlert alert = valid(row);

        assertThat(alert.alertName()).isEqualTo(hostile);
        assertThat(alert.description()).isEqualTo(huge);
    }
}
