package org.watchfloor.correlation.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import com.fasterxml.jackson.annotation.JsonIgnore;
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

    /**
     * What the replay found; {@code decided} (how many alerts were decided), {@code decidingNanos} (the wall time
     * spent in decisions) and {@code decidingCpuNanos} (the CPU time of the deciding thread, which also orders the
     * alerts; reading and parsing run on another) are for the timing line only.
     */
    record Result(List<ReplayedIncident> incidents, List<Suppressed> suppressed, long rejected,
                  Map<String, Integer> ruleHits, @JsonIgnore long decided, @JsonIgnore long decidingNanos,
                  @JsonIgnore long decidingCpuNanos) {
    }

    record ReplayedIncident(long number, String title, Severity severity, List<String> tags, List<String> alertIds,
                            List<String> rules) {
    }

    record Suppressed(String systemAlertId, String reason) {
    }

    private Replay() {
    }

    /** By time, then by id, so that alerts of the same instant come in one order whatever the file's. */
    private static int inTimeOrder(SecurityAlert a, SecurityAlert b) {
        int byTime = a.timeGenerated().compareTo(b.timeGenerated());
        return byTime != 0 ? byTime : a.systemAlertId().compareTo(b.systemAlertId());
    }

    /**
     * Alerts are decided as they stream in, held back until no earlier alert can still come within the lookback:
     * a file of any length needs memory for one lookback of alerts, and alerts out of order by less than that are
     * decided in time order. The file is read and parsed on a thread of its own, so that reading and deciding share
     * the cores.
     */
    static Result run(InputStream alerts, AlertReader reader, RuleSet rules, Settings settings, Clock clock)
            throws IOException {
        return run(ReadAhead.start(alerts, reader), rules, settings, clock);
    }

    /** Replays the alerts the read-ahead hands on, and closes it. */
    static Result run(ReadAhead alerts, RuleSet rules, Settings settings, Clock clock) throws IOException {
        ReplayLedger ledger = new ReplayLedger();
        Map<String, Integer> ruleHits = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        PriorityQueue<SecurityAlert> held = new PriorityQueue<>(Replay::inTimeOrder);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuAtStart = threads.getCurrentThreadCpuTime();
        long[] deciding = {0};
        AlertReader.Summary summary;
        try (ReadAhead readAhead = alerts;
             CorrelationEngine engine = new CorrelationEngine(rules, settings, ledger, clock)) {
            Consumer<SecurityAlert> decide = alert -> {
                long started = System.nanoTime();
                Outcome outcome = engine.decide(Sighting.of(alert));
                deciding[0] += System.nanoTime() - started;
                if (outcome.explanation() != null) {
                    outcome.explanation().hits().stream().map(RuleHit::rule).distinct()
                            .forEach(rule -> ruleHits.merge(rule, 1, Integer::sum));
                }
            };
            Instant latest = Instant.MIN;
            for (List<SecurityAlert> chunk = readAhead.next(); !chunk.isEmpty(); chunk = readAhead.next()) {
                for (SecurityAlert alert : chunk) {
                    if (!seen.add(alert.systemAlertId())) {
                        continue;
                    }
                    held.add(alert);
                    if (alert.timeGenerated().isAfter(latest)) {
                        latest = alert.timeGenerated();
                    }
                    Instant settled = latest.minus(settings.lookback());
                    while (!held.isEmpty() && held.peek().timeGenerated().isBefore(settled)) {
                        decide.accept(held.poll());
                    }
                }
            }
            summary = readAhead.summary();
            while (!held.isEmpty()) {
                decide.accept(held.poll());
            }
        }
        long decidingCpu = threads.getCurrentThreadCpuTime() - cpuAtStart;
        List<ReplayedIncident> incidents = ledger.incidents().stream().map(i -> new ReplayedIncident(i.number,
                i.title, i.severity, List.copyOf(i.tags), List.copyOf(i.alertIds), List.copyOf(i.rules))).toList();
        List<Suppressed> suppressed = ledger.unattached().stream()
                .filter(e -> e.outcome().equals(Outcome.Kind.SUPPRESSED.words()))
                .map(e -> new Suppressed(e.systemAlertId(), e.reason())).toList();
        return new Result(incidents, suppressed, summary.rejected(), ruleHits, seen.size(), deciding[0], decidingCpu);
    }

}
