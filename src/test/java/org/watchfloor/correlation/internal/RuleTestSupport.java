package org.watchfloor.correlation.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.watchfloor.alerts.SecurityAlert;
import org.watchfloor.alerts.Severity;
import org.watchfloor.correlation.rules.Settings;
import org.watchfloor.incidents.Explanation;

/**
 * Runs the project's rules/ folder (or a copy with changed watchlists) over alerts with an in-memory ledger. The
 * rules' only clock is the alerts' {@code TimeGenerated}, so a test moves time by the times it gives its alerts.
 */
final class RuleTestSupport {

    static final Clock CLOCK = Clock.fixed(TestAlerts.T0, ZoneOffset.UTC);
    static final Path RULES = Path.of("rules");

    private RuleTestSupport() {
    }

    static Settings settings() {
        return new Settings(true, Severity.INFORMATIONAL, List.of(), List.of(), "name-and-entity",
                Duration.ofHours(24), Duration.ZERO, 150, Duration.ofHours(24), 10);
    }

    static RuleSet projectRules() throws Exception {
        return new RuleSetCompiler(CLOCK).compile(RuleSource.fromDirectory(RULES));
    }

    /** The project's rules with a watchlist replaced, in a temporary copy. */
    static RuleSet projectRulesWith(Path scratch, String watchlist, String content) throws Exception {
        copy(RULES, scratch);
        Files.writeString(scratch.resolve(watchlist), content);
        return new RuleSetCompiler(CLOCK).compile(RuleSource.fromDirectory(scratch));
    }

    static void copy(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    /** Decides the alerts in the order given, as the server does batch by batch. */
    static Run run(RuleSet rules, Settings settings, SecurityAlert... alerts) {
        ReplayLedger ledger = new ReplayLedger(Replay.Findings.NONE);
        List<Outcome> outcomes;
        try (CorrelationEngine engine = new CorrelationEngine(rules, settings, ledger, CLOCK)) {
            outcomes = Arrays.stream(alerts).map(Sighting::of).map(engine::decide).toList();
        }
        return new Run(ledger, outcomes);
    }

    record Run(ReplayLedger ledger, List<Outcome> outcomes) {

        /** Why each alert that went into no incident went nowhere. */
        List<Explanation> unattached() {
            return outcomes.stream().filter(o -> o.incidentNumber() == null && o.explanation() != null)
                    .map(Outcome::explanation).toList();
        }

        List<ReplayLedger.ReplayIncident> incidents() {
            return List.copyOf(ledger.incidents());
        }

        ReplayLedger.ReplayIncident incidentOf(SecurityAlert alert) {
            return ledger.incidents().stream().filter(i -> i.alertIds.contains(alert.systemAlertId())).findFirst()
                    .orElse(null);
        }
    }
}
