package org.watchfloor.alerts.internal.generator;

import java.time.Instant;

/**
 * One row the generator writes: an alert as first reported, or a later row of the same alert (same
 * {@code SystemAlertId} and {@code VendorOriginalId}, later {@code TimeGenerated}, {@code isNew} false, a new
 * status), as Defender for IoT writes when an alert's status changes.
 */
record GeneratedAlert(
        String systemAlertId,
        String vendorOriginalId,
        AlertKind kind,
        Inventory.Device source,
        Inventory.Device destination,
        String protocol,
        String productName,
        Instant startTime,
        Instant endTime,
        Instant processingEndTime,
        Instant timeGenerated,
        String status,
        boolean isNew) {

    GeneratedAlert updated(Instant time, String newStatus, Instant lastSeen) {
        return new GeneratedAlert(systemAlertId, vendorOriginalId, kind, source, destination, protocol, productName,
                startTime, lastSeen.isAfter(endTime) ? lastSeen : endTime, processingEndTime, time, newStatus, false);
    }
}
