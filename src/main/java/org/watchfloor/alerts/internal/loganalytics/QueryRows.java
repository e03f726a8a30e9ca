package org.watchfloor.alerts.internal.loganalytics;

import com.azure.monitor.query.models.LogsColumnType;
import com.azure.monitor.query.models.LogsTable;
import com.azure.monitor.query.models.LogsTableCell;
import com.azure.monitor.query.models.LogsTableRow;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * A query's result table as the JSON array of row objects keyed by column name that the intake reads, the shape a
 * Log Analytics export has. Cells are read by their own column name because {@link LogsTable#getColumns()} is empty
 * in azure-monitor-query 1.5.2. Booleans and numbers stay JSON booleans and numbers; times and dynamic values stay
 * the text the service sent, so nothing is lost to a reformatting.
 *
 * @param json          the rows
 * @param rows          how many rows
 * @param latest        the latest {@code TimeGenerated} among them, null when no row has a readable one
 */
record QueryRows(byte[] json, int rows, Instant latest) {

    static final String TIME_GENERATED = "TimeGenerated";

    static QueryRows of(LogsTable table, ObjectMapper mapper) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Instant latest = null;
        int count = 0;
        try (JsonGenerator json = mapper.getFactory().createGenerator(out)) {
            json.writeStartArray();
            for (LogsTableRow row : table.getRows()) {
                json.writeStartObject();
                for (LogsTableCell cell : row.getRow()) {
                    json.writeFieldName(cell.getColumnName());
                    write(cell, json);
                    if (TIME_GENERATED.equals(cell.getColumnName())) {
                        latest = later(latest, cell.getValueAsString());
                    }
                }
                json.writeEndObject();
                count++;
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the query result as JSON", e);
        }
        return new QueryRows(out.toByteArray(), count, latest);
    }

    private static void write(LogsTableCell cell, JsonGenerator json) throws IOException {
        String value = cell.getValueAsString();
        LogsColumnType type = cell.getColumnType();
        if (value == null) {
            json.writeNull();
            return;
        }
        if (LogsColumnType.BOOL.equals(type) && isBoolean(value)) {
            json.writeBoolean(Boolean.parseBoolean(value));
            return;
        }
        BigDecimal number = isNumeric(type) ? number(value) : null;
        if (number != null) {
            json.writeNumber(number);
        } else {
            json.writeString(value);
        }
    }

    private static boolean isNumeric(LogsColumnType type) {
        return LogsColumnType.REAL.equals(type) || LogsColumnType.INT.equals(type)
                || LogsColumnType.LONG.equals(type) || LogsColumnType.DECIMAL.equals(type);
    }

    private static boolean isBoolean(String value) {
        return value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false");
    }

    /** NaN and infinities have no JSON number, so they stay text. */
    private static BigDecimal number(String value) {
        try {
            return new BigDecimal(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A row whose time cannot be read does not move the watermark; the intake quarantines it. */
    private static Instant later(Instant latest, String text) {
        if (text == null) {
            return latest;
        }
        try {
            Instant t = OffsetDateTime.parse(text.trim()).toInstant();
            return latest == null || t.isAfter(latest) ? t : latest;
        } catch (DateTimeParseException e) {
            return latest;
        }
    }
}
