package org.watchfloor.incidents.internal;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.List;
import org.watchfloor.alerts.IotDevice;
import org.watchfloor.alerts.Severity;
import org.watchfloor.incidents.Explanation;

/**
 * One incident as an analyst investigates it: what the listing shows, its alerts, the devices they involve and why
 * each alert landed in it.
 */
record IncidentDetail(
        @JsonUnwrapped IncidentSummary incident,
        List<Alert> alerts,
        List<IotDevice> devices,
        List<Explanation> explanation) {

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
