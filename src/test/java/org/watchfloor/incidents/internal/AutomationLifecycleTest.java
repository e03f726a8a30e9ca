package org.watchfloor.incidents.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.watchfloor.incidents.internal.TestIncidents.attached;

import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
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
 * Automation rules that change incidents, run by the lifecycle: on a rules folder of the test's own (see
 * {@code src/test/resources/automation-rules}) and a database of its own.
 */
@WatchfloorTest
class AutomationLifecycleTest {

    @DynamicPropertySource
    static void testRules(DynamicPropertyRegistry registry) {
        registry.add("watchfloor.rules.dir", () -> "src/test/resources/automation-rules");
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:watchfloor-automation;DB_CLOSE_DELAY=-1");
    }

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
    IncidentStore incidents;
    @Autowired
    IncidentViews views;

    private List<StoredAlert> sample;

    @BeforeEach
    void sample() {
        BpmnAwareTests.init(engine);
        TestIncidents.wipeIncidentsKeepingSample(context);
        sample = alerts.search(AlertFilter.ALL, 0, 10);
    }

    private long open(String title, int alert) {
        long number = ledger.open(new NewIncident(title, Severity.LOW, List.of(), null,
                List.of(attached(sample.get(alert), "create")))).number();
        Background.finish(context);
        runAsyncSteps(lifecycle(number));
        return number;
    }

    /** Runs the asynchronous steps waiting in the process, as the job executor would. */
    private void runAsyncSteps(ProcessInstance instance) {
        ManagementService management = engine.getManagementService();
        management.createJobQuery().processInstanceId(instance.getId()).messages().list()
                .forEach(job -> management.executeJob(job.getId()));
    }

    private ProcessInstance lifecycle(long number) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(IncidentProcess.KEY)
                .processInstanceBusinessKey(Long.toString(number)).singleResult();
    }

    @Test
    void aRuleThatClosesEndsTheLifecycleBeforeTriage() {
        long number = open("Scanner trial", 0);

        IncidentRow incident = incidents.find(number).orElseThrow();
        assertThat(incident.status()).isEqualTo(IncidentStatus.Closed);
        assertThat(incident.classification()).hasToString("BenignPositive");
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(Long.toString(number)).count())
                .isZero();
        assertThat(views.detail(number).orElseThrow().comments()).extracting(c -> c.author() + ": " + c.text())
                .containsExactly("automation rule 'Scanner alerts are closed during the scanner trial': "
                        + "the vulnerability scanner trial runs this week");
    }

    @Test
    void aRuleAssignsTagsAndRaisesBeforeTriageWithTheHighSla() {
        long number = open("Plant incident", 1);

        ProcessInstance instance = lifecycle(number);
        assertThat(instance).isWaitingAt("Triage");
        IncidentRow incident = incidents.find(number).orElseThrow();
        assertThat(incident.owner()).isEqualTo("pieter");
        assertThat(incident.tags()).containsExactly("plant");
        assertThat(incident.severity()).isEqualTo(Severity.HIGH);
        assertThat(incident.status()).isEqualTo(IncidentStatus.New);
        assertThat(runtime.getVariable(instance.getId(), "triageSla")).isEqualTo("PT1H");
        assertThat(views.detail(number).orElseThrow().auditTrail()).extracting(e -> e.field() + " by " + e.changedBy())
                .containsExactly("owner by automation rule 'Plant incidents go to the plant's analyst'",
                        "tags by automation rule 'Plant incidents go to the plant's analyst'",
                        "severity by automation rule 'Plant incidents go to the plant's analyst'");
    }

    @Test
    void alertsJoiningAnIncidentTriggerTheUpdateRules() {
        long number = open("Some incident", 2);
        ProcessInstance instance = lifecycle(number);

        ledger.attach(number, List.of(attached(sample.get(3), "attach")), Severity.LOW, List.of());
        Background.finish(context);
        runAsyncSteps(instance);

        assertThat(instance).hasPassed("ApplyAutomationRulesOnUpdate").isWaitingAt("Triage");
        assertThat(incidents.find(number).orElseThrow().tags()).containsExactly("growing");
    }
}
