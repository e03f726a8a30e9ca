package org.watchfloor.correlation.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.watchfloor.alerts.AlertReader;
import org.watchfloor.alerts.SecurityAlert;
import org.watchfloor.alerts.Severity;
import org.watchfloor.correlation.rules.Settings;
import org.watchfloor.incidents.RuleHit;

/**
 * A dry run of a rule set over a file of past alerts: read as the intake reads (same rejections), the first row of
 * each alert decided in time order, nothing stored. What a SOC lead runs before deploying a rule change.
 */
final class Replay {

    record Result(List<ReplayedIncident> incidents, List<Suppressed> suppressed, long rejected,
                  Map<String, Integer> ruleHits) {
    }

    record ReplayedIncident(long number, String title, Severity severity, List<String> tags, List<String> alertIds,
                            List<String> rules) {
    }

    record Suppressed(String systemAlertId, String reason) {
    }

    private Replay() {
    }

    static Result run(InputStream alerts, AlertReader reader, RuleSet rules, Settings settings, Clock clock)
            throws IOException {
        Map<String, SecurityAlert> firstRows = new LinkedHashMap<>();
        AlertReader.Summary summary = reader.read(alerts, a -> firstRows.putIfAbsent(a.systemAlertId(), a));
        List<SecurityAlert> ordered = new ArrayList<>(firstRows.values());
        ordered.sort(Comparator.comparing(SecurityAlert::timeGenerated).thenComparing(SecurityAlert::systemAlertId));

        ReplayLedger ledger = new ReplayLedger();
        Map<String, Integer> ruleHits = new TreeMap<>();
        try (CorrelationEngine engine = new CorrelationEngine(rules, settings, ledger, clock)) {
            for (SecurityAlert alert : ordered) {
                Outcome outcome = engine.decide(Sighting.of(alert));
                if (outcome.explanation() != null) {
                    outcome.explanation().hits().stream().map(RuleHit::rule).distinct()
                            .forEach(rule -> ruleHits.merge(rule, 1, Integer::sum));
                }
            }
        }
        List<ReplayedIncident> incidents = ledger.incidents().stream().map(i -> new ReplayedIncident(i.number,
                i.title, i.severity, List.copyOf(i.tags), List.copyOf(i.alertIds), List.copyOf(i.rules))).toList();
        List<Suppressed> suppressed = ledger.unattached().stream()
                .filter(e -> e.outcome().equals(Outcome.Kind.SUPPRESSED.words()))
                .map(e -> new Suppressed(e.systemAlertId(), e.reason())).toList();
        return new Result(incidents, suppressed, summary.rejected(), ruleHits);
    }

}
