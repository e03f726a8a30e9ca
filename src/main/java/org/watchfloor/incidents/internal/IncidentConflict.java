package org.watchfloor.incidents.internal;

/** A change the incident's current state does not allow (closed incidents do not go back to New, say). */
class IncidentConflict extends RuntimeException {

    IncidentConflict(String message) {
        super(message);
    }
}
