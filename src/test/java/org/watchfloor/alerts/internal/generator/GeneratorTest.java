package org.watchfloor.alerts.internal.generator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorTest {

    /** The columns of the sample export and of the Log Analytics query answer, in their order, with their types. */
    private static final List<String> SAMPLE_COLUMNS = List.of(
            "TenantId:string", "TimeGenerated:datetime", "DisplayName:string", "AlertName:string",
            "AlertSeverity:string", "Description:string", "ProviderName:string", "VendorName:string",
            "VendorOriginalId:string", "SystemAlertId:string", "ResourceId:string", "SourceComputerId:string",
            "AlertType:string", "ConfidenceLevel:string", "ConfidenceScore:real", "IsIncident:bool",
            "StartTime:datetime", "EndTime:datetime", "ProcessingEndTime:datetime", "RemediationSteps:string",
            "ExtendedProperties:string", "Entities:string", "SourceSystem:string", "WorkspaceSubscriptionId:string",
            "WorkspaceResourceGroup:string", "ExtendedLinks:string", "ProductName:string",
            "ProductComponentName:string", "AlertLink:string", "Status:string", "CompromisedEntity:string",
            "Tactics:string", "Techniques:string", "SubTechniques:string", "Type:string");

    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path folder;

    @Test
    void theSameSeedWritesTheSameFile() throws IOException {
        Path first = generate(3000, 42, AlertFileWriter.Format.EXPORT, "first.json");
        Path second = generate(3000, 42, AlertFileWriter.Format.EXPORT, "second.json");

        assertThat(Files.mismatch(first, second)).isEqualTo(-1L);
    }

    @Test
    void anotherSeedRaisesOtherAlertsOnTheSameDevices() throws IOException {
        List<JsonNode> one = rows(generate(500, 1, AlertFileWriter.Format.EXPORT, "one.json"));
        List<JsonNode> two = rows(generate(500, 2, AlertFileWriter.Format.EXPORT, "two.json"));

        assertThat(ids(one)).doesNotContainAnyElementsOf(ids(two));
        assertThat(devices(one).keySet()).containsAnyElementsOf(devices(two).keySet());
        devices(two).forEach((id, device) -> {
            if (devices(one).containsKey(id)) {
                assertThat(devices(one).get(id)).isEqualTo(device);
            }
        });
    }

    @Test
    void exportRowsCarryEveryColumnOfTheSampleInItsOrder() throws IOException {
        List<JsonNode> rows = rows(generate(200, 5, AlertFileWriter.Format.EXPORT, "export.json"));

        List<String> names = SAMPLE_COLUMNS.stream().map(c -> c.substring(0, c.indexOf(':'))).toList();
        assertThat(rows).hasSize(200).allSatisfy(row -> {
            List<String> fields = new ArrayList<>();
            row.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).isEqualTo(names);
        });
    }

    @Test
    void queryApiAnswerHasTheColumnsAndTypesOfLogAnalyticsAndTheSameRowsAsTheExport() throws IOException {
        JsonNode answer = json.readTree(generate(200, 5, AlertFileWriter.Format.API, "api.json").toFile());
        List<JsonNode> exported = rows(generate(200, 5, AlertFileWriter.Format.EXPORT, "export.json"));

        JsonNode table = answer.path("tables").get(0);
        assertThat(table.path("name").asText()).isEqualTo("PrimaryResult");
        List<String> columns = StreamSupport.stream(table.path("columns").spliterator(), false)
                .map(c -> c.path("name").asText() + ":" + c.path("type").asText()).toList();
        assertThat(columns).isEqualTo(SAMPLE_COLUMNS);
        assertThat(table.path("rows")).hasSize(200);
        for (int i = 0; i < exported.size(); i++) {
            JsonNode cells = table.path("rows").get(i);
            for (int c = 0; c < SAMPLE_COLUMNS.size(); c++) {
                assertThat(cells.get(c)).isEqualTo(exported.get(i).get(columns.get(c).split(":")[0]));
            }
        }
    }

    @Test
    void rowsLookLikeADefenderForIotDeploymentWithNoisyPairs() throws IOException {
        List<JsonNode> rows = rows(generate(5000, 9, AlertFileWriter.Format.EXPORT, "realism.json"));

        Map<String, Long> pairs = rows.stream().map(this::properties).collect(Collectors.groupingBy(
                p -> p.path("SourceDeviceAddress").asText() + ">" + p.path("DestinationDeviceAddress").asText(),
                Collectors.counting()));
        long noisiest = pairs.values().stream().sorted((a, b) -> Long.compare(b, a)).limit(8)
                .mapToLong(Long::longValue).sum();
        assertThat((double) noisiest / rows.size()).isGreaterThanOrEqualTo(0.30);

        assertThat(column(rows, "ProductComponentName")).containsExactlyInAnyOrder(
                "POLICY_VIOLATION", "PROTOCOL_VIOLATION", "MALWARE", "ANOMALY", "OPERATIONAL");
        assertThat(column(rows, "ProductName"))
                .containsExactlyInAnyOrder("Azure Security Center for IoT", "Microsoft Defender for IoT");
        assertThat(column(rows, "ProviderName")).containsExactly("IoTSecurity");
        assertThat(column(rows, "AlertSeverity")).contains("High", "Medium", "Low", "Informational");
        assertThat(devices(rows).values().stream().map(d -> d.path("Site").asText()).distinct().count())
                .isGreaterThanOrEqualTo(3);
        assertThat(devices(rows)).hasSizeGreaterThan(100);
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.path("SystemAlertId").asText()).matches("[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}");
            assertThat(row.path("TimeGenerated").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            assertThat(row.path("Tactics").asText()).isNotBlank();
            assertThat(row.path("Techniques").asText()).matches("T0\\d{3}");
            assertThat(json.readTree(row.path("RemediationSteps").asText())).isNotEmpty();
            assertThat(properties(row).path("AlertManagementUri").asText())
                    .startsWith("https://management.azure.com/subscriptions/")
                    .endsWith("/alerts/" + row.path("VendorOriginalId").asText());
        });
    }

    @Test
    void timesSpreadOverThePeriodFromTheStart() throws IOException {
        Instant start = Instant.parse("2027-03-01T00:00:00Z");
        Path file = folder.resolve("week.json");
        GenerateCommand.generate(new AlertGenerator.Settings(2000, 3, start, Duration.ofDays(7), 0),
                AlertFileWriter.Format.EXPORT, file);

        List<Instant> starts = rows(file).stream().map(r -> Instant.parse(r.path("StartTime").asText())).toList();
        assertThat(starts).allSatisfy(t -> assertThat(t).isBetween(start, start.plus(Duration.ofDays(7))));
        assertThat(starts.stream().filter(t -> t.isBefore(start.plus(Duration.ofDays(1)))).count())
                .isBetween(200L, 400L);
    }

    @Test
    void updateRowsRepeatAnEarlierAlertLaterWithANewStatus() throws IOException {
        List<JsonNode> rows = rows(generate(3000, 4, AlertFileWriter.Format.EXPORT, "updates.json"));

        Map<String, JsonNode> latest = new HashMap<>();
        int updates = 0;
        for (JsonNode row : rows) {
            JsonNode earlier = latest.put(row.path("SystemAlertId").asText(), row);
            if (earlier == null) {
                assertThat(properties(row).path("isNew").asText()).isEqualTo("True");
                assertThat(row.path("Status").asText()).isEqualTo("New");
                continue;
            }
            updates++;
            assertThat(properties(row).path("isNew").asText()).isEqualTo("False");
            assertThat(row.path("VendorOriginalId")).isEqualTo(earlier.path("VendorOriginalId"));
            assertThat(row.path("StartTime")).isEqualTo(earlier.path("StartTime"));
            assertThat(Instant.parse(row.path("TimeGenerated").asText()))
                    .isAfter(Instant.parse(earlier.path("TimeGenerated").asText()))
                    .isBefore(Instant.parse(earlier.path("TimeGenerated").asText()).plus(Duration.ofHours(13)));
            assertThat(earlier.path("Status").asText()).isNotEqualTo("Closed");
            assertThat(row.path("Status").asText()).isIn("Active", "Closed");
        }
        assertThat(updates).isBetween(60, 200);
    }

    private Path generate(long count, long seed, AlertFileWriter.Format format, String name) throws IOException {
        Path file = folder.resolve(name);
        GenerateCommand.generate(new AlertGenerator.Settings(count, seed, GenerateCommand.DEFAULT_START,
                Duration.ofDays(1), GenerateCommand.DEFAULT_UPDATE_PERCENT), format, file);
        return file;
    }

    private List<JsonNode> rows(Path export) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        json.readTree(export.toFile()).forEach(rows::add);
        return rows;
    }

    private JsonNode properties(JsonNode row) {
        try {
            return json.readTree(row.path("ExtendedProperties").asText());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Set<String> column(List<JsonNode> rows, String name) {
        return rows.stream().map(r -> r.path(name).asText()).collect(Collectors.toSet());
    }

    private static Set<String> ids(List<JsonNode> rows) {
        return new HashSet<>(column(rows, "SystemAlertId"));
    }

    /** Every device entity by device id, without its {@code $id}s, which depend on its place in the alert. */
    private Map<String, JsonNode> devices(List<JsonNode> rows) {
        Map<String, JsonNode> devices = new HashMap<>();
        for (JsonNode row : rows) {
            try {
                for (JsonNode entity : json.readTree(row.path("Entities").asText())) {
                    ObjectNode device = entity.deepCopy();
                    device.remove("$id");
                    ((ObjectNode) device.path("IpAddress")).remove("$id");
                    devices.put(device.path("DeviceId").asText(), device);
                }
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
        return devices;
    }
}
