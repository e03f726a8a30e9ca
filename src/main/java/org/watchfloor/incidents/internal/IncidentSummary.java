package org.watchfloor.incidents.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.watchfloor.alerts.Severity;
import org.watchfloor.incidents.Classification;
import org.watchfloor.incidents.IncidentStatus;

/** An incident as the listing shows it. */
record IncidentSummary(
        long number,
        String title,
        Severity severity,
        IncidentStatus status,
        Classification classification,
        String owner,
        List<String> tags,
        int alertCount,
        Instant firstActivity,
        Instant lastActivity,
        List<String> tactics,
        List<String> techniques,
        List<String> sites,
        String multistageHost,
        Instant createdAt,
        Instant triagedAt,
        Instant closedAt,
        Duration timeToTriage,
        Duration timeToClose,
        boolean slaBreached) {

    /** Time to triage runs from opening to the first time the incident left New; time to close, to its closing. */
    static IncidentSummary of(IncidentRow row) {
        return new IncidentSummary(row.number(), row.title(), row.severity(), row.status(), row.classification(),
                row.owner(), row.tags(), row.alertCount(), row.firstActivity(), row.lastActivity(), row.tactics(),
                row.techniques(), row.sites(), row.multistageHost(), row.createdAt(), row.triagedAt(), row.closedAt(),
                between(row.createdAt(), row.triagedAt()), between(row.createdAt(), row.closedAt()),
                row.slaBreached());
    }

    private static Duration between(Instant from, Instant to) {
        return to == null ? null : Duration.between(from, to);
    }
}
