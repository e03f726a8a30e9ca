package org.watchfloor.correlation.rules;

import java.time.Instant;

/**
 * A row of the maintenance-windows watchlist: alerts at a site (or on one device, by address, name or id) during the
 * window are expected: suppressed, or (action {@code close}) put in an incident that is closed at once, so the record
 * stays. An empty site or device matches any.
 */
public record MaintenanceWindow(String site, String device, Instant start, Instant end, String reason, String action) {

    public static final String SUPPRESS = "suppress";
    public static final String CLOSE = "close";

    public boolean isClosing() {
        return CLOSE.equals(action);
    }

    public boolean covers(Alert alert) {
        return !alert.getTime().isBefore(start) && alert.getTime().isBefore(end)
                && (site == null || site.isBlank() || site.equalsIgnoreCase(alert.getSite()))
                && (device == null || device.isBlank() || alert.involves(device));
    }

    @Override
    public String toString() {
        return "maintenance window " + (site == null || site.isBlank() ? "" : site + " ")
                + (device == null || device.isBlank() ? "" : device + " ") + start + " – " + end
                + (reason == null || reason.isBlank() ? "" : " (" + reason + ")");
    }
}
