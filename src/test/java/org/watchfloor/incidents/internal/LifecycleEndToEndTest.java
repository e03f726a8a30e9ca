package org.watchfloor.incidents.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.watchfloor.Background;
import org.watchfloor.IncidentTables;
import org.watchfloor.SharedData;
import org.watchfloor.TestServers;
import org.watchfloor.WatchfloorTest;

/**
 * The shared sample alerts POSTed to intake as a forwarder would, and every incident they open worked to its end by an
 * analyst and an OT engineer through Camunda's REST API, as Tasklist does: claim, complete with the form's values. The
 * playbooks the automation rules start mail the in-process SMTP server and call the local webhook receiver.
 */
@WatchfloorTest
class LifecycleEndToEndTest {

    private static final String ANALYST = "ana.analyst";
    private static final String ENGINEER = "otto.engineer";
    private static final String PASSWORD = "Test-password-for-the-soc-1";

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    IdentityService identity;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void noAlertsNoIncidentsAndTwoColleagues() throws Exception {
        IncidentTables.wipe(context);
        jdbc.update("DELETE FROM alert");
        member(ANALYST, "soc-analysts");
        member(ENGINEER, "ot-engineers");
        TestServers.smtp().purgeEmailFromAllMailboxes();
        TestServers.webhooks().reset();
    }

    private void member(String userId, String group) {
        if (identity.createUserQuery().userId(userId).count() == 0) {
            User user = identity.newUser(userId);
            user.setPassword(PASSWORD);
            user.setEmail(userId + "@watchfloor.test");
            identity.saveUser(user);
            identity.createMembership(userId, group);
        }
    }

