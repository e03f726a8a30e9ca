package org.watchfloor.incidents;

/** Published after commit when an alert reopened a closed incident. */
public record IncidentReopened(long number, String systemAlertId) {
}
