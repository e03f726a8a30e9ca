package org.watchfloor.reporting.internal;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.batch.item.Chunk;
import org.springframework.batch.item.ItemWriter;

/**
 * The weekly report's tally of incidents, chunk by chunk: for the period and the one before it, the incidents
 * opened (by their first alert), triaged and closed, time to triage (created to triaged) and to close (created to
 * closed) by severity and by owner, how closed incidents were classified, and how many closed incidents kept their
 * SLA.
 */
class IncidentTally implements ItemWriter<IncidentTimes> {

    private final Instant previousStart;
    private final Instant start;
    private final Instant end;
    private final Tally current = new Tally();
    private final Tally previous = new Tally();

    IncidentTally(Instant previousStart, Instant start, Instant end) {
        this.previousStart = previousStart;
        this.start = start;
        this.end = end;
    }

    private static final class Tally {
        long opened;
        final Map<String, DurationSample> triageBySeverity = new HashMap<>();
        final Map<String, DurationSample> triageByOwner = new HashMap<>();
        final Map<String, DurationSample> closeBySeverity = new HashMap<>();
        final Map<String, DurationSample> closeByOwner = new HashMap<>();
        final DurationSample triage = new DurationSample();
        final DurationSample close = new DurationSample();
        final Counter classification = new Counter();
        final Counter closedBySeverity = new Counter();
        final Counter breachedBySeverity = new Counter();
    }

    @Override
    public void write(Chunk<? extends IncidentTimes> chunk) {
        for (IncidentTimes i : chunk) {
            String owner = i.owner() == null || i.owner().isBlank() ? "(unassigned)" : i.owner();
            Tally opened = in(i.firstActivity());
            if (opened != null) {
                opened.opened++;
            }
            Tally triaged = in(i.triagedAt());
            if (triaged != null) {
                long seconds = seconds(i.createdAt(), i.triagedAt());
                triaged.triage.add(seconds);
                triaged.triageBySeverity.computeIfAbsent(i.severity(), k -> new DurationSample()).add(seconds);
                triaged.triageByOwner.computeIfAbsent(owner, k -> new DurationSample()).add(seconds);
            }
            Tally closed = in(i.closedAt());
            if (closed != null) {
                long seconds = seconds(i.createdAt(), i.closedAt());
                closed.close.add(seconds);
                closed.closeBySeverity.computeIfAbsent(i.severity(), k -> new DurationSample()).add(seconds);
                closed.closeByOwner.computeIfAbsent(owner, k -> new DurationSample()).add(seconds);
                closed.classification.add(i.classification() == null ? "(none)" : i.classification());
                closed.closedBySeverity.add(i.severity());
                if (i.slaBreached()) {
                    closed.breachedBySeverity.add(i.severity());
                }
            }
        }
    }

    private Tally in(Instant time) {
        if (time == null || time.isBefore(previousStart) || !time.isBefore(end)) {
            return null;
        }
        return time.isBefore(start) ? previous : current;
    }

    private static long seconds(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).getSeconds());
    }

    Summary summary() {
        return new Summary(figures(current), figures(previous));
    }

    private static Figures figures(Tally t) {
        return new Figures(t.opened, t.triage.stats(), t.close.stats(), stats(t.triageBySeverity),
                stats(t.triageByOwner), stats(t.closeBySeverity), stats(t.closeByOwner), t.classification,
                t.closedBySeverity, t.breachedBySeverity);
    }

    private static TreeMap<String, DurationSample.Stats> stats(Map<String, DurationSample> groups) {
        TreeMap<String, DurationSample.Stats> stats = new TreeMap<>();
        groups.forEach((group, sample) -> stats.put(group == null ? "(none)" : group, sample.stats()));
        return stats;
    }

    /** One period's figures, as kept in the job's execution context between the tally and the fill. */
    record Figures(long opened, DurationSample.Stats triage, DurationSample.Stats close,
                   TreeMap<String, DurationSample.Stats> triageBySeverity,
                   TreeMap<String, DurationSample.Stats> triageByOwner,
                   TreeMap<String, DurationSample.Stats> closeBySeverity,
                   TreeMap<String, DurationSample.Stats> closeByOwner, Counter classification,
                   Counter closedBySeverity, Counter breachedBySeverity) implements Serializable {

        long closed() {
            return close.count();
        }

        long breached() {
            return breachedBySeverity.total();
        }
    }

    record Summary(Figures current, Figures previous) implements Serializable {
    }
}
