package org.watchfloor.correlation.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchfloor.alerts.IotDevice;
import org.watchfloor.alerts.Severity;
import org.watchfloor.incidents.IncidentStatus;
import org.watchfloor.incidents.automation.AutomationAction;
import org.watchfloor.incidents.automation.AutomationTrigger;
import org.watchfloor.incidents.automation.TriggeredIncident;

/** The automation rules of {@code rules/automation}, and how rule order and expiry work, on incidents as triggered. */
class AutomationRulesTest {

    private static DroolsAutomationRules rules(Path dir) {
        RulesProperties properties = new RulesProperties(dir, Duration.ZERO);
        return new DroolsAutomationRules(new ActiveRules(new RuleSets(new RuleSetCompiler(RuleTestSupport.CLOCK),
                properties), properties, RuleTestSupport.CLOCK), RuleTestSupport.CLOCK);
    }

    private static IotDevice device(String name, String type, String importance) {
        return new IotDevice("d-" + name, name, type, null, "Siemens", "S7-1500", "00:1b:1b:00:00:01", "10.10.1.20",
                "Plant Rotterdam", "Line A", "sensor-rtm-1", importance, "1", List.of(), true, false, false, null);
    }

    private static TriggeredIncident incident(AutomationTrigger trigger, IncidentStatus status, Set<String> tags,
                                              Set<String> changes, IotDevice... devices) {
        return new TriggeredIncident(trigger, 7, "(MDIoT) Unauthorized PLC programming", Severity.MEDIUM, status,
                null, null, tags, List.of("Plant Rotterdam"), Set.of("Unauthorized PLC programming"),
                List.of(devices), null, changes);
    }

    private static List<String> described(List<AutomationAction> actions) {
        return actions.stream().map(a -> a.kind() + " " + a.value()).toList();
    }

    @Test
    void anIncidentOnOtDevicesIsAutoTriagedByTheirImportance() {
        List<AutomationAction> actions = rules(RuleTestSupport.RULES).evaluate(incident(AutomationTrigger.CREATED,
                IncidentStatus.New, Set.of(), Set.of(), device("plc-rtm-01", "PLC", "High")));

        assertThat(described(actions)).containsExactly("RUN_PLAYBOOK playbook-auto-triage-by-importance");
        assertThat(actions.get(0).rule()).isEqualTo("Crown jewels and low-importance devices: auto-triage by device importance");
    }

    @Test
    void anEngineeringWorkstationOpensATicketAndAMultistageAttackMailsOwnersAndContacts() {
        List<AutomationAction> actions = rules(RuleTestSupport.RULES).evaluate(incident(AutomationTrigger.CREATED,
                IncidentStatus.New, Set.of("multistage"), Set.of(), device("ews-rtm-02", "EWS", "Normal")));

        assertThat(described(actions)).containsExactly(
                "ADD_TASK Confirm the engineering workstation in this incident is authorised to program the controllers",
                "RUN_PLAYBOOK playbook-engineering-workstation-ticket", "RUN_PLAYBOOK playbook-mail-device-owner",
                "RUN_PLAYBOOK playbook-mail-sensor-contacts");
    }

    @Test
    void anIncidentOpenedInAMaintenanceWindowThatClosesIsClosedFirst() {
        List<AutomationAction> actions = rules(RuleTestSupport.RULES).evaluate(incident(AutomationTrigger.CREATED,
                IncidentStatus.New, Set.of("maintenance-window"), Set.of(), device("plc-rtm-01", "PLC", "Normal")));

        assertThat(described(actions)).containsExactly("CLOSE BenignPositive");
        assertThat(actions.get(0).comment()).contains("maintenance window");
    }

    @Test
    void closingAnIncidentSyncsTheAlertStatusButACommentDoesNot() {
        DroolsAutomationRules rules = rules(RuleTestSupport.RULES);

        assertThat(described(rules.evaluate(incident(AutomationTrigger.UPDATED, IncidentStatus.Closed, Set.of(),
                Set.of("status", "classification"))))).containsExactly("RUN_PLAYBOOK playbook-alert-status-sync");
        assertThat(rules.evaluate(incident(AutomationTrigger.UPDATED, IncidentStatus.Closed, Set.of(),
                Set.of("comment")))).isEmpty();
    }

    @Test
    void rulesActInTheirOrderAndAnExpiredRuleTakesNoAction(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("automation"));
        Files.writeString(dir.resolve("automation/maintenance.drl"), """
                package automation
                import org.watchfloor.incidents.automation.*;
                global AutomationActions actions;

                rule "Tag Plant Rotterdam" @order(50)
                when TriggeredIncident( created, isAtSite("plant rotterdam") )
                then actions.addTag("rotterdam"); end

                rule "Close during the line A maintenance" @order(5) @expiresAt("2099-01-01T00:00:00Z")
                when TriggeredIncident( created, isAtSite("Plant Rotterdam") )
                then actions.close("BenignPositive", "planned maintenance on line A"); end

                rule "Close during last year's maintenance" @order(1) @expiresAt("2020-01-01T00:00:00Z")
                when TriggeredIncident( created )
                then actions.close("FalsePositive", "old window"); end
                """);

        List<AutomationAction> actions = rules(dir).evaluate(incident(AutomationTrigger.CREATED, IncidentStatus.New,
                Set.of(), Set.of()));

        assertThat(described(actions)).containsExactly("CLOSE BenignPositive", "ADD_TAG rotterdam");
        assertThat(actions.get(0).comment()).isEqualTo("planned maintenance on line A");
    }

    @Test
    void anUnreadableExpiryIsReportedWithTheRuleName(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("automation"));
        Files.writeString(dir.resolve("automation/broken.drl"), """
                package automation
                import org.watchfloor.incidents.automation.*;
                global AutomationActions actions;
                rule "Maintenance" @expiresAt("next tuesday")
                when TriggeredIncident( ) then actions.addTag("x"); end
                """);

        assertThatThrownBy(() -> rules(dir).evaluate(incident(AutomationTrigger.CREATED, IncidentStatus.New,
                Set.of(), Set.of()))).hasMessageContaining("'Maintenance'").hasMessageContaining("ISO-8601");
    }
}
