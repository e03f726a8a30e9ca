package org.watchfloor.correlation.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.watchfloor.correlation.internal.RuleTestSupport.run;
import static org.watchfloor.correlation.internal.RuleTestSupport.settings;
import static org.watchfloor.correlation.internal.TestAlerts.T0;
import static org.watchfloor.correlation.internal.TestAlerts.it;
import static org.watchfloor.correlation.internal.TestAlerts.ot;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.watchfloor.alerts.SecurityAlert;
import org.watchfloor.alerts.Severity;
import org.watchfloor.correlation.rules.Settings;

/** rules/creation: which alerts open an incident, with what title and severity. */
class CreationRulesTest {

    static RuleSet rules;

    @BeforeAll
    static void build() throws Exception {
        rules = RuleTestSupport.projectRules();
    }

    @Test
    void everyDefenderAlertOpensAnIncidentOfItsOwnByDefault() {
        SecurityAlert a = ot("ARP Spoofing", Severity.MEDIUM, "10.0.0.1", "10.0.0.2", T0);
        SecurityAlert b = ot("ARP Spoofing", Severity.MEDIUM, "10.0.0.3", "10.0.0.4", T0.plusSeconds(60));

        var result = run(rules, settings(), a, b);

        assertThat(result.incidents()).hasSize(2).allSatisfy(i -> {
            assertThat(i.title).isEqualTo("ARP Spoofing");
            assertThat(i.severity).isEqualTo(Severity.MEDIUM);
            assertThat(i.rules).contains("Microsoft Security: an incident for every Defender for IoT alert");
        });
    }

    @Test
    void anAnalyticsRuleTitlesTheIncidentAndLiftsItToTheRuleSeverity() {
        SecurityAlert stop = ot("An S7 Stop PLC Command was Sent", Severity.LOW, "10.0.0.1", "10.0.0.2", T0);

        var incident = run(rules, settings(), stop).incidentOf(stop);

        assertThat(incident.title).isEqualTo("(MDIoT) An S7 Stop PLC Command was Sent");
        assertThat(incident.severity).isEqualTo(Severity.MEDIUM);
        assertThat(incident.rules).contains("Defender for IoT: PLC stop command");
    }

    @Test
    void allFifteenDefenderForIotAnalyticsRulesAreThere() {
        assertThat(rules.kieBase().getKiePackage("creation").getRules())
                .filteredOn(r -> r.getName().startsWith("Defender for IoT: ")).hasSize(15)
                .allSatisfy(r -> assertThat(r.getMetaData()).containsKey("technique"));
    }

    @Test
    void anItAlertNeverOpensAnOtIncidentOnItsOwn() {
        var result = run(rules, settings(), it("Suspicious PowerShell command line", "ews-01", "10.0.0.9", T0));

        assertThat(result.incidents()).isEmpty();
        assertThat(result.outcomes()).singleElement()
                .satisfies(o -> assertThat(o.kind()).isEqualTo(Outcome.Kind.NO_INCIDENT));
    }

    @Test
    void theMicrosoftSecurityRuleFiltersBySeverityAndName() {
        Settings filtered = new Settings(true, Severity.MEDIUM, List.of(), List.of("ARP Spoofing"),
                "name-and-entity", Duration.ofHours(24), Duration.ZERO, 150, Duration.ofHours(24), 10);
        SecurityAlert low = ot("Modbus Exception", Severity.LOW, "10.0.0.1", "10.0.0.2", T0);
        SecurityAlert excluded = ot("ARP Spoofing", Severity.HIGH, "10.0.0.1", "10.0.0.2", T0);
        SecurityAlert kept = ot("Modbus Exception", Severity.MEDIUM, "10.0.0.5", "10.0.0.6", T0);

        var result = run(rules, filtered, low, excluded, kept);

        assertThat(result.incidentOf(low)).isNull();
        assertThat(result.incidentOf(excluded)).isNull();
        assertThat(result.incidentOf(kept)).isNotNull();
        assertThat(result.unattached()).extracting(e -> e.reason()).containsOnly("no creation rule matched");
    }

    @Test
    void withTheMicrosoftSecurityRuleOffOnlyAnalyticsRulesOpenIncidents() {
        Settings off = new Settings(false, Severity.INFORMATIONAL, List.of(), List.of(), "name-and-entity",
                Duration.ofHours(24), Duration.ZERO, 150, Duration.ofHours(24), 10);
        SecurityAlert arp = ot("ARP Spoofing", Severity.HIGH, "10.0.0.1", "10.0.0.2", T0);
        SecurityAlert scan = ot("Address Scan Detected", Severity.HIGH, "10.0.0.1", "10.0.0.2", T0);

        var result = run(rules, off, arp, scan);

        assertThat(result.incidentOf(arp)).isNull();
        assertThat(result.incidentOf(scan).title).isEqualTo("(MDIoT) Address Scan Detected");
    }
}
