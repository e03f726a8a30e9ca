package org.watchfloor.incidents.internal.playbook;

import java.util.List;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.watchfloor.alerts.SecurityAlert;
import org.watchfloor.alerts.StoredAlert;

/**
 * The alert-status-sync playbook: POSTs the incident's status and classification and each alert's triage status to
 * a webhook (a Logic App, a SOAR, a script), which updates the source system: Defender for IoT takes
 * {@code {"properties":{"status":…}}} at the alert's {@code alertManagementUri}.
 */
@Service
class AlertStatusSync {

    private static final Logger log = LoggerFactory.getLogger(AlertStatusSync.class);

    private final PlaybookIncidents incidents;
    private final Webhooks webhooks;
    private final PlaybookProperties.Webhook webhook;

    AlertStatusSync(PlaybookIncidents incidents, Webhooks webhooks, PlaybookProperties properties) {
        this.incidents = incidents;
        this.webhooks = webhooks;
        this.webhook = properties.alertStatusSync();
    }

    /** @return the webhook's HTTP status, or empty when no status-sync webhook is configured */
    OptionalInt sync(long number) {
        if (!webhook.isConfigured()) {
            log.warn("Incident {}: no alert status sync webhook is configured (watchfloor.playbooks.alert-status-sync"
                    + ".url); the source system is not told", number);
            return OptionalInt.empty();
        }
        PlaybookIncident incident = incidents.get(number);
        List<AlertStatus> alerts = incident.alerts().stream().map(StoredAlert::alert)
                .map(a -> AlertStatus.of(a, incident.triageStatuses().get(a.systemAlertId()))).toList();
        return OptionalInt.of(webhooks.post(webhook, new StatusUpdate(IncidentReference.of(incident), alerts)));
    }

    /** The JSON POSTed: the incident and its alerts. */
    record StatusUpdate(IncidentReference incident, List<AlertStatus> alerts) {
    }

    /**
     * An alert of the incident: its ids in the source system, where its status is set, the status Defender for IoT
     * gave it last, and what the SOC decided (Closed, Learn or Mute; absent until the incident is triaged).
     */
    record AlertStatus(String systemAlertId, String vendorOriginalId, String alertManagementUri, String alertName,
                       String status, String triageStatus) {

        static AlertStatus of(SecurityAlert alert, String triageStatus) {
            return new AlertStatus(alert.systemAlertId(), alert.vendorOriginalId(),
                    alert.details().alertManagementUri(), alert.alertName(), alert.status(), triageStatus);
        }
    }
}
