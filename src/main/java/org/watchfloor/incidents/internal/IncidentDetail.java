package org.watchfloor.incidents.internal;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.List;
import org.watchfloor.alerts.IotDevice;
import org.watchfloor.alerts.Severity;
import org.watchfloor.incidents.AuditEntry;
import org.watchfloor.incidents.Comment;
import org.watchfloor.incidents.Explanation;
import org.watchfloor.incidents.SlaBreach;

/**
 * One incident as an analyst investigates it: what the listing shows, its alerts, the devices they involve, the open
 * tasks of its lifecycle, comments, the audit trail, SLA breaches and why each alert landed in it.
 */
record IncidentDetail(
        @JsonUnwrapped IncidentSummary incident,
        List<Alert> alerts,
        List<IotDevice> devices,
        List<OpenTask> tasks,
        List<Comment> comments,
        List<AuditEntry> auditTrail,
        List<SlaBreach> slaBreaches,
        List<Explanation> explanation) {

    /** A task of the incident's lifecycle that waits for someone; {@code form} is the Camunda Form it shows. */
    record OpenTask(String id, String name, String taskDefinitionKey, String assignee, List<String> candidateGroups,
                    List<String> candidateUsers, Instant created, String form) {
    }

    /** An alert of the incident, without its raw row; the full alert is at {@code /api/alerts/{systemAlertId}}. */
    record Alert(
            String systemAlertId,
            String name,
            Severity severity,
            Instant time,
            String source,
            String sourceAddress,
            String destination,
            String destinationAddress,
            String engine,
            String product,
            String status,
            List<String> tactics,
            List<String> techniques) {
    }
}
