package org.watchfloor.incidents.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.watchfloor.incidents.internal.TestIncidents.attached;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.watchfloor.Background;
import org.watchfloor.WatchfloorTest;
import org.watchfloor.alerts.AlertFilter;
import org.watchfloor.alerts.AlertQueries;
import org.watchfloor.alerts.Severity;
import org.watchfloor.incidents.IncidentLedger.NewIncident;
import org.watchfloor.incidents.IncidentLedger;

/** {@code PATCH /api/incidents/{n}} and comments as an analyst's script uses them: the process follows every change. */
@WatchfloorTest
class IncidentPatchApiTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    ProcessEngine engine;
    @Autowired
    RuntimeService runtime;
    @Autowired
    IncidentLedger ledger;
    @Autowired
    AlertQueries alerts;
    @Autowired
    ObjectMapper json;

    private final HttpClient http = HttpClient.newHttpClient();
    private long number;
    private ProcessInstance lifecycle;

    @BeforeEach
    void oneIncidentAtTriage() {
        BpmnAwareTests.init(engine);
        TestIncidents.wipeIncidentsKeepingSample(context);
        var alert = alerts.search(AlertFilter.ALL, 0, 1).get(0);
        number = ledger.open(new NewIncident("Unauthorized PLC programming", Severity.MEDIUM, List.of(), null,
                List.of(attached(alert, "create")))).number();
        Background.finish(context);
        lifecycle = runtime.createProcessInstanceQuery().processDefinitionKey(IncidentProcess.KEY)
                .processInstanceBusinessKey(Long.toString(number)).singleResult();
        runAsyncSteps(lifecycle);
    }

    /** Runs the asynchronous steps waiting in the process, as the job executor would. */
    private void runAsyncSteps(ProcessInstance instance) {
        ManagementService management = engine.getManagementService();
        management.createJobQuery().processInstanceId(instance.getId()).messages().list()
                .forEach(job -> management.executeJob(job.getId()));
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (WatchfloorTest.ADMIN + ":" + WatchfloorTest.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private JsonNode patch(String body) throws Exception {
        HttpResponse<String> response = send("PATCH", "/api/incidents/" + number, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    @Test
    void theDetailListsTheOpenTaskOfTheLifecycle() throws Exception {
        JsonNode detail = json.readTree(send("GET", "/api/incidents/" + number, null).body());

        JsonNode task = detail.get("tasks").get(0);
        assertThat(task.get("taskDefinitionKey").asText()).isEqualTo("Triage");
        assertThat(task.get("candidateGroups").toString()).contains("soc-analysts");
        assertThat(task.get("form").asText()).isEqualTo("triage-incident");
        assertThat(detail.get("status").asText()).isEqualTo("New");
    }

    @Test
    void closingThroughTheApiEndsTheProcessLikeTheClosingTask() throws Exception {
        JsonNode closed = patch("{\"status\":\"Closed\",\"classification\":\"FalsePositive\","
                + "\"comment\":\"vendor maintenance\"}");

        assertThat(lifecycle).isEnded().hasPassed("CloseAsRequested");
        assertThat(closed.get("status").asText()).isEqualTo("Closed");
        assertThat(closed.get("classification").asText()).isEqualTo("FalsePositive");
        assertThat(closed.get("tasks")).isEmpty();
        assertThat(closed.get("timeToClose").asText()).startsWith("PT");
        assertThat(closed.get("comments").toString()).contains(
                "\"author\":\"admin\",\"writtenAt\"", "\"text\":\"vendor maintenance\"",
                "Playbook playbook-alert-status-sync started");
        assertThat(closed.get("auditTrail").toString()).contains("\"field\":\"status\"", "\"oldValue\":\"New\"",
                "\"newValue\":\"Closed\"", "\"changedBy\":\"admin\"");
    }

    @Test
    void anOwnerGivenThroughTheApiClaimsTheTriage() throws Exception {
        JsonNode changed = patch("{\"owner\":\"ana\"}");

        assertThat(changed.get("owner").asText()).isEqualTo("ana");
        assertThat(changed.get("status").asText()).isEqualTo("Active");
        assertThat(changed.get("tasks").get(0).get("assignee").asText()).isEqualTo("ana");
        assertThat(changed.get("timeToTriage").asText()).startsWith("PT");
    }

    @Test
    void raisingTheSeverityToHighOffersTheTaskToTheSocLeads() throws Exception {
        patch("{\"severity\":\"High\"}");
        runAsyncSteps(lifecycle);
        JsonNode changed = json.readTree(send("GET", "/api/incidents/" + number, null).body());

        assertThat(changed.get("severity").asText()).isEqualTo("High");
        assertThat(lifecycle).hasPassed("NotifySocLeads");
        assertThat(changed.get("tasks").get(0).get("candidateGroups").toString()).contains("soc-leads");
        assertThat(runtime.getVariable(lifecycle.getId(), "severity")).isEqualTo("High");
    }

    @Test
    void aClosedIncidentTakenOnAgainGetsANewProcess() throws Exception {
        patch("{\"status\":\"Closed\",\"classification\":\"Undetermined\"}");

        JsonNode reopened = patch("{\"status\":\"Active\"}");
        Background.finish(context);

        assertThat(reopened.get("status").asText()).isEqualTo("Active");
        ProcessInstance second = runtime.createProcessInstanceQuery().processDefinitionKey(IncidentProcess.KEY)
                .processInstanceBusinessKey(Long.toString(number)).singleResult();
        runAsyncSteps(second);
        assertThat(second).isWaitingAt("Triage");
        assertThat(second.getId()).isNotEqualTo(lifecycle.getId());
    }

    @Test
    void commentsAreAddedWithTheirAuthor() throws Exception {
        HttpResponse<String> response = send("POST", "/api/incidents/" + number + "/comments",
                "{\"text\":\"<b>PLC</b> firmware checked\"}");

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode detail = json.readTree(send("GET", "/api/incidents/" + number, null).body());
        assertThat(detail.get("comments").toString()).contains("\"text\":\"<b>PLC</b> firmware checked\"");
    }

    @Test
    void changesTheIncidentCannotTakeAreRefusedWithTheReason() throws Exception {
        HttpResponse<String> noClassification = send("PATCH", "/api/incidents/" + number, "{\"status\":\"Closed\"}");
        assertThat(noClassification.statusCode()).isEqualTo(400);
        assertThat(noClassification.body()).contains("classification");

        HttpResponse<String> badSeverity = send("PATCH", "/api/incidents/" + number, "{\"severity\":\"Severe\"}");
        assertThat(badSeverity.statusCode()).isEqualTo(400);

        patch("{\"status\":\"Active\"}");
        HttpResponse<String> backToNew = send("PATCH", "/api/incidents/" + number, "{\"status\":\"New\"}");
        assertThat(backToNew.statusCode()).isEqualTo(409);

        assertThat(send("PATCH", "/api/incidents/999999", "{\"status\":\"Active\"}").statusCode()).isEqualTo(404);
        assertThat(lifecycle).isWaitingAt("Triage");
    }
}
