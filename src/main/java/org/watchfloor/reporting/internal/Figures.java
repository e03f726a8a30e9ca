package org.watchfloor.reporting.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How numbers, shares, durations and times are written in the reports. */
final class Figures {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private Figures() {
    }

    static String count(long n) {
        return String.format(Locale.ENGLISH, "%,d", n);
    }

    static String share(long part, long whole) {
        return whole == 0 ? "" : String.format(Locale.ENGLISH, "%.1f %%", 100.0 * part / whole);
    }

    /** {@code 3 d 04 h}, {@code 2 h 05 m}, {@code 7 m 30 s}: the two largest units. */
    static String duration(Long seconds) {
        if (seconds == null) {
            return "–";
        }
        Duration d = Duration.ofSeconds(seconds);
        if (d.toDays() > 0) {
            return String.format(Locale.ROOT, "%d d %02d h", d.toDays(), d.toHoursPart());
        }
        if (d.toHours() > 0) {
            return String.format(Locale.ROOT, "%d h %02d m", d.toHours(), d.toMinutesPart());
        }
        return String.format(Locale.ROOT, "%d m %02d s", d.toMinutes(), d.toSecondsPart());
    }

    static String time(Instant instant, ZoneId zone) {
        return instant == null ? "" : TIME.format(instant.atZone(zone));
    }

    static String period(ReportPeriod period, ZoneId zone) {
        return period.from() + " 00:00 to " + period.to() + " 00:00 " + zone.getId() + " (to exclusive)";
    }
}
