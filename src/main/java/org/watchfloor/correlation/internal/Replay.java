package org.watchfloor.correlation.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
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

    /** What the replay found, incidents in number order; the fields left out of the JSON are its {@link Totals}. */
    record Result(List<ReplayedIncident> incidents, List<Suppressed> suppressed, long rejected,
                  Map<String, Integer> ruleHits, @JsonIgnore long decided, @JsonIgnore long decidingNanos,
                  @JsonIgnore long decidingCpuNanos) {
    }

    record ReplayedIncident(long number, String title, Severity severity, List<String> tags, List<String> alertIds,
                            List<String> rules) {
    }

    record Suppressed(String systemAlertId, String reason) {
    }

    /**
     * Where a replay's findings go as they become final: an incident once no new alert can reach it, a suppressed
     * alert as it is decided. What the replay holds meanwhile is bounded by the lookback, whatever the file's length,
     * but for the ids of the alerts it met ({@link AlertIdSet}).
     */
    interface Findings {

        /** For a run that only counts, as the decision benchmark does. */
        Findings NONE = new Findings() {
            @Override
            public void incident(ReplayedIncident incident) {
            }

            @Override
            public void suppressed(Suppressed suppressed) {
            }
        };

        void incident(ReplayedIncident incident);

        void suppressed(Suppressed suppressed);
    }

    /**
     * How a run went: alerts decided (the first row of each), incidents opened, rows rejected, distinct alerts each
     * rule fired for; the wall time spent in decisions, and the CPU time of the deciding thread, which also orders
     * the alerts (reading and parsing run on another).
     */
    record Totals(long decided, long incidents, long rejected, Map<String, Integer> ruleHits, long decidingNanos,
                  long decidingCpuNanos) {
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
        List<ReplayedIncident> incidents = new ArrayList<>();
        List<Suppressed> suppressed = new ArrayList<>();
        Totals totals = run(ReadAhead.start(alerts, reader), rules, settings, clock, new Findings() {
            @Override
            public void incident(ReplayedIncident incident) {
                incidents.add(incident);
            }

            @Override
            public void suppressed(Suppressed alert) {
                suppressed.add(alert);
            }
        });
        incidents.sort(Comparator.comparingLong(ReplayedIncident::number));
        return new Result(incidents, suppressed, totals.rejected(), totals.ruleHits(), totals.decided(),
                totals.decidingNanos(), totals.decidingCpuNanos());
    }

    /** Replays the alerts the read-ahead hands on, and closes it; incidents reach the findings as they retire. */
    static Totals run(ReadAhead alerts, RuleSet rules, Settings settings, Clock clock, Findings findings)
            throws IOException {
        ReplayLedger ledger = new ReplayLedger(findings);
        Map<String, Integer> ruleHits = new TreeMap<>();
        AlertIdSet seen = new AlertIdSet();
        PriorityQueue<SecurityAlert> held = new PriorityQueue<>(Replay::inTimeOrder);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuAtStart = threads.getCurrentThreadCpuTime();
        long[] deciding = {0};
        AlertReader.Summary summary;
        try (ReadAhead readAhead = alerts;
             CorrelationEngine engine = new CorrelationEngine(rules, settings, ledger, clock, ledger::retire)) {
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
            ledger.retireAll();
        }
        long decidingCpu = threads.getCurrentThreadCpuTime() - cpuAtStart;
        return new Totals(seen.size(), ledger.incidentsOpened(), summary.rejected(), ruleHits, deciding[0], decidingCpu);
    }

}
