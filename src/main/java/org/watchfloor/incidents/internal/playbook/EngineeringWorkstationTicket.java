package org.watchfloor.incidents.internal.playbook;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.watchfloor.alerts.AlertQueries;
import org.watchfloor.alerts.IotDevice;
import org.watchfloor.alerts.StoredAlert;

/**
 * The new-engineering-workstation playbook. An engineering workstation can reprogram PLCs, so one that appears for the
 * first time deserves a ticket: a device of an engineering-workstation type is new to an incident when no alert stored
 * before the incident's first alert on it names its address as source or destination. One ticket per incident lists
 * every such device.
 */
@Service
class EngineeringWorkstationTicket {

    private static final Logger log = LoggerFactory.getLogger(EngineeringWorkstationTicket.class);

    private final PlaybookIncidents incidents;
    private final AlertQueries alerts;
    private final Webhooks webhooks;
    private final PlaybookProperties.EngineeringWorkstationTicket settings;
    private final Set<String> workstationTypes;

    EngineeringWorkstationTicket(PlaybookIncidents incidents, AlertQueries alerts, Webhooks webhooks,
                                 PlaybookProperties properties) {
        this.incidents = incidents;
        this.alerts = alerts;
        this.webhooks = webhooks;
        this.settings = properties.engineeringWorkstationTicket();
        this.workstationTypes = settings.deviceTypes().stream().map(t -> t.trim().toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
    }

    /** The identities ({@link IotDevice#identity()}) of the engineering workstations this incident shows first. */
    List<String> newWorkstations(long number) {
        PlaybookIncident incident = incidents.get(number);
        Map<String, Instant> firstSeen = new HashMap<>();
        for (StoredAlert alert : incident.alerts()) {
            alert.alert().devices().forEach(d -> firstSeen.merge(d.identity(), alert.firstSeen(),
                    (a, b) -> a.isBefore(b) ? a : b));
        }
        return incident.devices().stream()
                .filter(this::isWorkstation)
                .filter(d -> !seenBefore(number, d, firstSeen.get(d.identity())))
                .map(IotDevice::identity)
                .toList();
    }

    private boolean isWorkstation(IotDevice device) {
        return device.type() != null && workstationTypes.contains(device.type().trim().toLowerCase(Locale.ROOT))
                || device.subType() != null && workstationTypes.contains(device.subType().trim().toLowerCase(Locale.ROOT));
    }

    private boolean seenBefore(long number, IotDevice device, Instant first) {
        if (device.ipAddress() == null || device.ipAddress().isBlank()) {
            log.warn("Incident {}: engineering workstation {} has no address, so whether it was seen before cannot be "
                    + "told; it counts as new", number, device.name());
            return false;
        }
        return !alerts.latestOnDevices(List.of(device.ipAddress()), null, first, List.of(), 1, 1).isEmpty();
    }

    /**
     * POSTs the ticket for these workstations of the incident.
     *
     * @return the webhook's HTTP status, or empty when no ticket webhook is configured
     */
    OptionalInt open(long number, List<String> workstationIdentities) {
        if (!settings.webhook().isConfigured()) {
            log.warn("Incident {}: new engineering workstations {}, but no ticket webhook is configured "
                    + "(watchfloor.playbooks.engineering-workstation-ticket.url)", number, workstationIdentities);
            return OptionalInt.empty();
        }
        PlaybookIncident incident = incidents.get(number);
        List<IotDevice> devices = incident.devices().stream()
                .filter(d -> workstationIdentities.contains(d.identity())).toList();
        Ticket ticket = new Ticket("New engineering workstation"
                + (devices.size() == 1 ? " " : "s ")
                + devices.stream().map(EngineeringWorkstationTicket::describe).collect(Collectors.joining(", ")),
                IncidentReference.of(incident), devices);
        return OptionalInt.of(webhooks.post(settings.webhook(), ticket));
    }

    private static String describe(IotDevice d) {
        return Objects.requireNonNullElse(d.name(), "(no name)") + " (" + Objects.requireNonNullElse(d.ipAddress(),
                "no address") + ") at " + Objects.requireNonNullElse(d.site(), "an unknown site");
    }

    /** The ticket's JSON: a one-line summary, the incident, and the devices as Defender for IoT describes them. */
    record Ticket(String summary, IncidentReference incident, List<IotDevice> devices) {
    }
}
