package org.watchfloor.reporting.internal;

import java.time.Instant;

/** What the daily report reads of one alert: the narrow columns, never the raw row. */
record AlertFacts(Instant detected, String severity, String engine, String site, String sensor, String alertName,
                  String sourceDevice, String sourceAddress, String destinationDevice, String destinationAddress,
                  String tactics, String techniques) {
}
