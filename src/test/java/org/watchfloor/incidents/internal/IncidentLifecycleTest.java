package org.watchfloor.incidents.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.watchfloor.incidents.internal.TestIncidents.attached;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.watchfloor.Background;
import org.watchfloor.WatchfloorTest;
import org.watchfloor.alerts.AlertFilter;
import org.watchfloor.alerts.AlertQueries;
import org.watchfloor.alerts.Severity;
import org.watchfloor.alerts.StoredAlert;
import org.watchfloor.incidents.IncidentLedger.NewIncident;
import org.watchfloor.incidents.IncidentLedger;
import org.watchfloor.incidents.IncidentStatus;

/**
 * Walks every path of {@code processes/incident-lifecycle.bpmn} on incidents opened from the sample alerts: triage
 * outcomes, escalation, the investigation, remediation and closing tasks, both SLA timers, the event subprocesses and
 * a reopened incident.
 */
@WatchfloorTest
class IncidentLifecycleTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    ProcessEngine engine;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;
    @Autowired
    ManagementService management;
    @Autowired
    HistoryService history;
    @Autowired
    IncidentLedger ledger;
    @Autowired
    AlertQueries alerts;
    @Autowired
    IncidentViews views;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    LifecycleStarter starter;

    private List<StoredAlert> sample;

    @BeforeEach
    void sampleWithoutIncidents() {
        BpmnAwareTests.init(engine);
        TestIncidents.wipeIncidentsKeepingSample(context);
        sample = alerts.search(AlertFilter.ALL, 0, 1000).stream()
                .filter(a -> a.alert().details().sourceDeviceAddress() != null
                        && a.alert().details().destinationDeviceAddress() != null)
                .sorted((a, b) -> a.alert().timeGenerated().compareTo(b.alert().timeGenerated()))
                .toList();
    }

    private long open(Severity severity, int... alertIndexes) {
        List<IncidentLedger.AttachedAlert> attachedAlerts = java.util.Arrays.stream(alertIndexes)
                .mapToObj(i -> attached(sample.get(i), "create")).toList();
        long number = ledger.open(new NewIncident("Test incident", severity, List.of(), null, attachedAlerts))
                .number();
        Background.finish(context);
        runAsyncSteps(lifecycle(number));
        return number;
    }

    private ProcessInstance lifecycle(long number) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(IncidentProcess.KEY)
                .processInstanceBusinessKey(Long.toString(number)).singleResult();
    }

    private Task openTask(ProcessInstance instance, String key) {
        return tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(key).singleResult();
    }

    /** Runs the asynchronous steps waiting in the process, as the job executor would. */
    private void runAsyncSteps(ProcessInstance instance) {
        assertThat(instance).isNotNull();
        List<Job> due;
        while (!(due = management.createJobQuery().processInstanceId(instance.getId()).messages().list()).isEmpty()) {
            due.forEach(job -> management.executeJob(job.getId()));
        }
    }

    /** The comments people wrote, without those automation rules add. */
    private List<String> commentsByPeople(long number) {
        return views.detail(number).orElseThrow().comments().stream()
                .filter(c -> !c.author().startsWith("automation rule")).map(c -> c.author() + ": " + c.text())
                .toList();
    }

    private IncidentRow incident(long number) {
        return context.getBean(IncidentStore.class).find(number).orElseThrow();
    }

    private List<String> triageStatuses(long number) {
        return jdbc.queryForList("SELECT a.triage_status FROM alert a JOIN correlation_decision d "
                + "ON d.system_alert_id = a.system_alert_id WHERE d.incident_number = ?", String.class, number);
    }

    @Test
    void everyNewIncidentWaitsAtTriageForTheAnalystsWithItsBriefingAndForm() throws Exception {
        long number = open(Severity.MEDIUM, 0);

        ProcessInstance instance = lifecycle(number);
        assertThat(instance).isWaitingAt("Triage").hasPassed("IncidentOpened", "EnrichIncident");
        assertThat(task()).hasCandidateGroup("soc-analysts");
        assertThat(tasks.createTaskQuery().processInstanceId(instance.getId()).initializeFormKeys().singleResult()
                .getCamundaFormRef().getKey()).isEqualTo("triage-incident");
        Map<String, Object> variables = runtime.getVariables(instance.getId());
        assertThat(variables).containsEntry("incidentNumber", number).containsEntry("severity", "Medium")
                .containsEntry("triageSla", "PT12H");
        assertThat((String) variables.get("alertsSummary")).contains(sample.get(0).alert().systemAlertId());
        assertThat((String) variables.get("incidentSummary")).contains("Incident " + number);
        String form = new String(engine.getFormService().getDeployedTaskForm(task().getId()).readAllBytes(),
                StandardCharsets.UTF_8);
        assertThat(form).contains("\"key\": \"triageOutcome\"", "\"required\": true", "\"key\": \"alertsSummary\"");
        assertThat(incident(number).status()).isEqualTo(IncidentStatus.New);
    }

    @Test
    void theAutomationRulesActOnANewIncidentAndAutoTriageRaisesACrownJewelToTheSocLeads() {
        int crownJewel = -1;
        for (int i = 0; i < sample.size() && crownJewel < 0; i++) {
            if (sample.get(i).alert().devices().stream().anyMatch(d -> "High".equals(d.importance()))) {
                crownJewel = i;
            }
        }
        long number = open(Severity.MEDIUM, crownJewel);
        ProcessInstance instance = lifecycle(number);
        assertThat(instance).isWaitingAt("Triage").hasPassed("ApplyAutomationRules");
        ProcessInstance autoTriage = runtime.createProcessInstanceQuery()
                .processDefinitionKey("playbook-auto-triage-by-importance")
                .processInstanceBusinessKey(Long.toString(number)).singleResult();

        runAsyncSteps(autoTriage);
        runAsyncSteps(instance);

        assertThat(autoTriage).isEnded().variables().containsEntry("triage", "escalated");
        IncidentRow incident = incident(number);
        assertThat(incident.severity()).isEqualTo(Severity.HIGH);
        assertThat(incident.tags()).contains("crown-jewel");
        assertThat(instance).hasPassed("NotifySocLeads");
        assertThat(task()).hasCandidateGroup("soc-leads");
        assertThat(views.detail(number).orElseThrow().comments()).extracting(c -> c.author() + ": " + c.text())
                .contains("automation rule 'Crown jewels and low-importance devices: auto-triage by device importance': "
                        + "Playbook playbook-auto-triage-by-importance started");
    }

    @Test
    void anEngineeringWorkstationGetsATaskBesideTheLifecycle() {
        int workstation = -1;
        for (int i = 0; i < sample.size() && workstation < 0; i++) {
            if (sample.get(i).alert().devices().stream().anyMatch(d -> "EWS".equals(d.type()))) {
                workstation = i;
            }
        }
        long number = open(Severity.LOW, workstation);

        Task added = tasks.createTaskQuery().taskVariableValueEquals(IncidentProcess.NUMBER, number).singleResult();
        assertThat(added.getName()).startsWith("Confirm the engineering workstation");
        assertThat(added).hasCandidateGroup("soc-analysts");
        assertThat(views.detail(number).orElseThrow().tasks()).extracting(IncidentDetail.OpenTask::name)
                .containsExactly("Triage incident", added.getName());
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("playbook-engineering-workstation-ticket")
                .processInstanceBusinessKey(Long.toString(number)).count()).isEqualTo(1);
    }

    @Test
    void everyJobOfTheLifecycleHasADueDateThatTheJobExecutorFindsThroughAnIndex() {
        long number = ledger.open(new NewIncident("Test incident", Severity.MEDIUM, List.of(), null,
                List.of(attached(sample.get(0), "create")))).number();
        Background.finish(context);

        List<Job> waiting = management.createJobQuery().processInstanceId(lifecycle(number).getId()).list();
        assertThat(waiting).isNotEmpty().allSatisfy(job -> assertThat(job.getDuedate()).isNotNull());
        List<String> indexes = jdbc.query("SELECT INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES "
                + "WHERE TABLE_NAME = 'ACT_RU_JOB'", (rs, n) -> rs.getString(1));
        assertThat(indexes).contains(JobAcquisitionByDueDate.INDEX);
    }

    @Test
    void aProcessReadsItsVariablesAndIsToldOfNewAlertsThroughItsExecutionEvenBeforeH2HasStatistics() {
        Map<String, List<String>> columns = Map.of("ACT_RU_VARIABLE", List.of("EXECUTION_ID_", "TASK_ID_", "NAME_"),
                "ACT_RU_EVENT_SUBSCR", List.of("EXECUTION_ID_", "EVENT_TYPE_", "EVENT_NAME_"));
        try {
            // what H2 assumes of every column of a table it has not analysed yet
            columns.forEach((table, names) -> names.forEach(c -> jdbc.execute(
                    "ALTER TABLE " + table + " ALTER COLUMN " + c + " SELECTIVITY 50")));

            String variables = jdbc.queryForObject("EXPLAIN SELECT * FROM ACT_RU_VARIABLE "
                    + "WHERE EXECUTION_ID_ = 'any' AND TASK_ID_ IS NULL AND NAME_ IN ('incidentNumber')", String.class);
            String subscriptions = jdbc.queryForObject("EXPLAIN SELECT ID_ FROM ACT_RU_EVENT_SUBSCR WHERE "
                    + "EXECUTION_ID_ = 'any' AND EVENT_TYPE_ = 'message' AND EVENT_NAME_ = '"
                    + IncidentProcess.ALERTS_ATTACHED + "'", String.class);

            assertThat(variables).contains(CamundaIndexesOnH2.VARIABLES_BY_EXECUTION);
            assertThat(subscriptions).contains(CamundaIndexesOnH2.SUBSCRIPTIONS_BY_EXECUTION);
        } finally {
            columns.keySet().forEach(table -> jdbc.execute("ANALYZE TABLE " + table));
        }
    }

    @Test
    void claimingTheTriageMakesTheIncidentActiveAndTheClaimerItsOwner() {
        long number = open(Severity.LOW, 0);
        Task triage = openTask(lifecycle(number), "Triage");

        tasks.claim(triage.getId(), "ana");

        IncidentRow incident = incident(number);
        assertThat(incident.status()).isEqualTo(IncidentStatus.Active);
        assertThat(incident.owner()).isEqualTo("ana");
        assertThat(incident.triagedAt()).isNotNull();
        assertThat(views.detail(number).orElseThrow().auditTrail())
                .extracting(e -> e.field() + ":" + e.oldValue() + "->" + e.newValue() + " by " + e.changedBy())
                .containsExactly("status:New->Active by ana", "owner:null->ana by ana");
    }

    @Test
    void aFalsePositiveAtTriageClosesTheIncidentAndItsAlerts() {
        long number = open(Severity.MEDIUM, 0, 1);
        ProcessInstance instance = lifecycle(number);
        Task triage = openTask(instance, "Triage");
        tasks.claim(triage.getId(), "ana");

        tasks.complete(triage.getId(), Map.of("triageOutcome", "falsePositive", "triageComment", "scanner test"));

        assertThat(instance).isEnded().hasPassed("CloseAtTriage", "ClosedAtTriage");
        IncidentRow incident = incident(number);
        assertThat(incident.status()).isEqualTo(IncidentStatus.Closed);
        assertThat(incident.classification()).hasToString("FalsePositive");
        assertThat(incident.closedAt()).isNotNull();
        assertThat(triageStatuses(number)).containsOnly("Closed").hasSize(2);
        assertThat(commentsByPeople(number)).containsExactly("ana: scanner test");
    }

    @Test
    void benignWithLearnAddsTheTrafficToTheBaseline() {
        long number = open(Severity.LOW, 2);
        ProcessInstance instance = lifecycle(number);
        Task triage = openTask(instance, "Triage");

        tasks.complete(triage.getId(), Map.of("triageOutcome", "benign", "learn", true));

        assertThat(instance).isEnded();
        assertThat(incident(number).classification()).hasToString("BenignPositive");
        assertThat(triageStatuses(number)).containsExactly("Learn");
        var alert = sample.get(2).alert();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM learned_baseline WHERE alert_name = ? AND "
                        + "source_address = ? AND destination_address = ?", Long.class, alert.alertName(),
                alert.details().sourceDeviceAddress(), alert.details().destinationDeviceAddress())).isEqualTo(1);
        assertThat(commentsByPeople(number)).containsExactly("watchfloor: Closed at triage as benign");
    }

    @Test
    void aTriageWithoutAnOutcomeIsRefusedAndStaysOpen() {
        long number = open(Severity.LOW, 0);
        Task triage = openTask(lifecycle(number), "Triage");

        assertThatThrownBy(() -> tasks.complete(triage.getId(), Map.of("triageOutcome", "maybe")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("'triageOutcome' must be one of");

        assertThat(lifecycle(number)).isWaitingAt("Triage");
    }

    @Test
    void anEscalatedIncidentIsInvestigatedRemediatedAndClosedWithAClassification() {
        long number = open(Severity.HIGH, 3);
        ProcessInstance instance = lifecycle(number);
        tasks.complete(openTask(instance, "Triage").getId(), Map.of("triageOutcome", "escalate"));

        assertThat(instance).isWaitingAt("ReviewEscalation");
        assertThat(task()).hasCandidateGroup("soc-leads");
        tasks.complete(openTask(instance, "ReviewEscalation").getId(), Map.of("triageOutcome", "investigate"));

        assertThat(instance).isWaitingAt("InvestigateSourceDevices", "InvestigateTechniques", "InvestigateSite",
                "InvestigateRelatedAlerts");
        tasks.complete(openTask(instance, "InvestigateSourceDevices").getId(), Map.of("deviceFindings", "PLC fine"));
        tasks.complete(openTask(instance, "InvestigateTechniques").getId(), Map.of("techniqueFindings", "T0855"));
        tasks.complete(openTask(instance, "InvestigateSite").getId(), Map.of("siteFindings", "night shift"));
        tasks.complete(openTask(instance, "InvestigateRelatedAlerts").getId(),
                Map.of("relatedAlertFindings", "none"));

        assertThat(instance).isWaitingAt("TakeRemediationAction");
        assertThat(task()).hasCandidateGroup("ot-engineers");
        assertThat((String) runtime.getVariable(instance.getId(), "remediationSteps")).isNotBlank();
        tasks.complete(openTask(instance, "TakeRemediationAction").getId(),
                Map.of("actionsTaken", "blocked the engineering station at the firewall"));

        assertThat(instance).isWaitingAt("ManageAlertStatus");
        tasks.complete(openTask(instance, "ManageAlertStatus").getId(), Map.of("classification", "TruePositive",
                "alertStatus", "Mute", "closingComment", "confirmed unauthorised change"));

        assertThat(instance).isEnded().hasPassed("CloseIncident", "IncidentClosed");
        IncidentRow incident = incident(number);
        assertThat(incident.status()).isEqualTo(IncidentStatus.Closed);
        assertThat(incident.classification()).hasToString("TruePositive");
        assertThat(triageStatuses(number)).containsExactly("Mute");
        assertThat(commentsByPeople(number)).extracting(c -> c.substring(c.indexOf(": ") + 2)).containsExactly(
                "Escalated to the SOC leads", "Investigate source devices: PLC fine",
                "Investigate related MITRE ATT&CK techniques: T0855",
                "Investigate site and geographic information: night shift", "Investigate related alerts: none",
                "Remediation actions taken: blocked the engineering station at the firewall",
                "confirmed unauthorised change");
    }

    @Test
    void anOverdueTriageEscalatesToTheSocLeadsAndMarksTheBreach() {
        long number = open(Severity.HIGH, 0);
        ProcessInstance instance = lifecycle(number);
        Job timer = management.createJobQuery().processInstanceId(instance.getId()).timers().singleResult();
        assertThat(Duration.between(Instant.now(), timer.getDuedate().toInstant()))
                .isBetween(Duration.ofMinutes(59), Duration.ofMinutes(61));

        management.executeJob(timer.getId());
        runAsyncSteps(instance);

        assertThat(instance).isWaitingAt("Triage").hasPassed("TriageSlaBreached");
        assertThat(task()).hasCandidateGroup("soc-analysts").hasCandidateGroup("soc-leads");
        IncidentDetail detail = views.detail(number).orElseThrow();
        assertThat(detail.incident().slaBreached()).isTrue();
        assertThat(detail.slaBreaches()).singleElement().satisfies(b -> {
            assertThat(b.stage()).isEqualTo("triage");
            assertThat(b.dueAfter()).isEqualTo("PT1H");
        });
    }

    @Test
    void anInformationalIncidentHasNoSla() {
        long number = open(Severity.INFORMATIONAL, 0);

        ProcessInstance instance = lifecycle(number);
        assertThat(instance).isWaitingAt("Triage").hasPassed("TriageNoSla");
        assertThat(management.createJobQuery().processInstanceId(instance.getId()).timers().count()).isZero();
    }

    @Test
    void anOverdueRemediationEscalatesAndTheWorkGoesOn() {
        long number = open(Severity.LOW, 0);
        ProcessInstance instance = lifecycle(number);
        tasks.complete(openTask(instance, "Triage").getId(), Map.of("triageOutcome", "investigate"));
        for (String key : List.of("InvestigateSourceDevices", "InvestigateTechniques", "InvestigateSite",
                "InvestigateRelatedAlerts")) {
            Task investigation = openTask(instance, key);
            tasks.complete(investigation.getId(), Map.of(findingsOf(key), "checked"));
        }
        Job timer = management.createJobQuery().processInstanceId(instance.getId()).timers().singleResult();
        assertThat(Duration.between(Instant.now(), timer.getDuedate().toInstant()))
                .isBetween(Duration.ofHours(23), Duration.ofHours(25));

        management.executeJob(timer.getId());
        runAsyncSteps(instance);

        assertThat(instance).isWaitingAt("TakeRemediationAction").hasPassed("RemediationSlaBreached");
        assertThat(task()).hasCandidateGroup("soc-leads");
        assertThat(views.detail(number).orElseThrow().slaBreaches()).extracting(b -> b.stage())
                .containsExactly("remediation");
    }

    private static String findingsOf(String key) {
        return switch (key) {
            case "InvestigateSourceDevices" -> "deviceFindings";
            case "InvestigateTechniques" -> "techniqueFindings";
            case "InvestigateSite" -> "siteFindings";
            default -> "relatedAlertFindings";
        };
    }

    @Test
    void alertsAttachedWithinTheIntervalAreToldTogetherWhenTheBackgroundWorkIsFinished() throws Exception {
        long number = open(Severity.LOW, 0);
        ProcessInstance instance = lifecycle(number);

        ledger.attach(number, List.of(attached(sample.get(4), "first burst")), Severity.LOW, List.of());
        assertThat(starter.waitingForInterval()).doesNotContain(number);
        ledger.attach(number, List.of(attached(sample.get(5), "second burst")), Severity.LOW, List.of());
        assertThat(starter.waitingForInterval()).contains(number);
        runAsyncSteps(instance);
        assertThat(newAlertNotices(instance)).isEqualTo(1);

        Background.finish(context);
        runAsyncSteps(instance);

        assertThat(starter.waitingForInterval()).doesNotContain(number);
        assertThat(newAlertNotices(instance)).isEqualTo(2);
        assertThat((String) runtime.getVariable(instance.getId(), "alertsSummary"))
                .contains(sample.get(5).alert().systemAlertId());
    }

    private long newAlertNotices(ProcessInstance instance) {
        return history.createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
                .activityId("NotifyNewAlerts").finished().count();
    }

    @Test
    void newAlertsShowInTheFormsAndARaiseToHighGoesToTheSocLeads() {
        long number = open(Severity.LOW, 0);
        ProcessInstance instance = lifecycle(number);

        ledger.attach(number, List.of(attached(sample.get(4), "attach")), Severity.HIGH, List.of());
        Background.finish(context);
        runAsyncSteps(instance);

        assertThat(instance).isWaitingAt("Triage").hasPassed("NotifyNewAlerts", "NotifySocLeads");
        assertThat((String) runtime.getVariable(instance.getId(), "alertsSummary"))
                .contains(sample.get(4).alert().systemAlertId());
        assertThat(runtime.getVariable(instance.getId(), "severity")).isEqualTo("High");
        assertThat(task()).hasCandidateGroup("soc-leads");
        assertThat(views.detail(number).orElseThrow().auditTrail())
                .extracting(e -> e.field() + ":" + e.oldValue() + "->" + e.newValue() + " by " + e.changedBy())
                .contains("severity:Low->High by correlation");
    }

    @Test
    void aReopenedIncidentStartsANewProcessAndKeepsItsHistory() {
        long number = open(Severity.LOW, 0);
        ProcessInstance first = lifecycle(number);
        tasks.complete(openTask(first, "Triage").getId(), Map.of("triageOutcome", "falsePositive"));
        assertThat(first).isEnded();

        ledger.reopen(number, attached(sample.get(5), "reopen"), Severity.LOW, List.of());
        Background.finish(context);

        ProcessInstance second = lifecycle(number);
        runAsyncSteps(second);
        assertThat(second).isWaitingAt("Triage");
        assertThat(second.getId()).isNotEqualTo(first.getId());
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(Long.toString(number))
                .processDefinitionKey(IncidentProcess.KEY).count()).isEqualTo(2);
        assertThat(incident(number).status()).isEqualTo(IncidentStatus.Active);
    }
}
