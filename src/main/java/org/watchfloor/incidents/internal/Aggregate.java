package org.watchfloor.incidents.internal;

import java.time.Instant;
import java.util.List;

/** What an incident derives from all of its alerts. */
record Aggregate(List<String> tactics, List<String> techniques, List<String> sites, int alertCount,
                 Instant firstActivity, Instant lastActivity) {

    Aggregate {
        tactics = List.copyOf(tactics);
        techniques = List.copyOf(techniques);
        sites = List.copyOf(sites);
    }
}
