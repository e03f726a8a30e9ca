package org.watchfloor.incidents.internal;

/**
 * A change to an incident through the API; every field may be left out. Closing needs a classification; the alert
 * status (Closed, Learn or Mute) defaults to Closed.
 */
record IncidentPatch(String status, String owner, String severity, String classification, String comment,
                     String alertStatus) {

    boolean isEmpty() {
        return status == null && owner == null && severity == null && classification == null && comment == null
                && alertStatus == null;
    }
}
