package org.watchfloor.alerts;

import java.time.Instant;

/** What a search for alerts narrows on; every part may be null. Times bound {@code TimeGenerated}, end exclusive. */
public record AlertFilter(Instant from, Instant to, Severity severity, String site, String product, String deviceAddress) {

    public static final AlertFilter ALL = new AlertFilter(null, null, null, null, null, null);
}
