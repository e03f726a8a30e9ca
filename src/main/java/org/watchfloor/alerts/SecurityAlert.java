package org.watchfloor.alerts;

import java.time.Instant;
import java.util.List;

/**
 * One row of the Log Analytics {@code SecurityAlert} table, every column typed. The JSON columns are parsed:
 * {@code ExtendedProperties} into {@link #details()}, {@code Entities} into {@link #devices()}, {@link #hosts()}
 * and {@link #ipAddresses()}, {@code RemediationSteps} into a list; MITRE columns into lists.
 */
public record SecurityAlert(
        String systemAlertId,
        String vendorOriginalId,
        String tenantId,
        Instant timeGenerated,
        String alertName,
        String displayName,
        String alertType,
        Severity severity,
        String status,
        String description,
        String providerName,
        String vendorName,
        String productName,
        String productComponentName,
        String resourceId,
        String sourceComputerId,
        String confidenceLevel,
        Double confidenceScore,
        Boolean isIncident,
        Instant startTime,
        Instant endTime,
        Instant processingEndTime,
        List<String> remediationSteps,
        AlertDetails details,
        List<IotDevice> devices,
        List<HostEntity> hosts,
        List<String> ipAddresses,
        String sourceSystem,
        String workspaceSubscriptionId,
        String workspaceResourceGroup,
        String extendedLinks,
        String alertLink,
        String compromisedEntity,
        List<String> tactics,
        List<String> techniques,
        List<String> subTechniques,
        String type) {

    public SecurityAlert {
        remediationSteps = List.copyOf(remediationSteps);
        devices = List.copyOf(devices);
        hosts = List.copyOf(hosts);
        ipAddresses = List.copyOf(ipAddresses);
        tactics = List.copyOf(tactics);
        techniques = List.copyOf(techniques);
        subTechniques = List.copyOf(subTechniques);
        details = details == null ? AlertDetails.NONE : details;
    }

    /** The product names and provider under which Defender for IoT writes its alerts (connector and newer content). */
    public boolean isFromDefenderForIot() {
        return "Azure Security Center for IoT".equals(productName)
                || "Microsoft Defender for IoT".equals(productName)
                || "IoTSecurity".equals(providerName);
    }

    /** The site of the alert: the first device entity that names one. */
    public String site() {
        return devices.stream().map(IotDevice::site).filter(s -> s != null && !s.isBlank()).findFirst().orElse(null);
    }

    /** The zone of the device that carries {@link #site()}. */
    public String zone() {
        return devices.stream().filter(d -> d.site() != null && !d.site().isBlank())
                .map(IotDevice::zone).findFirst().orElse(null);
    }

    /** The sensor's name from the device entities, or the sensor id of the extended properties. */
    public String sensor() {
        return devices.stream().map(IotDevice::sensor).filter(s -> s != null && !s.isBlank()).findFirst()
                .orElse(details.sensorId());
    }

    /** The engine that raised the alert: {@code ProductComponentName}, else the {@code Category} property. */
    public String engine() {
        return productComponentName != null && !productComponentName.isBlank() ? productComponentName : details.category();
    }
}
