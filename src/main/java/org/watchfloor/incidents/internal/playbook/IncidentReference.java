package org.watchfloor.incidents.internal.playbook;

/** The incident as a webhook payload names it. */
record IncidentReference(long number, String title, String severity, String status, String classification,
                         String owner) {

    static IncidentReference of(PlaybookIncident incident) {
        return new IncidentReference(incident.number(), incident.title(), incident.severity(), incident.status(),
                incident.classification(), incident.owner());
    }
}
