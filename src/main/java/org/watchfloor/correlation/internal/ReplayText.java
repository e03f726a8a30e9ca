package org.watchfloor.correlation.internal;

import java.io.PrintStream;

/** The replay as a SOC lead reads it in a terminal. */
final class ReplayText {

    private ReplayText() {
    }

    static void print(Replay.Result result, String rules, ReplayComparison comparison, PrintStream out) {
        out.printf("Replay with %s: %d incidents, %d alerts suppressed, %d rows rejected%n%n", rules,
                result.incidents().size(), result.suppressed().size(), result.rejected());
        for (Replay.ReplayedIncident i : result.incidents()) {
            out.printf("#%-5d %-13s %s  (%d alerts)%s%n", i.number(), i.severity(), i.title(), i.alertIds().size(),
                    i.tags().isEmpty() ? "" : "  tags: " + String.join(", ", i.tags()));
            out.printf("       rules: %s%n", String.join("; ", i.rules()));
        }
        if (!result.suppressed().isEmpty()) {
            out.println();
            out.println("Suppressed:");
            result.suppressed().forEach(s -> out.printf("  %s  %s%n", s.systemAlertId(), s.reason()));
        }
        out.println();
        out.println("Rule hits:");
        result.ruleHits().forEach((rule, n) -> out.printf("  %6d  %s%n", n, rule));
        if (comparison != null) {
            out.println();
            out.printf("Compared with %s: %d incidents instead of %d; %d alerts land elsewhere%n",
                    comparison.otherRules(), comparison.otherIncidents(), comparison.incidents(),
                    comparison.movedAlerts().size());
            comparison.movedAlerts().forEach(m -> out.printf("  %s  %s -> %s%n", m.systemAlertId(),
                    m.incident() == null ? "(none)" : m.incident(),
                    m.otherIncident() == null ? "(none)" : m.otherIncident()));
            comparison.ruleHits().forEach((rule, c) -> out.printf("  %-60s %6d -> %d%n", rule, c.hits(), c.otherHits()));
        }
    }
}
