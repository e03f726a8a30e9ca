package org.watchfloor.incidents.automation;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.watchfloor.alerts.IotDevice;
import org.watchfloor.alerts.Severity;
import org.watchfloor.incidents.IncidentStatus;

/**
 * The incident an automation rule looks at, as it was when the trigger happened. Rules match on its fields and on the
 * helpers below, which compare names case-insensitively.
 *
 * @param changes for {@code UPDATED}: what changed (status, owner, severity, classification, tags, alerts, comment)
 */
public record TriggeredIncident(
        AutomationTrigger trigger,
        long number,
        String title,
        Severity severity,
        IncidentStatus status,
        String classification,
        String owner,
        Set<String> tags,
        List<String> sites,
        Set<String> alertNames,
        List<IotDevice> devices,
        String multistageHost,
        Set<String> changes) {

    public TriggeredIncident {
        tags = Set.copyOf(tags);
        sites = List.copyOf(sites);
        alertNames = Set.copyOf(alertNames);
        devices = List.copyOf(devices);
        changes = Set.copyOf(changes);
    }

    public boolean hasTag(String tag) {
        return tags.stream().anyMatch(t -> t.equalsIgnoreCase(tag));
    }

    public boolean isAtSite(String site) {
        return sites.stream().anyMatch(s -> s.equalsIgnoreCase(site));
    }

    public boolean hasAlertNamed(String name) {
        return alertNames.stream().anyMatch(n -> n.equalsIgnoreCase(name));
    }

    /** Whether a device of the incident has this name, IP address or MAC address. */
    public boolean involvesDevice(String nameOrAddress) {
        return devices.stream().anyMatch(d -> nameOrAddress.equalsIgnoreCase(d.name())
                || nameOrAddress.equalsIgnoreCase(d.ipAddress()) || nameOrAddress.equalsIgnoreCase(d.macAddress()));
    }

    /** Whether a device of the incident has this importance (Defender for IoT: Low, Normal, High). */
    public boolean hasDeviceOfImportance(String importance) {
        return devices.stream().anyMatch(d -> importance.equalsIgnoreCase(d.importance()));
    }

    /** Whether the incident has devices and all of them have this importance. */
    public boolean hasOnlyDevicesOfImportance(String importance) {
        return !devices.isEmpty() && devices.stream().allMatch(d -> importance.equalsIgnoreCase(d.importance()));
    }

    public boolean hasDeviceOfType(String type) {
        return devices.stream().anyMatch(d -> d.type() != null
                && d.type().toLowerCase(Locale.ROOT).contains(type.toLowerCase(Locale.ROOT)));
    }

    public boolean changed(String field) {
        return changes.stream().anyMatch(c -> c.equalsIgnoreCase(field));
    }

    public boolean isCreated() {
        return trigger == AutomationTrigger.CREATED;
    }

    public boolean isUpdated() {
        return trigger == AutomationTrigger.UPDATED;
    }
}
