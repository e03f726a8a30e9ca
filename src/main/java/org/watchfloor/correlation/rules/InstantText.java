package org.watchfloor.correlation.rules;

import java.time.Instant;
import java.time.LocalDate;

/**
 * {@link Instant#toString()}'s text, written without java.time's formatter. Every rule hit describes the incident it
 * matched, last activity included, and the formatter took a sixteenth of a decision's time.
 */
final class InstantText {

    private static final int SECONDS_PER_DAY = 86_400;

    private InstantText() {
    }

    /** As {@code String.valueOf(instant)}: "null" for none. */
    static String of(Instant instant) {
        if (instant == null) {
            return "null";
        }
        long days = Math.floorDiv(instant.getEpochSecond(), SECONDS_PER_DAY);
        int secondOfDay = (int) Math.floorMod(instant.getEpochSecond(), SECONDS_PER_DAY);
        LocalDate date = LocalDate.ofEpochDay(days);
        if (date.getYear() < 0 || date.getYear() > 9999) {
            return instant.toString();
        }
        StringBuilder text = new StringBuilder(30);
        digits(text, date.getYear(), 4).append('-');
        digits(text, date.getMonthValue(), 2).append('-');
        digits(text, date.getDayOfMonth(), 2).append('T');
        digits(text, secondOfDay / 3600, 2).append(':');
        digits(text, secondOfDay / 60 % 60, 2).append(':');
        digits(text, secondOfDay % 60, 2);
        int nanos = instant.getNano();
        if (nanos > 0) {
            text.append('.');
            if (nanos % 1_000_000 == 0) {
                digits(text, nanos / 1_000_000, 3);
            } else if (nanos % 1_000 == 0) {
                digits(text, nanos / 1_000, 6);
            } else {
                digits(text, nanos, 9);
            }
        }
        return text.append('Z').toString();
    }

    private static StringBuilder digits(StringBuilder text, int value, int width) {
        String number = Integer.toString(value);
        for (int i = number.length(); i < width; i++) {
            text.append('0');
        }
        return text.append(number);
    }
}
