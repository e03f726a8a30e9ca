package org.watchfloor.alerts;

/**
 * The typed content of {@code ExtendedProperties}. Every field may be missing on a real row; the engine is the
 * {@code Category} key.
 */
public record AlertDetails(
        String category,
        String compromisedEntityId,
        String sourceDevice,
        String sourceDeviceAddress,
        String destinationDevice,
        String destinationDeviceAddress,
        String deviceId,
        String sensorId,
        String protocol,
        Boolean processedBySentinel,
        Boolean isNew,
        String alertManagementUri) {

    public static final AlertDetails NONE =
            new AlertDetails(null, null, null, null, null, null, null, null, null, null, null, null);
}
