package org.watchfloor.reporting.internal;

/**
 * Which time places an alert in a report period: when Defender for IoT first detected it ({@code StartTime}, the
 * same on every row of the alert), or, for a row without one, when Watchfloor first saw it. Not the first row's
 * {@code TimeGenerated}: rows of one alert can arrive out of order, and the stored first sight is then the later
 * one. Each half of the condition has an index of its own, so the statements below read only the period's alerts.
 */
final class AlertPeriod {

    /** The time itself, for the hour of day. */
    static final String DETECTED = "COALESCE(start_time, first_seen)";

    /** Alerts count: bind start, end, start, end. */
    static final String COUNT = "SELECT (SELECT COUNT(*) FROM alert WHERE start_time >= ? AND start_time < ?) "
            + "+ (SELECT COUNT(*) FROM alert WHERE start_time IS NULL AND first_seen >= ? AND first_seen < ?)";

    private AlertPeriod() {
    }

    /** The columns of the period's alerts: bind start, end, start, end. */
    static String select(String columns) {
        return "SELECT " + columns + " FROM alert WHERE start_time >= ? AND start_time < ? UNION ALL SELECT "
                + columns + " FROM alert WHERE start_time IS NULL AND first_seen >= ? AND first_seen < ?";
    }
}
