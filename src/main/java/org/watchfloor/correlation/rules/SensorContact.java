package org.watchfloor.correlation.rules;

/**
 * A row of the sensor-contacts watchlist: a mail address told about incidents from a sensor, or from every sensor of
 * a site when the sensor is empty (a row with a site and a sensor covers that sensor at that site only).
 */
public record SensorContact(String sensor, String site, String email) {

    public boolean covers(Alert alert) {
        return covers(alert.getSensor(), alert.getSite());
    }

    public boolean covers(String alertSensor, String alertSite) {
        return matches(sensor, alertSensor) && matches(site, alertSite);
    }

    private static boolean matches(String row, String value) {
        return row == null || row.isBlank() || (value != null && row.trim().equalsIgnoreCase(value.trim()));
    }

    @Override
    public String toString() {
        return "contact " + email + " for " + (sensor == null || sensor.isBlank() ? "site " + site
                : "sensor " + sensor + (site == null || site.isBlank() ? "" : " at " + site));
    }
}
