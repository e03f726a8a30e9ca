package org.watchfloor.alerts;

import java.io.IOException;
import java.io.InputStream;

/**
 * The one intake pipeline: validate, normalize, dedupe by {@code SystemAlertId}, store, publish
 * {@link AlertsReceived}. Every path (REST, file, upload, Log Analytics) goes through here.
 */
public interface AlertIntake {

    /**
     * Reads a JSON document of alert rows as it streams in: one row object, an array of rows, or a Log Analytics
     * query-API answer ({@code {"tables":[...]}}).
     *
     * @throws MalformedIntakeException when the document as a whole is not one of these shapes
     */
    IntakeResult ingest(InputStream json, IntakePath path) throws IOException;
}
