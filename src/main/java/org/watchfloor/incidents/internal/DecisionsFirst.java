package org.watchfloor.incidents.internal;

import java.time.Duration;
import java.time.Instant;
import org.watchfloor.incidents.AlertsAwaitingDecision;

/**
 * Holds lifecycle work back while correlation has alerts to decide, never longer than the limit at a time: a flood
 * that does not end still gets its processes started and told every so often. Used by one thread.
 */
final class DecisionsFirst {

    private final AlertsAwaitingDecision awaiting;
    private final Duration limit;
    private Instant holdingSince;

    /** @param limit the longest one hold lasts; zero holds nothing back */
    DecisionsFirst(AlertsAwaitingDecision awaiting, Duration limit) {
        this.awaiting = awaiting;
        this.limit = limit;
    }

    /** Whether holding back is on and correlation has alerts to decide: a flood, for the work that goes ahead. */
    boolean isFlood() {
        return !limit.isZero() && !limit.isNegative() && awaiting.any();
    }

    /** Whether the work due at {@code now} waits; when the limit is reached it goes ahead and the next hold begins. */
    boolean holdsBack(Instant now) {
        if (!isFlood()) {
            holdingSince = null;
            return false;
        }
        if (holdingSince == null) {
            holdingSince = now;
            return true;
        }
        if (now.isBefore(holdingSince.plus(limit))) {
            return true;
        }
        holdingSince = now;
        return false;
    }
}
