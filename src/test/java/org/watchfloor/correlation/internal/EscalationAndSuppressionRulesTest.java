package org.watchfloor.correlation.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.watchfloor.correlation.internal.RuleTestSupport.run;
import static org.watchfloor.correlation.internal.RuleTestSupport.settings;
import static org.watchfloor.correlation.internal.TestAlerts.T0;
import static org.watchfloor.correlation.internal.TestAlerts.ot;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchfloor.alerts.SecurityAlert;
import org.watchfloor.alerts.Severity;

/** rules/correlation/escalation.drl and rules/suppression: what raises severity and what opens nothing. */
class EscalationAndSuppressionRulesTest {

    @TempDir
    Path scratch;

    @Test
    void anAlertOnADeviceOfHighImportanceIsRaisedOneStep() throws Exception {
        SecurityAlert alert = ot("ARP Spoofing", Severity.LOW, "10.0.0.1", "10.0.0.2", T0, "High");

        var incident = run(RuleTestSupport.projectRules(), settings(), alert).incidentOf(alert);

        assertThat(incident.severity).isEqualTo(Severity.MEDIUM);
        assertThat(incident.rules).contains("Escalate: a device of High importance is involved");
    }

    @Test
    void anAlertOnACrownJewelIsRaisedAndTagged() throws Exception {
        RuleSet rules = RuleTestSupport.projectRulesWith(scratch, Watchlists.CROWN_JEWELS,
                "device,reason\n10.0.0.2,safety PLC of line A\n");
        SecurityAlert alert = ot("ARP Spoofing", Severity.MEDIUM, "10.0.0.1", "10.0.0.2", T0);

        var result = run(rules, settings(), alert);

        assertThat(result.incidentOf(alert).severity).isEqualTo(Severity.HIGH);
        assertThat(result.incidentOf(alert).tags).contains("crown-jewel");
        assertThat(result.outcomes().get(0).explanation().hits()).anySatisfy(h ->
                assertThat(h.matched()).anySatisfy(m -> assertThat(m).contains("crown jewel 10.0.0.2")));
    }

    @Test
    void anAlertRepeatedBeyondTheThresholdRaisesItsIncident() throws Exception {
        List<SecurityAlert> alerts = new ArrayList<>();
        for (int i = 0; i <= 10; i++) {
            alerts.add(ot("Modbus Exception", Severity.LOW, "10.0.0.1", "10.0.0.2", T0.plus(Duration.ofMinutes(i))));
        }

        var result = run(RuleTestSupport.projectRules(), settings(), alerts.toArray(SecurityAlert[]::new));

        assertThat(result.incidents()).singleElement().satisfies(i -> {
            assertThat(i.severity).isEqualTo(Severity.MEDIUM);
            assertThat(i.tags).contains("repeated");
        });
        assertThat(result.outcomes().get(9).explanation().hits()).extracting(h -> h.rule())
                .doesNotContain("Escalate: the same alert keeps repeating");
        assertThat(result.outcomes().get(10).explanation().hits()).extracting(h -> h.rule())
                .contains("Escalate: the same alert keeps repeating");
    }

    @Test
    void anAlertDuringAMaintenanceWindowIsSuppressedWithTheReason() throws Exception {
        RuleSet rules = RuleTestSupport.projectRulesWith(scratch, Watchlists.MAINTENANCE_WINDOWS,
                "site,device,start,end,reason\n"
                        + "Plant Rotterdam,10.0.0.2,2026-11-01T07:00:00Z,2026-11-01T09:00:00Z,\"firmware update, line A\"\n");
        SecurityAlert during = ot("Firmware Version Changed", Severity.MEDIUM, "10.0.0.1", "10.0.0.2", T0);
        SecurityAlert after = ot("Firmware Version Changed", Severity.MEDIUM, "10.0.0.1", "10.0.0.2",
                T0.plus(Duration.ofHours(2)));

        var result = run(rules, settings(), during, after);

        assertThat(result.incidentOf(during)).isNull();
        assertThat(result.unattached()).singleElement().satisfies(e -> {
            assertThat(e.systemAlertId()).isEqualTo(during.systemAlertId());
            assertThat(e.outcome()).isEqualTo("suppressed");
            assertThat(e.reason()).contains("maintenance window", "firmware update, line A");
        });
        assertThat(result.incidentOf(after)).isNotNull();
    }

    @Test
    void aMaintenanceWindowThatClosesLetsTheIncidentOpenTaggedForClosing() throws Exception {
        RuleSet rules = RuleTestSupport.projectRulesWith(scratch, Watchlists.MAINTENANCE_WINDOWS,
                "site,device,start,end,reason,action\n"
                        + "Plant Rotterdam,,2026-11-01T07:00:00Z,2026-11-01T09:00:00Z,line A shutdown,close\n");
        SecurityAlert during = ot("Firmware Version Changed", Severity.MEDIUM, "10.0.0.1", "10.0.0.2", T0);

        var result = run(rules, settings(), during);

        assertThat(result.incidentOf(during)).isNotNull();
        assertThat(result.incidentOf(during).tags).contains("maintenance-window");
        assertThat(result.outcomes().get(0).explanation().hits()).anySatisfy(h -> {
            assertThat(h.rule()).isEqualTo("Auto-close: alert during a maintenance window that closes its incidents");
            assertThat(h.matched().toString()).contains("line A shutdown");
        });
    }

    @Test
    void anUnknownMaintenanceActionIsRefusedWithItsLine() {
        assertThatThrownBy(() -> RuleTestSupport.projectRulesWith(scratch, Watchlists.MAINTENANCE_WINDOWS,
                "site,device,start,end,reason,action\n"
                        + "Plant Rotterdam,,2026-11-01T07:00:00Z,2026-11-01T09:00:00Z,shutdown,ignore\n"))
                .hasMessageContaining("maintenance-windows.csv:2").hasMessageContaining("action must be");
    }
}
