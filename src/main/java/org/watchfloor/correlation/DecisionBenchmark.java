package org.watchfloor.correlation;

import java.io.IOException;
import java.nio.file.Path;

/**
 * How fast the configured rules decide alerts that are already in memory, for {@code benchmark decisions}: the
 * alerts of a file are read a chunk at a time while no decision runs, then decided in time order as a replay decides
 * them, nothing stored, and only the deciding is timed.
 */
public interface DecisionBenchmark {

    /**
     * @param alerts            how many alerts were decided (the first row of each)
     * @param incidents         how many incidents the decisions opened
     * @param decidingSeconds   wall time spent deciding
     * @param decidingCpuSeconds CPU time of the deciding thread, which also orders the alerts by time
     */
    record Rate(long alerts, long incidents, double decidingSeconds, double decidingCpuSeconds) {

        public double decisionsPerSecond() {
            return alerts / decidingSeconds;
        }
    }

    Rate decide(Path alerts) throws IOException;
}
