package org.watchfloor.incidents.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.watchfloor.incidents.internal.TestIncidents.CHAIN;
import static org.watchfloor.incidents.internal.TestIncidents.attached;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.watchfloor.Background;
import org.watchfloor.WatchfloorTest;
import org.watchfloor.alerts.AlertFilter;
import org.watchfloor.alerts.AlertIntake;
import org.watchfloor.alerts.AlertQueries;
import org.watchfloor.alerts.Severity;
import org.watchfloor.alerts.StoredAlert;
import org.watchfloor.incidents.IncidentLedger.NewIncident;
import org.watchfloor.incidents.IncidentLedger;

/**
 * The incident API as an analyst reads it over HTTP. Four incidents from the sample: the multistage chain (High, at
 * Plant Rotterdam), one alert at Water Works North (Low), one at Substation 12 (Medium, closed) and one more at
 * Plant Rotterdam (Low).
 */
@WatchfloorTest
@Import(TestIncidents.RecordedEvents.class)
class IncidentApiTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    IncidentLedger ledger;
    @Autowired
    AlertIntake intake;
    @Autowired
    AlertQueries alerts;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;

    private final HttpClient http = HttpClient.newHttpClient();
    private long chain;
    private long water;
    private long substation;
    private long plant;

    @BeforeEach
    void fourIncidents() {
        TestIncidents.wipeIncidentsKeepingSample(context);
        chain = ledger.open(new NewIncident("Multistage attack on plc-plant-linea-00", Severity.MEDIUM,
                List.of("multistage"), "10.10.1.13", List.of(chainAlert(0)))).number();
        ledger.attach(chain, List.of(chainAlert(1)), Severity.MEDIUM, List.of());
        ledger.attach(chain, List.of(chainAlert(2), chainAlert(3)), Severity.HIGH, List.of("plc"));
        water = openOne(only("Water Works North", 0), Severity.LOW);
        substation = openOne(only("Substation 12", 0), Severity.MEDIUM);
        plant = openOne(only("Plant Rotterdam", 5), Severity.LOW);
        jdbc.update("UPDATE incident SET status = 'Closed', classification = 'BenignPositive', owner = 'ana', "
                + "closed_at = last_activity WHERE number = ?", substation);
    }

    private IncidentLedger.AttachedAlert chainAlert(int i) {
        return attached(alerts.find(CHAIN.get(i)).orElseThrow(), "attach");
    }

    /** The n-th alert, oldest first, whose devices are all at that one site. */
    private StoredAlert only(String site, int n) {
        return alerts.search(AlertFilter.ALL, 0, 1000).stream()
                .filter(a -> !CHAIN.contains(a.alert().systemAlertId()) && !a.alert().devices().isEmpty()
                        && a.alert().devices().stream().allMatch(d -> site.equals(d.site())))
                .sorted((a, b) -> a.alert().timeGenerated().compareTo(b.alert().timeGenerated()))
                .skip(n).findFirst().orElseThrow();
    }

    private long openOne(StoredAlert alert, Severity severity) {
        return ledger.open(new NewIncident(alert.alert().alertName(), severity, List.of(), null,
                List.of(attached(alert, "create")))).number();
    }

    private HttpResponse<String> get(String path, boolean authenticated) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (authenticated) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (WatchfloorTest.ADMIN + ":" + WatchfloorTest.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private JsonNode read(String path) throws Exception {
        HttpResponse<String> response = get(path, true);
        assertThat(response.statusCode()).as(path + " answered " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private List<Long> numbers(String path) throws Exception {
        List<Long> numbers = new ArrayList<>();
        read(path).get("content").forEach(i -> numbers.add(i.get("number").asLong()));
        return numbers;
    }

    private String lastActivity(long number) {
        return ledger.snapshot(number).orElseThrow().lastActivity().toString();
    }

    @Test
    void incidentsAreReadByAnAuthenticatedUserOnly() throws Exception {
        assertThat(get("/api/incidents", false).statusCode()).isEqualTo(401);
        assertThat(get("/api/incidents/" + chain, false).statusCode()).isEqualTo(401);
    }

    @Test
    void incidentsAreListedLatestActivityFirstWithWhatAnAnalystTriagesOn() throws Exception {
        JsonNode page = read("/api/incidents");

        assertThat(page.fieldNames()).toIterable()
                .containsExactly("content", "page", "size", "totalElements", "totalPages");
        assertThat(page.get("page").asInt()).isZero();
        assertThat(page.get("size").asInt()).isEqualTo(50);
        assertThat(page.get("totalElements").asLong()).isEqualTo(4);
        assertThat(page.get("totalPages").asLong()).isEqualTo(1);
        List<String> activity = new ArrayList<>();
        page.get("content").forEach(i -> activity.add(i.get("lastActivity").asText()));
        assertThat(activity).isSortedAccordingTo((a, b) -> b.compareTo(a));

        JsonNode multistage = null;
        for (JsonNode i : page.get("content")) {
            if (i.get("number").asLong() == chain) {
                multistage = i;
            }
        }
        assertThat(multistage.get("title").asText()).isEqualTo("Multistage attack on plc-plant-linea-00");
        assertThat(multistage.get("severity").asText()).isEqualTo("High");
        assertThat(multistage.get("status").asText()).isEqualTo("New");
        assertThat(multistage.get("tags").toString()).isEqualTo("[\"multistage\",\"plc\"]");
        assertThat(multistage.get("alertCount").asInt()).isEqualTo(4);
        assertThat(multistage.get("firstActivity").asText()).isEqualTo("2026-11-01T12:03:00Z");
        assertThat(multistage.get("lastActivity").asText()).isEqualTo("2026-11-01T12:55:00Z");
        assertThat(multistage.get("tactics").toString())
                .isEqualTo("[\"InitialAccess\",\"Execution\",\"InhibitResponseFunction\"]");
        assertThat(multistage.get("techniques").toString()).isEqualTo("[\"T1059\",\"T0886\",\"T0839\",\"T0881\"]");
        assertThat(multistage.get("sites").toString()).isEqualTo("[\"Plant Rotterdam\"]");
        assertThat(multistage.get("multistageHost").asText()).isEqualTo("10.10.1.13");
        assertThat(multistage.has("alerts")).isFalse();
    }

    @Test
    void filtersNarrowByStatusSeveritySiteAndLastActivity() throws Exception {
        assertThat(numbers("/api/incidents?status=Closed")).containsExactly(substation);
        assertThat(numbers("/api/incidents?status=new")).containsExactlyInAnyOrder(chain, water, plant);
        assertThat(numbers("/api/incidents?severity=high")).containsExactly(chain);
        assertThat(numbers("/api/incidents?severity=Low&site=Plant%20Rotterdam")).containsExactly(plant);
        assertThat(numbers("/api/incidents?site=Water%20Works%20North")).containsExactly(water);
        assertThat(numbers("/api/incidents?site=Plant")).as("a site matches whole").isEmpty();
        assertThat(numbers("/api/incidents?site=Plant%25")).as("no wildcards").isEmpty();

        String at = lastActivity(chain);
        assertThat(numbers("/api/incidents?from=" + at + "&to=2026-11-01T12:55:00.001Z")).contains(chain);
        assertThat(numbers("/api/incidents?to=" + at)).as("to is exclusive").doesNotContain(chain);
        assertThat(numbers("/api/incidents?from=2026-11-01T12:55:00.001Z")).doesNotContain(chain);

        JsonNode closed = read("/api/incidents?status=Closed").get("content").get(0);
        assertThat(closed.get("classification").asText()).isEqualTo("BenignPositive");
        assertThat(closed.get("owner").asText()).isEqualTo("ana");
    }

    @Test
    void pagesSplitTheListingInTheSameOrder() throws Exception {
        List<Long> all = numbers("/api/incidents");

        JsonNode second = read("/api/incidents?page=1&size=1");
        JsonNode last = read("/api/incidents?page=1&size=3");

        assertThat(second.get("content")).hasSize(1);
        assertThat(second.get("content").get(0).get("number").asLong()).isEqualTo(all.get(1));
        assertThat(second.get("totalPages").asLong()).isEqualTo(4);
        assertThat(last.get("content")).hasSize(1);
        assertThat(last.get("content").get(0).get("number").asLong()).isEqualTo(all.get(3));
        assertThat(read("/api/incidents?page=7").get("content")).isEmpty();
    }

    @Test
    void filterValuesThatCannotApplyAreRefusedWithWhatToSendInstead() throws Exception {
        assertThat(badRequest("/api/incidents?status=Open")).contains("New, Active or Closed");
        assertThat(badRequest("/api/incidents?severity=Catastrophic")).contains("Informational, Low, Medium or High");
        assertThat(badRequest("/api/incidents?from=yesterday")).contains("'from'", "ISO-8601");
        assertThat(badRequest("/api/incidents?from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z"))
                .contains("from must be before to");
        assertThat(badRequest("/api/incidents?size=1001")).contains("between 1 and 1000");
        assertThat(badRequest("/api/incidents?size=0")).contains("between 1 and 1000");
        assertThat(badRequest("/api/incidents?page=-1")).contains("page");
        assertThat(badRequest("/api/incidents/twelve")).contains("'number'");
    }

    private String badRequest(String path) throws Exception {
        HttpResponse<String> response = get(path, true);
        assertThat(response.statusCode()).as(path).isEqualTo(400);
        return json.readTree(response.body()).get("detail").asText();
    }

    @Test
    void oneIncidentShowsItsAlertsDevicesAndWhyEachAlertJoinedIt() throws Exception {
        JsonNode incident = read("/api/incidents/" + chain);

        assertThat(incident.get("number").asLong()).isEqualTo(chain);
        assertThat(incident.get("severity").asText()).isEqualTo("High");
        assertThat(incident.get("tactics")).hasSize(3);

        JsonNode shown = incident.get("alerts");
        assertThat(shown).hasSize(4);
        for (int i = 0; i < 4; i++) {
            assertThat(shown.get(i).get("systemAlertId").asText()).isEqualTo(CHAIN.get(i));
            assertThat(shown.get(i).has("raw")).isFalse();
        }
        JsonNode stop = shown.get(3);
        assertThat(stop.get("name").asText()).isEqualTo("An S7 Stop PLC Command was Sent");
        assertThat(stop.get("severity").asText()).isEqualTo("Low");
        assertThat(stop.get("time").asText()).isEqualTo("2026-11-01T12:55:00Z");
        assertThat(stop.get("sourceAddress").asText()).isEqualTo("10.10.1.13");
        assertThat(stop.get("destinationAddress").asText()).isEqualTo("10.10.1.10");
        assertThat(stop.get("engine").asText()).isNotBlank();
        assertThat(stop.get("tactics").toString()).isEqualTo("[\"InhibitResponseFunction\"]");
        assertThat(shown.get(0).get("product").asText()).isEqualTo("Microsoft Defender Advanced Threat Protection");

        JsonNode devices = incident.get("devices");
        assertThat(devices).hasSize(2);
        assertThat(devices).extracting(d -> d.get("name").asText())
                .containsExactlyInAnyOrder("ews-plant-linea-03", "plc-plant-linea-00");
        assertThat(devices).allSatisfy(d -> {
            assertThat(d.get("site").asText()).isEqualTo("Plant Rotterdam");
            assertThat(d.get("zone").asText()).isNotBlank();
            assertThat(d.get("importance").asText()).isNotBlank();
            assertThat(d.get("owners")).isNotNull();
        });

        JsonNode explanation = incident.get("explanation");
        assertThat(explanation).hasSize(4);
        assertThat(explanation).extracting(e -> e.get("systemAlertId").asText()).containsExactlyElementsOf(CHAIN);
        JsonNode first = explanation.get(0);
        assertThat(first.get("outcome").asText()).isEqualTo("attach");
        assertThat(first.get("reason").asText()).isEqualTo("attach by test rule");
        assertThat(first.get("decidedAt").asText()).isNotBlank();
        assertThat(first.get("hits").get(0).get("rule").asText()).isEqualTo("test rule");
        assertThat(first.get("hits").get(0).get("matched").get(0).asText())
                .isEqualTo("alert Suspicious PowerShell command line");
    }

    @Test
    void anUnknownIncidentIsNotFound() throws Exception {
        assertThat(get("/api/incidents/999999", true).statusCode()).isEqualTo(404);
    }
}
