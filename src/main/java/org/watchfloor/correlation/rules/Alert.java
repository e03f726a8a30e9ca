package org.watchfloor.correlation.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.watchfloor.alerts.HostEntity;
import org.watchfloor.alerts.IotDevice;
import org.watchfloor.alerts.SecurityAlert;
import org.watchfloor.alerts.Severity;

/**
 * The alert being decided, as rules see it. Entity keys are what grouping compares: {@code ip:}, {@code mac:},
 * {@code device:} and {@code host:} followed by the value.
 */
public final class Alert {

    private final SecurityAlert alert;
    private final Set<String> entityKeys;
    private final Set<String> addresses;
    private final Set<String> hostNames;
    private final Instant time;
    private final int repeatCount;
    private String description;

    /**
     * @param time        when the alert was first seen: its first row's {@code TimeGenerated}. Later rows of the
     *                    same alert (status changes) do not move it, so a decision does not depend on whether they
     *                    had arrived yet
     * @param repeatCount how many alerts of the same name between the same source and destination came within the
     *                    lookback before this one
     */
    public Alert(SecurityAlert alert, Instant time, int repeatCount) {
        this.alert = alert;
        this.time = time;
        this.repeatCount = repeatCount;
        Set<String> addresses = new LinkedHashSet<>();
        add(addresses, alert.details().sourceDeviceAddress());
        add(addresses, alert.details().destinationDeviceAddress());
        for (String ip : alert.ipAddresses()) {
            add(addresses, ip);
        }
        Set<String> hosts = new LinkedHashSet<>();
        for (HostEntity host : alert.hosts()) {
            add(hosts, lower(host.hostName()));
        }
        add(hosts, lower(alert.details().sourceDevice()));
        add(hosts, lower(alert.details().destinationDevice()));
        for (IotDevice device : alert.devices()) {
            add(hosts, lower(device.name()));
        }
        Set<String> keys = new LinkedHashSet<>();
        for (String address : addresses) {
            keys.add("ip:" + address);
        }
        for (IotDevice device : alert.devices()) {
            if (device.macAddress() != null && !device.macAddress().isBlank()) {
                keys.add("mac:" + device.macAddress().toLowerCase());
            }
            if (device.deviceId() != null && !device.deviceId().isBlank()) {
                keys.add("device:" + device.deviceId());
            }
        }
        if (alert.details().deviceId() != null && !alert.details().deviceId().isBlank()) {
            keys.add("device:" + alert.details().deviceId());
        }
        for (String host : hosts) {
            keys.add("host:" + host);
        }
        // unmodifiable views rather than copies: every alert builds these, and their order is the order found
        this.addresses = Collections.unmodifiableSet(addresses);
        this.hostNames = Collections.unmodifiableSet(hosts);
        this.entityKeys = Collections.unmodifiableSet(keys);
    }

    private static void add(Set<String> set, String value) {
        if (value != null && !value.isBlank()) {
            set.add(value.trim());
        }
    }

    private static String lower(String value) {
        return value == null ? null : value.trim().toLowerCase();
    }

    public SecurityAlert getAlert() {
        return alert;
    }

    public String getId() {
        return alert.systemAlertId();
    }

    public String getName() {
        return alert.alertName() == null ? "" : alert.alertName();
    }

    public String getType() {
        return alert.alertType();
    }

    public Severity getSeverity() {
        return alert.severity();
    }

    public String getProduct() {
        return alert.productName();
    }

    public String getProvider() {
        return alert.providerName();
    }

    /** The engine: Policy Violation, Protocol Violation, Malware, Anomaly, Operational (as the row spells it). */
    public String getEngine() {
        return alert.engine();
    }

    public boolean isFromDefenderForIot() {
        return alert.isFromDefenderForIot();
    }

    public Instant getTime() {
        return time;
    }

    public String getSourceAddress() {
        return alert.details().sourceDeviceAddress();
    }

    public String getDestinationAddress() {
        return alert.details().destinationDeviceAddress();
    }

    public String getSourceDevice() {
        return alert.details().sourceDevice();
    }

    public String getDestinationDevice() {
        return alert.details().destinationDevice();
    }

    public String getProtocol() {
        return alert.details().protocol();
    }

    public String getSite() {
        return alert.site();
    }

    public String getZone() {
        return alert.zone();
    }

    public String getSensor() {
        return alert.sensor();
    }

    public List<String> getTactics() {
        return alert.tactics();
    }

    public List<String> getTechniques() {
        return alert.techniques();
    }

    public List<IotDevice> getDevices() {
        return alert.devices();
    }

    /** The sites of the alert's devices, each once. */
    public List<String> getDeviceSites() {
        List<String> sites = new ArrayList<>(alert.devices().size());
        for (IotDevice device : alert.devices()) {
            String site = device.site();
            if (site != null && !site.isBlank() && !sites.contains(site)) {
                sites.add(site);
            }
        }
        return Collections.unmodifiableList(sites);
    }

    public Set<String> getEntityKeys() {
        return entityKeys;
    }

    /** Every IP address the alert names: source, destination, and its entities. */
    public Set<String> getAddresses() {
        return addresses;
    }

    /** Every host or device name the alert names, lower case. */
    public Set<String> getHostNames() {
        return hostNames;
    }

    public int getRepeatCount() {
        return repeatCount;
    }

    /** Whether any device of the alert is marked High importance by Defender for IoT. */
    public boolean isOnImportantDevice() {
        return alert.devices().stream().anyMatch(d -> "High".equalsIgnoreCase(d.importance()));
    }

    /** Whether the alert names the device, by IP address, name or device id. */
    public boolean involves(String device) {
        if (device == null || device.isBlank()) {
            return false;
        }
        String d = device.trim();
        return addresses.contains(d) || hostNames.contains(d.toLowerCase()) || entityKeys.contains("device:" + d)
                || entityKeys.contains("mac:" + d.toLowerCase());
    }

    /** Whether the alert's source is the host, by IP address or name. */
    public boolean comesFrom(String host) {
        if (host == null) {
            return false;
        }
        return host.equals(getSourceAddress()) || host.equalsIgnoreCase(getSourceDevice());
    }

    public boolean isNamedIn(List<String> names) {
        return names.stream().anyMatch(n -> n.equalsIgnoreCase(getName()));
    }

    /** Whether {@code other} happened at most {@code window} before this alert (or at the same time). */
    public boolean follows(Instant other, Duration window) {
        return other != null && !other.isAfter(getTime()) && !other.isBefore(getTime().minus(window));
    }

    /** Every rule hit on the alert names it: described once. */
    @Override
    public String toString() {
        if (description == null) {
            description = describe();
        }
        return description;
    }

    private String describe() {
        return "Alert " + getId() + " '" + getName() + "' " + getSeverity() + " at " + InstantText.of(getTime())
                + (getSourceAddress() == null ? "" : " from " + getSourceAddress())
                + (getDestinationAddress() == null ? "" : " to " + getDestinationAddress());
    }
}
