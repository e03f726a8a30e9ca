package org.watchfloor.incidents.internal;

import java.time.Instant;
import org.watchfloor.alerts.Severity;
import org.watchfloor.incidents.IncidentStatus;

/** What a listing of incidents narrows on; every part may be null. Times bound the last activity, end exclusive. */
record IncidentFilter(IncidentStatus status, Severity severity, String site, Instant from, Instant to) {
}
