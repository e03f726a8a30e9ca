package org.watchfloor.reporting.internal;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Durations in seconds of one group of incidents (a severity, an owner) for mean, median and 90th percentile.
 * Percentiles need every value, and PERCENTILE_CONT is not portable SQL, so the values are kept here: 8 bytes per
 * incident of a week, never per alert.
 */
final class DurationSample implements Serializable {

    private static final long serialVersionUID = 1L;

    private long[] values = new long[16];
    private int size;

    void add(long seconds) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = seconds;
    }

    /** Count, mean, median and p90 (nearest rank); the durations themselves are dropped. */
    Stats stats() {
        if (size == 0) {
            return new Stats(0, null, null, null);
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        long sum = 0;
        for (long v : sorted) {
            sum += v;
        }
        return new Stats(size, Math.round((double) sum / size), rank(sorted, 0.5), rank(sorted, 0.9));
    }

    private static long rank(long[] sorted, double quantile) {
        int rank = (int) Math.ceil(quantile * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    /** Seconds; null when there were no incidents. */
    record Stats(int count, Long mean, Long median, Long p90) implements Serializable {
    }
}
