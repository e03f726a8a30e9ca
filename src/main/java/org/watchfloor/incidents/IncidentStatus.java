package org.watchfloor.incidents;

/** Incident statuses as Sentinel names them. */
public enum IncidentStatus {
    New, Active, Closed
}
