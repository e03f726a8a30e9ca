package org.watchfloor.alerts;

import java.time.Instant;

/** An alert in one line, as a list of related alerts shows it: what, when, how severe, between which addresses. */
public record AlertSummary(String systemAlertId, Instant timeGenerated, Severity severity, String alertName,
                           String sourceAddress, String destinationAddress) {
}
