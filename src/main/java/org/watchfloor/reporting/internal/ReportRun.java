package org.watchfloor.reporting.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One run of a report for a period: what was asked, where the PDF is (path, SHA-256, size), who it was mailed to,
 * and how far the run got.
 */
record ReportRun(long id, String report, LocalDate from, LocalDate to, String timeZone, String requestedBy,
                 Instant requestedAt, boolean forced, Map<String, String> parameters, RunStatus status,
                 String progress, String file, String sha256, Long sizeBytes, List<String> recipients,
                 Instant mailedAt, Instant filledAt, Instant finishedAt, String error) {

    boolean finished() {
        return status != RunStatus.RUNNING && status != RunStatus.FILLED;
    }
}
