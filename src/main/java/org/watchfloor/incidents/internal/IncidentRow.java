package org.watchfloor.incidents.internal;

import java.time.Instant;
import java.util.List;
import org.watchfloor.alerts.Severity;
import org.watchfloor.incidents.Classification;
import org.watchfloor.incidents.IncidentStatus;

/**
 * One row of the {@code incident} table, lists decoded. {@code techniqueFirstSeen} is null for an incident stored
 * before its techniques' first sightings were kept.
 */
record IncidentRow(
        long id,
        long number,
        String title,
        Severity severity,
        IncidentStatus status,
        Classification classification,
        String owner,
        List<String> tags,
        String multistageHost,
        List<String> tactics,
        List<String> techniques,
        List<TechniqueOrder.FirstSeen> techniqueFirstSeen,
        List<String> sites,
        int alertCount,
        Instant firstActivity,
        Instant lastActivity,
        Instant createdAt,
        Instant updatedAt,
        Instant closedAt,
        Instant triagedAt,
        boolean slaBreached) {

    IncidentRow {
        tags = List.copyOf(tags);
        tactics = List.copyOf(tactics);
        techniques = List.copyOf(techniques);
        techniqueFirstSeen = techniqueFirstSeen == null ? null : List.copyOf(techniqueFirstSeen);
        sites = List.copyOf(sites);
    }
}
