package org.watchfloor.correlation.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.watchfloor.correlation.internal.RuleTestSupport.run;
import static org.watchfloor.correlation.internal.RuleTestSupport.settings;
import static org.watchfloor.correlation.internal.TestAlerts.T0;
import static org.watchfloor.correlation.internal.TestAlerts.it;
import static org.watchfloor.correlation.internal.TestAlerts.ot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.watchfloor.alerts.SecurityAlert;
import org.watchfloor.alerts.Severity;
import org.watchfloor.correlation.rules.Settings;
import org.watchfloor.incidents.IncidentSnapshot;
import org.watchfloor.incidents.IncidentStatus;

/** rules/correlation: grouping into open incidents, reopening, the cap, multistage IT/OT chains. */
class CorrelationRulesTest {

    static RuleSet rules;

    @BeforeAll
    static void build() throws Exception {
        rules = RuleTestSupport.projectRules();
    }

    private static Settings withReopenWindow(Duration reopen, int cap) {
        return new Settings(true, Severity.INFORMATIONAL, List.of(), List.of(), "name-and-entity",
                Duration.ofHours(24), reopen, cap, Duration.ofHours(24), 10);
    }

    @Test
    void theSameAlertBetweenTheSameDevicesJoinsTheOpenIncidentWithinTheLookback() {
        SecurityAlert first = ot("Unauthorized PLC Programming", Severity.HIGH, "10.0.0.1", "10.0.0.2", T0);
        SecurityAlert again = ot("Unauthorized PLC Programming", Severity.HIGH, "10.0.0.1", "10.0.0.2",
                T0.plus(Duration.ofHours(23)));
        SecurityAlert tooLate = ot("Unauthorized PLC Programming", Severity.HIGH, "10.0.0.1", "10.0.0.2",
                T0.plus(Duration.ofHours(48)));

        var result = run(rules, settings(), first, again, tooLate);

        assertThat(result.incidentOf(again)).isSameAs(result.incidentOf(first));
        assertThat(result.incidentOf(tooLate)).isNotSameAs(result.incidentOf(first));
        assertThat(result.outcomes().get(1).explanation().hits()).extracting(h -> h.rule())
                .contains("Group: join an open incident within the lookback");
    }

    @Test
    void anotherAlertNameOrUnrelatedDevicesOpenTheirOwnIncident() {
        SecurityAlert first = ot("Unauthorized PLC Programming", Severity.HIGH, "10.0.0.1", "10.0.0.2", T0);
        SecurityAlert otherName = ot("ARP Spoofing", Severity.HIGH, "10.0.0.1", "10.0.0.2", T0.plusSeconds(60));
        SecurityAlert otherDevices = ot("Unauthorized PLC Programming", Severity.HIGH, "10.0.9.1", "10.0.9.2",
                T0.plusSeconds(120));

        var result = run(rules, settings(), first, otherName, otherDevices);

        assertThat(result.incidents()).hasSize(3);
    }

    @Test
    void aLateAlertJoinsTheIncidentItWouldHaveJoinedInOrder() {
        SecurityAlert later = ot("Unauthorized PLC Programming", Severity.HIGH, "10.0.0.1", "10.0.0.2", T0);
        SecurityAlert earlier = ot("Unauthorized PLC Programming", Severity.HIGH, "10.0.0.1", "10.0.0.2",
                T0.minus(Duration.ofMinutes(15)));

        var result = run(rules, settings(), later, earlier);

        assertThat(result.incidents()).singleElement().satisfies(i -> assertThat(i.alertIds).hasSize(2));
    }

    @Test
    void aFullIncidentTakesNoMoreAlertsAndTheNextStartsANewOne() {
        List<SecurityAlert> alerts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            alerts.add(ot("Modbus Exception", Severity.LOW, "10.0.0.1", "10.0.0.2", T0.plusSeconds(i)));
        }

        var result = run(rules, withReopenWindow(Duration.ZERO, 3), alerts.toArray(SecurityAlert[]::new));

