package org.watchfloor.alerts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.watchfloor.Background;
import org.watchfloor.SharedData;
import org.watchfloor.WatchfloorTest;

/** The alert and quarantine API as a forwarder, an analyst and a script call it over HTTP. */
@WatchfloorTest
class AlertApiTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void emptyStore() {
        Background.finish(context);
        jdbc.update("DELETE FROM alert");
        jdbc.update("DELETE FROM quarantined_row");
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    private HttpRequest.Builder asForwarder(String path, byte[] body) {
        return request(path).header("Authorization", "Bearer " + WatchfloorTest.INTAKE_TOKEN)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private HttpRequest.Builder asAnalyst(String path) {
        String basic = Base64.getEncoder().encodeToString(
                (WatchfloorTest.ADMIN + ":" + WatchfloorTest.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        return request(path).header("Authorization", "Basic " + basic);
    }

    @Test
    void intakeNeedsAValidToken() throws Exception {
        byte[] body = SharedData.bytes(SharedData.SAMPLE);
        HttpResponse<String> none = send(request("/api/alerts").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        HttpResponse<String> wrong = send(request("/api/alerts").header("Authorization", "Bearer not-a-token-at-all")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM alert", Long.class)).isZero();
    }

    @Test
    void intakeAnswersTheCountsOfWhatItDidWithEveryRow() throws Exception {
        HttpResponse<String> response = send(asForwarder("/api/alerts", SharedData.bytes(SharedData.EDGE_CASES)));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode counts = json.readTree(response.body());
        assertThat(counts.fieldNames()).toIterable().containsExactly(
                "received", "accepted", "updated", "duplicates", "rejected", "warnings", "rejections");
        assertThat(counts.get("received").asLong()).isEqualTo(74);
        assertThat(counts.get("accepted").asLong() + counts.get("updated").asLong()
                + counts.get("duplicates").asLong() + counts.get("rejected").asLong()).isEqualTo(74);
        assertThat(counts.get("rejected").asLong()).isEqualTo(3);
        JsonNode rejection = counts.get("rejections").get(0);
        assertThat(rejection.fieldNames()).toIterable().contains("index", "reason");
        assertThat(rejection.get("systemAlertId").asText()).isEqualTo("329bcea7-2d05-838a-7216-fa14b4175883");
    }

    @Test
    void oneRowObjectIsTakenToo() throws Exception {
        JsonNode row = json.readTree(SharedData.bytes(SharedData.SAMPLE)).get(5);

        HttpResponse<String> response = send(asForwarder("/api/alerts", row.toString().getBytes(StandardCharsets.UTF_8)));

        assertThat(json.readTree(response.body()).get("accepted").asLong()).isEqualTo(1);
    }

    @Test
    void aBodyOverTheConfiguredSizeIsRefusedWith413() throws Exception {
        byte[] big = ("[" + "{\"SystemAlertId\":\"x\"},".repeat(250_000) + "{}]").getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = send(asForwarder("/api/alerts", big));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("watchfloor.intake.max-body-size");
    }

    @Test
    void aBrokenDocumentIsABadRequestThatSaysWhatWasStored() throws Exception {
        HttpResponse<String> response = send(asForwarder("/api/alerts", "[{\"SystemAlertId\":".getBytes()));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json.readTree(response.body()).get("storedBeforeFault").get("received").asLong()).isZero();
    }

    @Test
    void alertsAreReadWithFiltersAndPagingByAnAuthenticatedUserOnly() throws Exception {
        send(asForwarder("/api/alerts", SharedData.bytes(SharedData.SAMPLE)));

        assertThat(send(request("/api/alerts")).statusCode()).isEqualTo(401);
        JsonNode all = json.readTree(send(asAnalyst("/api/alerts?size=10")).body());
        assertThat(all.get("content")).hasSize(10);
        assertThat(all.get("totalElements").asLong()).isEqualTo(304);

        JsonNode high = json.readTree(send(asAnalyst("/api/alerts?severity=High&size=1000")).body());
        assertThat(high.get("content")).allSatisfy(a -> assertThat(a.get("severity").asText()).isEqualTo("High"));

        JsonNode site = json.readTree(send(asAnalyst("/api/alerts?site=Plant%20Rotterdam&size=1000")).body());
        assertThat(site.get("totalElements").asLong()).isPositive();
        assertThat(site.get("content")).allSatisfy(a -> assertThat(a.get("devices").toString()).contains("Plant Rotterdam"));

        JsonNode device = json.readTree(send(asAnalyst("/api/alerts?deviceAddress=10.10.1.13&size=1000")).body());
        assertThat(device.get("content")).isNotEmpty().allSatisfy(a -> assertThat(
                a.get("details").get("sourceDeviceAddress").asText() + a.get("details").get("destinationDeviceAddress").asText())
                .contains("10.10.1.13"));
        List<String> deviceIds = new ArrayList<>();
        device.get("content").forEach(a -> deviceIds.add(a.get("systemAlertId").asText()));
        List<String> paged = new ArrayList<>();
        for (int page = 0; page * 7 < deviceIds.size(); page++) {
            json.readTree(send(asAnalyst("/api/alerts?deviceAddress=10.10.1.13&size=7&page=" + page)).body())
                    .get("content").forEach(a -> paged.add(a.get("systemAlertId").asText()));
        }
        assertThat(paged).containsExactlyElementsOf(deviceIds);
        List<String> deviceTimes = new ArrayList<>();
        device.get("content").forEach(a -> deviceTimes.add(a.get("timeGenerated").asText()));
        String middle = deviceTimes.stream().sorted().toList().get(deviceTimes.size() / 2);
        JsonNode deviceSince = json.readTree(send(asAnalyst(
                "/api/alerts?deviceAddress=10.10.1.13&from=" + middle + "&size=1000")).body());
        assertThat(deviceSince.get("totalElements").asLong()).isEqualTo(
                deviceTimes.stream().filter(t -> Instant.parse(t).compareTo(Instant.parse(middle)) >= 0).count());

        JsonNode window = json.readTree(send(asAnalyst(
                "/api/alerts?from=2026-11-01T12:00:00Z&to=2026-11-01T13:00:00Z&product=Microsoft%20Defender%20for%20IoT&size=1000")).body());
        assertThat(window.get("content")).allSatisfy(a -> {
            assertThat(a.get("timeGenerated").asText()).startsWith("2026-11-01T12:");
            assertThat(a.get("productName").asText()).isEqualTo("Microsoft Defender for IoT");
        });

        assertThat(send(asAnalyst("/api/alerts?severity=Catastrophic")).statusCode()).isEqualTo(400);
    }

    @Test
    void oneAlertIsReadWithItsRawRowAndAnUnknownOneIsNotFound() throws Exception {
        byte[] body = SharedData.bytes(SharedData.EDGE_CASES);
        send(asForwarder("/api/alerts", body));
        JsonNode hostileRow = null;
        for (Iterator<JsonNode> rows = json.readTree(body).elements(); rows.hasNext(); ) {
            JsonNode row = rows.next();
            if (row.get("AlertName").asText().startsWith("<script>")) {
                hostileRow = row;
            }
        }

        HttpResponse<String> response = send(asAnalyst("/api/alerts/" + hostileRow.get("SystemAlertId").asText()));

        JsonNode alert = json.readTree(response.body());
        assertThat(alert.get("alertName").asText()).isEqualTo(hostileRow.get("AlertName").asText());
        assertThat(json.readTree(alert.get("raw").asText())).isEqualTo(hostileRow);
        assertThat(send(asAnalyst("/api/alerts/no-such-alert")).statusCode()).isEqualTo(404);
    }

    @Test
    void aFileIsUploadedThroughTheSamePipeline() throws Exception {
        String boundary = "watchfloor-boundary";
        byte[] file = SharedData.bytes(SharedData.QUERY_RESPONSE);
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"q.json\"\r\n"
                + "Content-Type: application/json\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + file.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(file, 0, body, head.length, file.length);
        System.arraycopy(tail, 0, body, head.length + file.length, tail.length);

        HttpResponse<String> response = send(asAnalyst("/api/alerts/import")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json.readTree(response.body()).get("accepted").asLong()).isEqualTo(304);
        assertThat(jdbc.queryForList("SELECT DISTINCT intake_path FROM alert", String.class)).containsExactly("UPLOAD");
    }

    @Test
    void aQuarantinedRowIsListedAndResubmittedOnceCorrected() throws Exception {
        send(asForwarder("/api/alerts", SharedData.bytes(SharedData.EDGE_CASES)));

        JsonNode quarantine = json.readTree(send(asAnalyst("/api/quarantine")).body());
        assertThat(quarantine.get("content")).hasSize(3);
        JsonNode badSeverity = null;
        for (JsonNode row : quarantine.get("content")) {
            if (row.get("reason").asText().startsWith("unknown AlertSeverity")) {
                badSeverity = row;
            }
        }
        assertThat(badSeverity.get("intakePath").asText()).isEqualTo("API");
        String id = badSeverity.get("id").asText();

        HttpResponse<String> stillBad = send(asAnalyst("/api/quarantine/" + id + "/resubmit")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(stillBad.statusCode()).isEqualTo(422);
        assertThat(stillBad.body()).contains("unknown AlertSeverity");

        ObjectNode corrected = (ObjectNode) json.readTree(badSeverity.get("raw").asText());
        corrected.put("AlertSeverity", "High");
        HttpResponse<String> fixed = send(asAnalyst("/api/quarantine/" + id + "/resubmit")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(corrected.toString())));

        assertThat(fixed.statusCode()).isEqualTo(200);
        assertThat(json.readTree(send(asAnalyst("/api/alerts/" + corrected.get("SystemAlertId").asText())).body())
                .get("severity").asText()).isEqualTo("High");
        assertThat(json.readTree(send(asAnalyst("/api/quarantine")).body()).get("content")).hasSize(2);
        assertThat(send(asAnalyst("/api/quarantine/" + id + "/resubmit").POST(HttpRequest.BodyPublishers.noBody()))
                .statusCode()).isEqualTo(409);
    }

    @Test
    void theEngineRestApiIsClosedToAnonymousCallers() throws Exception {
        assertThat(send(request("/engine-rest/process-definition")).statusCode()).isEqualTo(401);
        assertThat(send(asAnalyst("/engine-rest/process-definition")).statusCode()).isEqualTo(200);
    }

    @Test
    void healthIsOpenForProbes() throws Exception {
        HttpResponse<String> health = send(request("/actuator/health"));

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json.readTree(health.body()).get("status").asText()).isEqualTo("UP");
    }
}
