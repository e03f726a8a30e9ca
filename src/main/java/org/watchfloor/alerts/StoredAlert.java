package org.watchfloor.alerts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.List;

/**
 * An alert as Watchfloor holds it: the latest row of its {@code SystemAlertId}, when it was first and last seen,
 * how many later rows updated it, the warnings its parsing raised, and the raw row verbatim.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StoredAlert(
        long id,
        @JsonUnwrapped SecurityAlert alert,
        Instant firstSeen,
        Instant receivedAt,
        Instant updatedAt,
        int revision,
        IntakePath intakePath,
        List<String> parseWarnings,
        String raw) {
}
