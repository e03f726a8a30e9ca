package org.watchfloor.reporting.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/** The days a report covers: from {@code from} inclusive to {@code to} exclusive, as whole days in a time zone. */
record ReportPeriod(LocalDate from, LocalDate to) {

    ReportPeriod {
        if (from == null || to == null) {
            throw new IllegalArgumentException("a report period needs both 'from' and 'to' (dates, to exclusive)");
        }
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("'to' (" + to + ") must be after 'from' (" + from
                    + "): the period is from inclusive, to exclusive");
        }
        if (ChronoUnit.DAYS.between(from, to) > 366) {
            throw new IllegalArgumentException("a report period is at most 366 days");
        }
    }

    Instant start(ZoneId zone) {
        return from.atStartOfDay(zone).toInstant();
    }

    Instant end(ZoneId zone) {
        return to.atStartOfDay(zone).toInstant();
    }

    /** The period of the same length just before this one, for comparisons. */
    ReportPeriod previous() {
        long days = ChronoUnit.DAYS.between(from, to);
        return new ReportPeriod(from.minusDays(days), from);
    }

    @Override
    public String toString() {
        return from + " to " + to + " (exclusive)";
    }
}
