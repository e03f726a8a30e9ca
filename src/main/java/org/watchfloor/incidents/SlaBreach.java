package org.watchfloor.incidents;

import java.time.Instant;
import org.watchfloor.alerts.Severity;

/** A lifecycle stage that ran past its SLA: triage or remediation, due after {@code dueAfter} (ISO-8601). */
public record SlaBreach(String stage, Severity severity, String dueAfter, Instant breachedAt) {
}
