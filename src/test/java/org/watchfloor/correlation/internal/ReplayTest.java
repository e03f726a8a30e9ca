package org.watchfloor.correlation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.watchfloor.SharedData;
import org.watchfloor.WatchfloorTest;
import org.watchfloor.alerts.AlertReader;
import org.watchfloor.alerts.SecurityAlert;
import org.watchfloor.cli.Command;

/** Replay as a SOC lead runs it: a file of past alerts through a rules folder, nothing stored. */
@WatchfloorTest
class ReplayTest {

    @Autowired
    ReplayCommand replay;
    @Autowired
    ObjectMapper json;
    @Autowired
    List<Command> commands;
    @Autowired
    AlertReader reader;
    @Autowired
    RuleSets ruleSets;
    @Autowired
    CorrelationProperties properties;
    @Autowired
    Clock clock;

    @TempDir
    Path scratch;

    private JsonNode run(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = replay.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return json.readTree(out.toByteArray());
    }

    @Test
    void theJsonAnswerHoldsIncidentsSuppressionsRejectionsAndRuleHits() throws Exception {
        JsonNode result = run(SharedData.path(SharedData.EDGE_CASES).toString(), "--format", "json");

        assertThat(result.fieldNames()).toIterable()
                .containsExactly("incidents", "suppressed", "rejected", "ruleHits");
        assertThat(result.get("rejected").asInt()).isEqualTo(3);
        Set<String> seen = new HashSet<>();
        for (JsonNode incident : result.get("incidents")) {
            assertThat(incident.fieldNames()).toIterable()
                    .contains("title", "severity", "tags", "alertIds", "rules");
            incident.get("alertIds").forEach(id -> assertThat(seen.add(id.asText())).isTrue());
        }
        assertThat(result.get("ruleHits").get("Microsoft Security: an incident for every Defender for IoT alert")
                .asInt()).isPositive();
    }

    @Test
    void comparingWithAnotherRulesFolderShowsWhatChanges() throws Exception {
        RuleTestSupport.copy(RuleTestSupport.RULES, scratch);
        Files.writeString(scratch.resolve("watchlists/maintenance-windows.csv"),
                "site,device,start,end,reason\nPlant Rotterdam,,2026-10-01T00:00:00Z,2026-12-01T00:00:00Z,shutdown\n");

        JsonNode result = run(SharedData.path(SharedData.SAMPLE).toString(), "--rules", "rules",
                "--compare", scratch.toString(), "--format", "json");

        JsonNode compare = result.get("compare");
        assertThat(compare.get("otherIncidents").asInt()).isLessThan(compare.get("incidents").asInt());
        assertThat(compare.get("movedAlerts")).isNotEmpty()
                .allSatisfy(m -> assertThat(m.get("otherIncident")).isNull());
        assertThat(compare.get("ruleHits").get("Suppress: alert during a maintenance window").get("otherHits")
                .asInt()).isPositive();
    }

    @Test
    void theTextAnswerIsReadableInATerminal() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = replay.run(List.of(SharedData.path(SharedData.SAMPLE).toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));

        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).isZero();
        assertThat(text).contains("Replay with", "Multistage IT/OT attack from 10.10.1.13", "Rule hits:");
    }

    @Test
    void incidentsLetGoOfMidwayComeOutAsIfEveryIncidentHadBeenKeptToTheEnd() throws Exception {
        Path file = scratch.resolve("alerts.json");
        Command generate = commands.stream().filter(c -> c.verb().equals("generate")).findFirst().orElseThrow();
        assertThat(generate.run(List.of("--count", "24000", "--seed", "5", "--days", "3", "--out", file.toString()),
                new PrintStream(new ByteArrayOutputStream()), System.err)).isZero();
        RuleSet rules = ruleSets.configured();

        Replay.Result replayed;
        try (InputStream in = Files.newInputStream(file)) {
            replayed = Replay.run(in, reader, rules, properties.settings(), clock);
        }

        Map<String, SecurityAlert> firstRows = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(file)) {
            reader.read(in, alert -> firstRows.putIfAbsent(alert.systemAlertId(), alert));
        }
        List<SecurityAlert> inTimeOrder = firstRows.values().stream().sorted(Comparator
                .comparing(SecurityAlert::timeGenerated).thenComparing(SecurityAlert::systemAlertId)).toList();
        ReplayLedger keptToTheEnd = new ReplayLedger(Replay.Findings.NONE);
        try (CorrelationEngine engine = new CorrelationEngine(rules, properties.settings(), keptToTheEnd, clock)) {
            inTimeOrder.forEach(alert -> engine.decide(Sighting.of(alert)));
        }
        List<Replay.ReplayedIncident> expected = keptToTheEnd.incidents().stream()
                .map(ReplayLedger.ReplayIncident::answer).toList();

        assertThat(replayed.decided()).isEqualTo(inTimeOrder.size());
        assertThat(expected).hasSizeGreaterThan(100);
        assertThat(replayed.incidents()).isEqualTo(expected);
    }
}
