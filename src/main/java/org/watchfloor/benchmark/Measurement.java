package org.watchfloor.benchmark;

/** One timed intake path: how many rows it was given, how many it stored, and what that took. */
record Measurement(String path, long rows, long stored, double seconds, long peakHeapBytes) {

    double rowsPerSecond() {
        return rows / seconds;
    }
}
