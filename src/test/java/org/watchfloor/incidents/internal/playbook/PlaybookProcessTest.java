package org.watchfloor.incidents.internal.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.watchfloor.incidents.internal.playbook.PlaybookAlerts.HMI_SUBSTATION;
import static org.watchfloor.incidents.internal.playbook.PlaybookAlerts.PLC_LINE_B;
import static org.watchfloor.incidents.internal.playbook.PlaybookAlerts.PLC_UTILITIES;
import static org.watchfloor.incidents.internal.playbook.PlaybookAlerts.RTU_SUBSTATION;
import static org.watchfloor.incidents.internal.playbook.PlaybookAlerts.incidentFor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.watchfloor.TestServers;
import org.watchfloor.WatchfloorTest;
import org.watchfloor.WebhookReceiver;

/**
 * Each playbook walked through its process on the real engine, for incidents correlation opened from alerts posted to
 * intake: the mail that reached the in-process SMTP server, the JSON that reached the local webhook receiver, and what
 * Cockpit shows when a call keeps failing.
 */
@WatchfloorTest
class PlaybookProcessTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    Playbooks playbooks;
    @Autowired
    ProcessEngine engine;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    @Autowired
    RepositoryService repository;
    @Autowired
    IdentityService identity;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;

    private final WebhookReceiver webhooks = TestServers.webhooks();
    private final List<String> started = new ArrayList<>();
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @BeforeEach
    void thisEngineEmptyMailboxesAndAQuietReceiver() throws Exception {
        BpmnAwareTests.init(engine);
        TestServers.smtp().purgeEmailFromAllMailboxes();
        webhooks.reset();
    }

    @AfterEach
    void removeWhatTheTestStarted() {
        webhooks.reset();
        for (String id : started) {
            if (runtime.createProcessInstanceQuery().processInstanceId(id).count() > 0) {
                runtime.deleteProcessInstance(id, "test over");
            }
        }
        for (String user : List.of("k.smit", "playbook-analyst-1", "playbook-analyst-2")) {
            identity.deleteUser(user);
        }
        identity.deleteGroup("playbook-test-analysts");
    }

    private ProcessInstance start(Playbook playbook, long incident) {
        ProcessInstance instance = playbooks.start(playbook, incident);
        started.add(instance.getId());
        return instance;
    }

    @Test
    void everyPlaybookIsDeployedWithAHistoryTimeToLive() {
        for (Playbook playbook : Playbook.values()) {
            var definition = repository.createProcessDefinitionQuery().processDefinitionKey(playbook.processKey())
                    .latestVersion().singleResult();
            assertThat(definition).as(playbook.processKey()).isNotNull();
            assertThat(definition.getHistoryTimeToLive()).isEqualTo(180);
        }
    }

    @Test
    void theDeviceOwnersAndTheSiteOwnersGetOneMailEachAboutTheirDevices() throws Exception {
        long incident = incidentFor(context, "Unauthorized PLC Programming", now, PLC_LINE_B, PLC_UTILITIES);

        ProcessInstance instance = start(Playbook.MAIL_DEVICE_OWNER, incident);

        assertThat(instance).isStarted().hasBusinessKey(Long.toString(incident)).isWaitingAt("mail-owners");
        assertThat(instance).variables().containsEntry(Playbooks.INCIDENT_NUMBER, incident);
        execute(job(instance));
        assertThat(instance).hasPassed("mail-owners").isEnded();
        assertThat(instance).variables()
                .containsEntry("mailedTo", "r.vandijk@plant.example, ot-lineb@plant.example");

        MimeMessage siteOwner = single(mailTo("r.vandijk@plant.example", incident));
        assertThat(siteOwner.getSubject()).isEqualTo("[Watchfloor] Incident " + incident
                + " (Medium): a device you own is involved");
        assertThat(siteOwner.getFrom()[0].toString()).isEqualTo("watchfloor@soc.test");
        assertThat(text(siteOwner))
                .contains("- plc-plant-lineb-01 (PLC, 10.10.2.11) at Plant Rotterdam / Line B")
                .contains("- plc-plant-utilities-00 (PLC, 10.10.3.10) at Plant Rotterdam / Utilities")
                .contains("Alerts: Unauthorized PLC Programming")
                .contains("Incident " + incident + ": Unauthorized PLC Programming ")
                .contains("Severity: Medium")
                .contains("Status: New")
                .contains(TestServers.INCIDENT_LINK_BASE + incident);
        assertThat(text(single(mailTo("ot-lineb@plant.example", incident))))
                .contains("plc-plant-lineb-01").doesNotContain("plc-plant-utilities-00");
    }

    @Test
    void anOwnerListedByUserIdIsMailedAtTheEmailOfTheirAccount() throws Exception {
        var user = identity.newUser("k.smit");
        user.setEmail("klaas.smit@substation.example");
        identity.saveUser(user);
        long incident = incidentFor(context, "Unauthorized SSH", now, RTU_SUBSTATION, HMI_SUBSTATION);

        ProcessInstance instance = start(Playbook.MAIL_DEVICE_OWNER, incident);
        execute(job(instance));

        assertThat(instance).isEnded().variables().containsEntry("mailedTo", "klaas.smit@substation.example");
        assertThat(text(single(mailTo("klaas.smit@substation.example", incident))))
                .contains("rtu-substation-control-01").contains("hmi-substation-control-02");
    }

    @Test
    void theContactsOfTheIncidentsSensorsAreMailed() throws Exception {
        long incident = incidentFor(context, "Illegal Modbus Function Code", now, PLC_LINE_B, PLC_UTILITIES);

        ProcessInstance instance = start(Playbook.MAIL_SENSOR_CONTACTS, incident);
        assertThat(instance).isWaitingAt("mail-contacts");
        execute(job(instance));

        assertThat(instance).hasPassed("mail-contacts").isEnded()
                .variables().containsEntry("mailedTo", "soc-rotterdam@plant.example");
        MimeMessage mail = single(mailTo("soc-rotterdam@plant.example", incident));
        assertThat(mail.getSubject()).endsWith(": alerts from sensors you follow");
        assertThat(text(mail)).contains("- sensor-rtm-01 at Plant Rotterdam: 1 alert");
    }

    @Test
    void anEngineeringWorkstationSeenForTheFirstTimeGetsATicketAndOnlyOnce() throws Exception {
        PlaybookAlerts.Device workstation = PlaybookAlerts.Device.newWorkstation();
        long first = incidentFor(context, "Unauthorized PLC Programming", now, workstation, PLC_LINE_B);
        long later = incidentFor(context, "PLC Stop Command", now.plusSeconds(60), workstation, PLC_LINE_B);

        ProcessInstance ticket = start(Playbook.ENGINEERING_WORKSTATION_TICKET, first);
        assertThat(ticket).isWaitingAt("find-new");
        execute(job(ticket));
        assertThat(ticket).isWaitingAt("open-ticket").variables()
                .containsEntry("newEngineeringWorkstations", "id:" + workstation.id());
        execute(job(ticket));
        assertThat(ticket).hasPassed("find-new", "open-ticket", "ticket-opened").isEnded()
                .variables().containsEntry("ticketStatus", 200);

        WebhookReceiver.Request request = single(webhooks.requests(TestServers.TICKETS));
        assertThat(request.contentType()).startsWith("application/json");
        assertThat(request.authorization()).isEqualTo("Bearer ticket-token");
        JsonNode body = json.readTree(request.body());
        assertThat(body.path("summary").asText()).isEqualTo("New engineering workstation " + workstation.name()
                + " (" + workstation.address() + ") at Plant Rotterdam");
        assertThat(body.path("incident").path("number").asLong()).isEqualTo(first);
        assertThat(body.path("devices")).singleElement().satisfies(d -> {
            assertThat(d.path("deviceId").asText()).isEqualTo(workstation.id());
            assertThat(d.path("type").asText()).isEqualTo("EWS");
            assertThat(d.path("ipAddress").asText()).isEqualTo(workstation.address());
            assertThat(d.path("sensor").asText()).isEqualTo("sensor-rtm-01");
        });

        ProcessInstance again = start(Playbook.ENGINEERING_WORKSTATION_TICKET, later);
        execute(job(again));
        assertThat(again).hasPassed("find-new", "nothing-new").hasNotPassed("open-ticket").isEnded()
                .variables().containsEntry("newEngineeringWorkstations", "");
        assertThat(webhooks.requests(TestServers.TICKETS)).hasSize(1);
    }

    @Test
    void theStatusSyncCarriesTheIncidentsStatusAndItsAlertsTriageStatus() throws Exception {
        long incident = incidentFor(context, "Excessive Login Attempts", now, PLC_LINE_B, PLC_UTILITIES);
        String alertId = jdbc.queryForObject("SELECT system_alert_id FROM correlation_decision "
                + "WHERE incident_number = ?", String.class, incident);
        jdbc.update("UPDATE incident SET status = 'Closed', classification = 'BenignPositive', owner = 'ana' "
                + "WHERE number = ?", incident);
        jdbc.update("UPDATE alert SET triage_status = 'Learn' WHERE system_alert_id = ?", alertId);

        ProcessInstance instance = start(Playbook.ALERT_STATUS_SYNC, incident);
        assertThat(instance).isWaitingAt("sync-status");
        execute(job(instance));

        assertThat(instance).hasPassed("sync-status").isEnded().variables().containsEntry("syncStatus", 200);
        JsonNode body = json.readTree(single(webhooks.requests(TestServers.STATUS_SYNC)).body());
        assertThat(body.path("incident").path("number").asLong()).isEqualTo(incident);
        assertThat(body.path("incident").path("status").asText()).isEqualTo("Closed");
        assertThat(body.path("incident").path("classification").asText()).isEqualTo("BenignPositive");
        assertThat(body.path("incident").path("owner").asText()).isEqualTo("ana");
        assertThat(body.path("alerts")).singleElement().satisfies(a -> {
            assertThat(a.path("systemAlertId").asText()).isEqualTo(alertId);
            assertThat(a.path("triageStatus").asText()).isEqualTo("Learn");
            assertThat(a.path("status").asText()).isEqualTo("New");
            assertThat(a.path("alertManagementUri").asText()).startsWith("https://management.azure.com/");
            assertThat(a.path("vendorOriginalId").asText()).isNotEmpty();
        });
    }

    @Test
    void aWebhookThatKeepsFailingEndsAsAnIncidentInCockpitAfterTheConfiguredRetries() {
        long incident = incidentFor(context, "Firmware Version Changed", now, PLC_LINE_B, PLC_UTILITIES);
        webhooks.answer(TestServers.STATUS_SYNC, 503, Duration.ZERO);
        ProcessInstance instance = start(Playbook.ALERT_STATUS_SYNC, incident);

        int attempts = 0;
        Job job = jobOf(instance);
        while (job.getRetries() > 0) {
            String id = job.getId();
            assertThatThrownBy(() -> management.executeJob(id)).hasMessageContaining("answered 503");
            attempts++;
            job = jobOf(instance);
            if (job.getRetries() > 0) {
                assertThat(job.getDuedate().toInstant()).as("the retry waits as the retry cycle says")
                        .isBetween(Instant.now().plus(Duration.ofMinutes(6)), Instant.now().plus(Duration.ofMinutes(8)));
            }
        }

        assertThat(attempts).as("the two tries of " + TestServers.RETRY_CYCLE + ", not the engine's default three")
                .isEqualTo(2);
        assertThat(webhooks.requests(TestServers.STATUS_SYNC)).hasSize(2);
        Incident failure = runtime.createIncidentQuery().processInstanceId(instance.getId()).singleResult();
        assertThat(failure.getIncidentType()).isEqualTo("failedJob");
        assertThat(failure.getActivityId()).isEqualTo("sync-status");
        assertThat(failure.getIncidentMessage()).contains("answered 503");
        assertThat(instance).isWaitingAt("sync-status");
    }

    @Test
    void aWebhookThatDoesNotAnswerInTimeFails() {
        long incident = incidentFor(context, "Unauthorized Internet Access", now, PLC_LINE_B, PLC_UTILITIES);
        webhooks.answer(TestServers.STATUS_SYNC, 200, Duration.ofSeconds(4));
        ProcessInstance instance = start(Playbook.ALERT_STATUS_SYNC, incident);
        String job = jobOf(instance).getId();

        long began = System.nanoTime();
        assertThatThrownBy(() -> management.executeJob(job)).hasMessageContaining("Read timed out");
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(3));
        assertThat(jobOf(instance).getExceptionMessage()).contains("Read timed out");
    }

    @Test
    void aPlaybookForAnIncidentThatDoesNotExistFailsWithTheReason() {
        ProcessInstance instance = start(Playbook.MAIL_SENSOR_CONTACTS, 987_654_321L);

        assertThatThrownBy(() -> execute(job(instance))).hasMessageContaining("There is no incident 987654321");
    }

    private Job jobOf(ProcessInstance instance) {
        return management.createJobQuery().processInstanceId(instance.getId()).singleResult();
    }

    private static List<MimeMessage> mailTo(String address, long incident) throws Exception {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage message : TestServers.smtp().getReceivedMessages()) {
            boolean toAddress = Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                    .anyMatch(r -> r.toString().equalsIgnoreCase(address));
            if (toAddress && message.getSubject().startsWith("[Watchfloor] Incident " + incident + " ")) {
                found.add(message);
            }
        }
        return found;
    }

    private static String text(MimeMessage message) throws Exception {
        return message.getContent().toString().replace("\r\n", "\n");
    }

    private static <T> T single(List<T> items) {
        assertThat(items).hasSize(1);
        return items.get(0);
    }
}