        assertThat(result.incidents()).extracting(i -> i.alertIds.size()).containsExactly(3, 2);
    }

    @Test
    void theSameAlertIsDecidedOnceAndNeverAttachesTwice() {
        SecurityAlert alert = ot("Modbus Exception", Severity.LOW, "10.0.0.1", "10.0.0.2", T0);

        var result = run(rules, settings(), alert, alert);

        assertThat(result.outcomes()).extracting(Outcome::kind)
                .containsExactly(Outcome.Kind.OPENED, Outcome.Kind.ALREADY_DECIDED);
        assertThat(result.incidents()).singleElement().satisfies(i -> assertThat(i.alertIds).hasSize(1));
    }

    @Test
    void aClosedIncidentIsReopenedWithinTheReopenWindow() {
        ReplayLedger ledger = new ReplayLedger(Replay.Findings.NONE);
        SecurityAlert first = ot("Modbus Exception", Severity.LOW, "10.0.0.1", "10.0.0.2", T0);
        SecurityAlert again = ot("Modbus Exception", Severity.LOW, "10.0.0.1", "10.0.0.2", T0.plusSeconds(3600));
        try (CorrelationEngine engine = new CorrelationEngine(rules, withReopenWindow(Duration.ofHours(2), 150),
                ledger, RuleTestSupport.CLOCK)) {
            long number = engine.decide(Sighting.of(first)).incidentNumber();
            var snapshot = ledger.snapshot(number).orElseThrow();
            engine.restore(List.of(new IncidentSnapshot(number, snapshot.title(), snapshot.severity(),
                    IncidentStatus.Closed, snapshot.tags(), snapshot.entityKeys(), snapshot.alertNameCounts(),
                    snapshot.alertCount(), snapshot.firstActivity(), snapshot.lastActivity(), T0.plusSeconds(600),
                    null)), List.of(), Set.of());

            Outcome outcome = engine.decide(Sighting.of(again));

            assertThat(outcome.kind()).isEqualTo(Outcome.Kind.REOPENED);
            assertThat(outcome.incidentNumber()).isEqualTo(number);
        }
    }

    @Test
    void anIncidentNoAlertCanReachAnyMoreIsLetGoOfOnceTheAlertsHaveMovedPastTheLookback() {
        List<Long> letGo = new ArrayList<>();
        SecurityAlert early = ot("Unauthorized PLC Programming", Severity.HIGH, "10.0.0.1", "10.0.0.2", T0);
        try (CorrelationEngine engine = new CorrelationEngine(rules, settings(), new ReplayLedger(
                Replay.Findings.NONE), RuleTestSupport.CLOCK, letGo::add)) {
            long number = engine.decide(Sighting.of(early)).incidentNumber();
            Set<Long> later = new HashSet<>();
            for (int i = 0; i < 10_000; i++) {
                SecurityAlert alert = ot("Modbus Exception", Severity.LOW, "10.0.1." + i % 200, "10.0.0.9",
                        T0.plus(Duration.ofDays(2)).plusSeconds(i));
                later.add(engine.decide(Sighting.of(alert)).incidentNumber());
            }

            assertThat(letGo).containsExactly(number);
            assertThat(later).doesNotContain(number);
        }
    }

    @Test
    void otAlertsFromAHostAnItAlertFlaggedMakeOneHighMultistageIncidentWithTheItAlert() {
        SecurityAlert powershell = it("Suspicious PowerShell command line", "ews-01", "10.0.0.13", T0);
        SecurityAlert ssh = ot("Unauthorized SSH Access", Severity.MEDIUM, "10.0.0.13", "10.0.0.10",
                T0.plus(Duration.ofMinutes(29)));
        SecurityAlert programming = ot("Unauthorized PLC Programming", Severity.HIGH, "10.0.0.13", "10.0.0.10",
                T0.plus(Duration.ofMinutes(37)));
        SecurityAlert stop = ot("An S7 Stop PLC Command was Sent", Severity.LOW, "10.0.0.13", "10.0.0.10",
                T0.plus(Duration.ofMinutes(52)));
        SecurityAlert unrelated = ot("Unauthorized SSH Access", Severity.MEDIUM, "10.0.0.50", "10.0.0.60",
                T0.plus(Duration.ofMinutes(53)));

        var result = run(rules, settings(), powershell, ssh, programming, stop, unrelated);

        var incident = result.incidentOf(ssh);
        assertThat(incident.alertIds).containsExactly(powershell.systemAlertId(), ssh.systemAlertId(),
                programming.systemAlertId(), stop.systemAlertId());
        assertThat(incident.severity).isEqualTo(Severity.HIGH);
        assertThat(incident.tags).contains("multistage");
        assertThat(incident.title).isEqualTo("(MDIoT) Multistage IT/OT attack from 10.0.0.13");
        assertThat(result.incidentOf(unrelated)).isNotSameAs(incident);
    }

    @Test
    void otAlertsAfterTheMultistageWindowAreNoLongerPartOfTheChain() {
        SecurityAlert powershell = it("Suspicious PowerShell command line", "ews-01", "10.0.0.13", T0);
        SecurityAlert late = ot("Unauthorized SSH Access", Severity.MEDIUM, "10.0.0.13", "10.0.0.10",
                T0.plus(Duration.ofHours(25)));

        var result = run(rules, settings(), powershell, late);

        assertThat(result.incidentOf(late).tags).doesNotContain("multistage");
        assertThat(result.incidentOf(powershell)).isNull();
    }
}
