package org.watchfloor.incidents;

import java.time.Instant;
import java.util.List;

/** Why one alert went where it went: the outcome, the rules that fired and what they matched. */
public record Explanation(String systemAlertId, Instant decidedAt, String outcome, String reason, List<RuleHit> hits) {

    public Explanation {
        hits = List.copyOf(hits);
    }
}
