package org.watchfloor.alerts;

import java.util.List;

/** An {@code iotdevice} entity of an alert: what Defender for IoT knows of one device on the OT network. */
public record IotDevice(
        String deviceId,
        String name,
        String type,
        String subType,
        String vendor,
        String model,
        String macAddress,
        String ipAddress,
        String site,
        String zone,
        String sensor,
        String importance,
        String purdueLevel,
        List<String> owners,
        Boolean authorized,
        Boolean programming,
        Boolean scanner,
        String pageLink) {

    public IotDevice {
        owners = owners == null ? List.of() : List.copyOf(owners);
    }

    /** One device by Defender's device id; entities without one are told apart by name and address. */
    public String identity() {
        return deviceId != null && !deviceId.isBlank() ? "id:" + deviceId : "name:" + name + "@" + ipAddress;
    }
}
