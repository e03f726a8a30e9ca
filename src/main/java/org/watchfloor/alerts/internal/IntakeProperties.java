package org.watchfloor.alerts.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Intake settings.
 *
 * @param maxBodySize    the largest body {@code POST /api/alerts} and the upload accept; larger gets 413
 * @param batchSize      rows stored per transaction; one {@code AlertsReceived} is published per batch
 */
@ConfigurationProperties("watchfloor.intake")
record IntakeProperties(
        @DefaultValue("64MB") DataSize maxBodySize,
        @DefaultValue("250") int batchSize) {
}
