package org.watchfloor.incidents;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.watchfloor.alerts.Severity;

/**
 * What correlation needs to know of an incident to decide where the next alert goes, as stored: enough to rebuild
 * the working state after a restart without reading every alert again.
 *
 * @param entityKeys      entity keys of its alerts, e.g. {@code ip:10.10.1.10}, {@code mac:4a:d6:…},
 *                        {@code device:660_84341}, {@code host:ews-01}
 * @param alertNameCounts how many of its alerts carry each alert name
 * @param multistageHost  the host (IP or name) of a multistage IT/OT incident, else null
 */
public record IncidentSnapshot(
        long number,
        String title,
        Severity severity,
        IncidentStatus status,
        Set<String> tags,
        Set<String> entityKeys,
        Map<String, Integer> alertNameCounts,
        int alertCount,
        Instant firstActivity,
        Instant lastActivity,
        Instant closedAt,
        String multistageHost) {

    public IncidentSnapshot {
        tags = Set.copyOf(tags);
        entityKeys = Set.copyOf(entityKeys);
        alertNameCounts = Map.copyOf(alertNameCounts);
    }
}
