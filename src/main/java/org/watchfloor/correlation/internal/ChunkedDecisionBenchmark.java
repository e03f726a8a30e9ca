package org.watchfloor.correlation.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.stereotype.Component;
import org.watchfloor.alerts.AlertReader;
import org.watchfloor.correlation.DecisionBenchmark;

/**
 * Reads the alerts in chunks of {@value #CHUNK} in lock step with the deciding, so that parsing never shares the
 * cores with the decisions being timed: the rate is that of the rules on alerts in memory. Findings are counted,
 * not kept, so that a file of any length fits the same heap.
 */
@Component
class ChunkedDecisionBenchmark implements DecisionBenchmark {

    private static final int CHUNK = 20_000;

    private final AlertReader reader;
    private final RuleSets ruleSets;
    private final CorrelationProperties properties;
    private final Clock clock;

    ChunkedDecisionBenchmark(AlertReader reader, RuleSets ruleSets, CorrelationProperties properties, Clock clock) {
        this.reader = reader;
        this.ruleSets = ruleSets;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public Rate decide(Path alerts) throws IOException {
        RuleSet rules;
        try {
            rules = ruleSets.configured();
        } catch (RuleSetException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(alerts), 1 << 16)) {
            Replay.Totals totals = Replay.run(ReadAhead.inLockStep(in, reader, CHUNK), rules, properties.settings(),
                    clock, Replay.Findings.NONE);
            return new Rate(totals.decided(), totals.incidents(), totals.decidingNanos() / 1e9,
                    totals.decidingCpuNanos() / 1e9);
        }
    }
}