    private HttpResponse<String> send(String method, String path, String body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode asUser(String user, String method, String path, String body) throws Exception {
        HttpResponse<String> response = send(method, path, body,
                basic(user, user.equals(WatchfloorTest.ADMIN) ? WatchfloorTest.ADMIN_PASSWORD : PASSWORD));
        assertThat(response.statusCode()).as(method + " " + path + " as " + user + ": " + response.body())
                .isBetween(200, 299);
        return response.body().isEmpty() ? null : json.readTree(response.body());
    }

    /** Claims the incident's open task with this key and completes it with the variables, as Tasklist would. */
    private void work(String user, long number, String taskKey, String variables) throws Exception {
        JsonNode open = asUser(user, "GET", "/engine-rest/task?processInstanceBusinessKey=" + number
                + "&taskDefinitionKey=" + taskKey, null);
        assertThat(open).as("incident " + number + " waits at " + taskKey).hasSize(1);
        String id = open.get(0).get("id").asText();
        asUser(user, "POST", "/engine-rest/task/" + id + "/claim", "{\"userId\":\"" + user + "\"}");
        asUser(user, "POST", "/engine-rest/task/" + id + "/complete", "{\"variables\":" + variables + "}");
    }

    /** The asynchronous steps (notifications, playbooks) that are due; a step that fails waits for its retry. */
    private void runJobsAsTheJobExecutorWould() {
        List<Job> due;
        while (!(due = management.createJobQuery().executable().messages().list()).isEmpty()) {
            for (Job job : due) {
                try {
                    management.executeJob(job.getId());
                } catch (RuntimeException failedAndRetriedLater) {
                    assertThat(management.createJobQuery().jobId(job.getId()).executable().count()).isZero();
                }
            }
        }
    }

    private static String subjectOf(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> recipientsOf(MimeMessage message) {
        try {
            return Arrays.stream(message.getAllRecipients()).map(Object::toString).toList();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String vars(String... keyValues) {
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            entries.add("\"" + keyValues[i] + "\":{\"value\":\"" + keyValues[i + 1] + "\"}");
        }
        return "{" + String.join(",", entries) + "}";
    }

    @Test
    void theSampleAlertsBecomeIncidentsThatAreWorkedToClosedThroughTheirTasks() throws Exception {
        HttpResponse<String> intake = send("POST", "/api/alerts",
                new String(SharedData.bytes(SharedData.SAMPLE), StandardCharsets.UTF_8),
                "Bearer " + WatchfloorTest.INTAKE_TOKEN);
        assertThat(intake.statusCode()).isEqualTo(200);
        Background.finish(context);
        runJobsAsTheJobExecutorWould();

        JsonNode incidents = asUser(ANALYST, "GET", "/api/incidents?size=1000", null).get("content");
        assertThat(incidents.size()).isGreaterThan(1);
        long multistage = -1;
        for (JsonNode incident : incidents) {
            assertThat(incident.get("status").asText()).isEqualTo("New");
            if (incident.get("tags").toString().contains("multistage")) {
                multistage = incident.get("number").asLong();
            }
        }
        assertThat(multistage).as("the sample's multistage incident").isPositive();

        for (JsonNode incident : incidents) {
            long number = incident.get("number").asLong();
            if (number != multistage) {
                work(ANALYST, number, "Triage", vars("triageOutcome", "falsePositive", "triageComment",
                        "lab traffic"));
            }
        }
        work(ANALYST, multistage, "Triage", vars("triageOutcome", "investigate"));
        work(ANALYST, multistage, "InvestigateSourceDevices", vars("deviceFindings", "engineering station 10.10.1.13"));
        work(ANALYST, multistage, "InvestigateTechniques", vars("techniqueFindings", "T0839 module firmware"));
        work(ANALYST, multistage, "InvestigateSite", vars("siteFindings", "Plant Rotterdam, line A"));
        work(ANALYST, multistage, "InvestigateRelatedAlerts", vars("relatedAlertFindings", "IT alert first"));
        work(ENGINEER, multistage, "TakeRemediationAction", vars("actionsTaken", "isolated the station, reflashed"));
        work(ANALYST, multistage, "ManageAlertStatus", vars("classification", "TruePositive", "alertStatus",
                "Closed", "closingComment", "contained"));

        runJobsAsTheJobExecutorWould();
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(IncidentProcess.KEY).count()).isZero();
        JsonNode closed = asUser(ANALYST, "GET", "/api/incidents?status=Closed&size=1000", null);
        assertThat(closed.get("totalElements").asInt()).isEqualTo(incidents.size());
        JsonNode chain = asUser(ANALYST, "GET", "/api/incidents/" + multistage, null);
        assertThat(chain.get("classification").asText()).isEqualTo("TruePositive");
        assertThat(chain.get("owner").asText()).isEqualTo(ANALYST);
        assertThat(chain.get("comments").toString()).contains("isolated the station, reflashed");
        assertThat(chain.get("auditTrail").toString()).contains("\"changedBy\":\"" + ANALYST + "\"");
        String subject = "Incident " + multistage + " ";
        assertThat(Arrays.stream(TestServers.smtp().getReceivedMessages()).filter(m -> subjectOf(m).contains(subject))
                .flatMap(m -> recipientsOf(m).stream()).toList())
                .as("the multistage attack mails the owners of Plant Rotterdam (watchlists/device-owners.csv)")
                .contains("r.vandijk@plant.example");
        assertThat(TestServers.webhooks().requests(TestServers.STATUS_SYNC)).as("every closing syncs the alert status")
                .hasSize(incidents.size())
                .anySatisfy(r -> assertThat(r.body()).contains("\"number\":" + chain.get("number").asLong(),
                        "\"status\":\"Closed\""));
    }

    @Test
    void trafficClosedAsLearnIsSuppressedWhenItComesAgain() throws Exception {
        String sample = new String(SharedData.bytes(SharedData.SAMPLE), StandardCharsets.UTF_8);
        assertThat(send("POST", "/api/alerts", sample, "Bearer " + WatchfloorTest.INTAKE_TOKEN).statusCode())
                .isEqualTo(200);
        Background.finish(context);
        runJobsAsTheJobExecutorWould();
        JsonNode rows = json.readTree(sample);
        JsonNode learned = null;
        long number = -1;
        for (JsonNode incident : asUser(ANALYST, "GET", "/api/incidents?size=1000", null).get("content")) {
            JsonNode alerts = asUser(ANALYST, "GET", "/api/incidents/" + incident.get("number").asLong(), null)
                    .get("alerts");
            if (alerts.size() == 1 && alerts.get(0).hasNonNull("sourceAddress")
                    && alerts.get(0).hasNonNull("destinationAddress")) {
                learned = alerts.get(0);
                number = incident.get("number").asLong();
                break;
            }
        }
        assertThat(learned).as("an incident of one alert between two addresses").isNotNull();
        work(ANALYST, number, "Triage", "{\"triageOutcome\":{\"value\":\"benign\"},\"learn\":{\"value\":true}}");

        ObjectNode again = null;
        for (JsonNode row : rows) {
            if (row.path("SystemAlertId").asText().equals(learned.get("systemAlertId").asText())) {
                again = row.deepCopy();
            }
        }
        again.put("SystemAlertId", "learned-traffic-again-0001");
        again.put("TimeGenerated", Instant.parse(again.get("TimeGenerated").asText()).plusSeconds(3600).toString());
        assertThat(send("POST", "/api/alerts", "[" + again + "]", "Bearer " + WatchfloorTest.INTAKE_TOKEN)
                .statusCode()).isEqualTo(200);
        Background.finish(context);

        Map<String, Object> decision = jdbc.queryForMap("SELECT outcome, reason, incident_number FROM "
                + "correlation_decision WHERE system_alert_id = 'learned-traffic-again-0001'");
        assertThat(decision.get("OUTCOME")).isEqualTo("suppressed");
        assertThat((String) decision.get("REASON")).contains("learned baseline", learned.get("name").asText(),
                "learned by " + ANALYST);
    }
}
