package org.watchfloor.benchmark;

/**
 * One timed intake path: how many rows it was given, how many it stored, the wall time, the CPU time the whole
 * process spent meanwhile, and the most heap in use.
 */
record Measurement(String path, long rows, long stored, double seconds, double cpuSeconds, long peakHeapBytes) {

    double rowsPerSecond() {
        return rows / seconds;
    }
}
