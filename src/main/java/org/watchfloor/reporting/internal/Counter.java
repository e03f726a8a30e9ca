package org.watchfloor.reporting.internal;

import java.io.Serializable;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Counts per key (a severity, a site, an alert name); the tallies of the report jobs are made of these. */
final class Counter implements Serializable {

    private static final long serialVersionUID = 1L;

    private final HashMap<String, Long> counts = new HashMap<>();

    void add(String key) {
        add(key, 1);
    }

    void add(String key, long n) {
        counts.merge(key == null || key.isBlank() ? "(none)" : key, n, Long::sum);
    }

    long get(String key) {
        return counts.getOrDefault(key, 0L);
    }

    long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The {@code limit} largest counts, largest first, ties by key; the rest summed under {@code others}. */
    Counter top(int limit, String others) {
        List<Map.Entry<String, Long>> sorted = sorted();
        Counter top = new Counter();
        for (int i = 0; i < sorted.size(); i++) {
            top.counts.merge(i < limit ? sorted.get(i).getKey() : others, sorted.get(i).getValue(), Long::sum);
        }
        return top;
    }

    /** Largest first, ties by key, anything named like {@code (others)} last. */
    List<Map.Entry<String, Long>> sorted() {
        return counts.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, Long>, Boolean>comparing(e -> e.getKey().startsWith("(other"))
                        .thenComparing(Map.Entry.<String, Long>comparingByValue().reversed())
                        .thenComparing(Map.Entry.comparingByKey()))
                .toList();
    }

    Map<String, Long> asMap() {
        return new LinkedHashMap<>(counts);
    }

    int size() {
        return counts.size();
    }
}
