package org.watchfloor.reporting.internal;

import java.time.Instant;

/** What the weekly report reads of one incident: its first alert, when it was opened, triaged and closed. */
record IncidentTimes(Instant firstActivity, Instant createdAt, Instant triagedAt, Instant closedAt, String severity,
                     String owner, String classification, boolean slaBreached) {
}
