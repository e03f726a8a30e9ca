package org.watchfloor.incidents.internal;

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
        String multistageHost) {

    static IncidentSummary of(IncidentRow row) {
        return new IncidentSummary(row.number(), row.title(), row.severity(), row.status(), row.classification(),
                row.owner(), row.tags(), row.alertCount(), row.firstActivity(), row.lastActivity(), row.tactics(),
                row.techniques(), row.sites(), row.multistageHost());
    }
}
