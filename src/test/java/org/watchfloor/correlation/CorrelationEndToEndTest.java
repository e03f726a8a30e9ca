package org.watchfloor.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.watchfloor.Background;
import org.watchfloor.SharedData;
import org.watchfloor.WatchfloorApplication;
import org.watchfloor.alerts.AlertIntake;
import org.watchfloor.alerts.IntakePath;

/**
 * Correlation as a user meets it: alerts posted to the server become incidents; the same alerts give the same
 * incidents across a restart; a rule edit takes effect without a restart and a broken edit is refused.
 */
class CorrelationEndToEndTest {

    private static final String PASSWORD = "Correlation-test-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;
    @TempDir
    Path rulesDir;

    private final HttpClient http = HttpClient.newHttpClient();

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(WatchfloorApplication.class).run(
                "--server.port=0", "--server.address=127.0.0.1", "--watchfloor.data-dir=" + dataDir,
                "--watchfloor.admin.password=" + PASSWORD, "--watchfloor.rules.dir=" + rulesDir,
                "--watchfloor.rules.reload-check=200ms", "--camunda.bpm.job-execution.enabled=false");
    }

    private JsonNode call(ConfigurableApplicationContext server, String method, String path, String body)
            throws Exception {
        int port = ((WebServerApplicationContext) server).getWebServer().getPort();
        String basic = Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode node = JSON.readTree(response.body().isEmpty() ? "{}" : response.body());
        return ((com.fasterxml.jackson.databind.node.ObjectNode) JSON.createObjectNode().set("body", node))
                .put("status", response.statusCode());
    }

    private static void ingest(ConfigurableApplicationContext server, List<JsonNode> rows) throws Exception {
        ArrayNode array = JSON.createArrayNode().addAll(rows);
        server.getBean(AlertIntake.class).ingest(
                new ByteArrayInputStream(JSON.writeValueAsBytes(array)), IntakePath.API);
        Background.finish(server);
    }

    /** Each incident as the set of its alert ids, with title and severity: what must not change. */
    private static Set<String> incidents(ConfigurableApplicationContext server) {
        JdbcTemplate jdbc = server.getBean(JdbcTemplate.class);
        return new HashSet<>(jdbc.queryForList("""
                SELECT i.title || ' ' || i.severity || ' ' || LISTAGG(a.system_alert_id, ',')
                       WITHIN GROUP (ORDER BY a.system_alert_id)
                FROM incident i JOIN correlation_decision a ON a.incident_number = i.number
                GROUP BY i.id, i.title, i.severity
                """, String.class));
    }

    private static List<JsonNode> sampleByTime() throws Exception {
        List<JsonNode> rows = new ArrayList<>(StreamSupport.stream(
                JSON.readTree(SharedData.bytes(SharedData.SAMPLE)).spliterator(), false).toList());
        rows.sort(Comparator.comparing(r -> r.get("TimeGenerated").asText()));
        return rows;
    }

    @Test
    void theSampleBecomesIncidentsWithTheMultistageChainInOneHighIncident() throws Exception {
        copyProjectRules();
        JsonNode truth = JSON.readTree(SharedData.bytes(SharedData.SAMPLE + ".truth.json")).get("multistage");
        try (ConfigurableApplicationContext server = start()) {
            ingest(server, sampleByTime());

            JsonNode page = call(server, "GET", "/api/incidents?size=1000", null).get("body");
            assertThat(page.get("totalElements").asInt()).isPositive();
            String first = truth.get("alertIds").get(0).asText();
            JsonNode chain = null;
            for (JsonNode incident : page.get("content")) {
                JsonNode detail = call(server, "GET", "/api/incidents/" + incident.get("number").asText(), null)
                        .get("body");
                List<String> ids = detail.get("alerts").findValuesAsText("systemAlertId");
                if (ids.contains(first)) {
                    chain = detail;
                }
            }
            assertThat(chain).isNotNull();
            assertThat(chain.get("alerts").findValuesAsText("systemAlertId"))
                    .containsAll(truth.get("alertIds").findValuesAsText(""));
            for (JsonNode id : truth.get("alertIds")) {
                assertThat(chain.get("alerts").findValuesAsText("systemAlertId")).contains(id.asText());
            }
            assertThat(chain.get("severity").asText()).isEqualTo("High");
            assertThat(chain.get("tags").toString()).contains("multistage");
            assertThat(chain.get("tactics").get(0).asText()).isEqualTo("InitialAccess");
            assertThat(chain.get("explanation").findValuesAsText("rule"))
                    .contains("Multistage: OT alerts from a host an IT alert flagged");
        }
    }

    @Test
    void theSameAlertsGiveTheSameIncidentsWhetherOrNotWatchfloorRestartedInTheMiddle() throws Exception {
        copyProjectRules();
        List<JsonNode> rows = sampleByTime();
        Set<String> inOneRun;
        try (ConfigurableApplicationContext server = start()) {
            ingest(server, rows);
            inOneRun = incidents(server);
        }
        deleteDatabase();

        try (ConfigurableApplicationContext server = start()) {
            ingest(server, rows.subList(0, rows.size() / 2));
        }
        try (ConfigurableApplicationContext server = start()) {
            ingest(server, rows.subList(rows.size() / 2, rows.size()));
            assertThat(incidents(server)).isEqualTo(inOneRun);
        }
    }

    @Test
    void aRuleEditTakesEffectWithoutARestartAndABrokenEditIsRefusedWithItsPlace() throws Exception {
        copyProjectRules();
        List<JsonNode> rows = sampleByTime();
        try (ConfigurableApplicationContext server = start()) {
            Files.writeString(rulesDir.resolve("correlation/broken.drl"), "package correlation\nrule \"x\" when\n  then oops\n");
            JsonNode refused = call(server, "POST", "/api/rules/reload", null);
            assertThat(refused.get("status").asInt()).isEqualTo(422);
            assertThat(refused.get("body").get("problems").get(0).get("file").asText())
                    .isEqualTo("correlation/broken.drl");
            Files.delete(rulesDir.resolve("correlation/broken.drl"));

            JsonNode first = rows.get(0);
            String site = first.get("Entities").asText().replaceAll(".*?\"Site\":\"([^\"]+)\".*", "$1");
            Files.writeString(rulesDir.resolve("watchlists/maintenance-windows.csv"),
                    "site,device,start,end,reason\n" + site + ",,2026-10-01T00:00:00Z,2026-12-01T00:00:00Z,planned shutdown\n");
            waitForReload(server);

            ingest(server, List.of(first));
            JdbcTemplate jdbc = server.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("SELECT outcome FROM correlation_decision WHERE system_alert_id = ?",
                    String.class, first.get("SystemAlertId").asText())).isEqualTo("suppressed");
        }
    }

    private void waitForReload(ConfigurableApplicationContext server) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode rules = call(server, "GET", "/api/rules", null).get("body");
            if (rules.get("lastRefusal") == null && rules.toString().contains("builtAt")
                    && Files.getLastModifiedTime(rulesDir.resolve("watchlists/maintenance-windows.csv")).toInstant()
                    .isBefore(java.time.Instant.parse(rules.get("builtAt").asText()))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the edited rules were not reloaded within 20 s");
    }

    private void copyProjectRules() throws Exception {
        Path from = Path.of("rules");
        try (var paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = rulesDir.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private void deleteDatabase() throws Exception {
        try (var paths = Files.list(dataDir)) {
            for (Path p : paths.toList()) {
                Files.delete(p);
            }
        }
    }
}
