package org.watchfloor.alerts.internal.generator;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;

/**
 * Streams generated rows into one of the two documents Watchfloor imports, a row at a time, so the size of the
 * file never shows in the heap. Each row goes on a line of its own, which keeps large files greppable and their
 * diffs readable.
 */
final class AlertFileWriter implements Closeable {

    enum Format {
        /** A JSON array of row objects keyed by column name: what exporting a Log Analytics result gives. */
        EXPORT,
        /** The Log Analytics query API's answer: {@code {"tables":[{"name","columns","rows"}]}}. */
        API;

        static Format of(String text) {
            try {
                return valueOf(text.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--format must be export or api, not " + text);
            }
        }
    }

    private static final List<SecurityAlertColumns.Column> COLUMNS = SecurityAlertColumns.COLUMNS;

    private final JsonGenerator json;
    private final Format format;
    private final SecurityAlertColumns columns = new SecurityAlertColumns();

    AlertFileWriter(OutputStream out, Format format) throws IOException {
        this.json = new JsonFactory().createGenerator(out, JsonEncoding.UTF8);
        this.format = format;
        json.setPrettyPrinter(new RowPerLine(format == Format.API ? 4 : 1));
        if (format == Format.API) {
            json.writeStartObject();
            json.writeArrayFieldStart("tables");
            json.writeStartObject();
            json.writeStringField("name", "PrimaryResult");
            json.writeArrayFieldStart("columns");
            for (SecurityAlertColumns.Column column : COLUMNS) {
                json.writeStartObject();
                json.writeStringField("name", column.name());
                json.writeStringField("type", column.type());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("rows");
        } else {
            json.writeStartArray();
        }
    }

    void write(GeneratedAlert alert) throws IOException {
        Object[] cells = columns.cells(alert);
        if (format == Format.API) {
            json.writeStartArray();
            for (Object cell : cells) {
                writeCell(cell);
            }
            json.writeEndArray();
        } else {
            json.writeStartObject();
            for (int i = 0; i < cells.length; i++) {
                json.writeFieldName(COLUMNS.get(i).name());
                writeCell(cells[i]);
            }
            json.writeEndObject();
        }
    }

    private void writeCell(Object cell) throws IOException {
        if (cell == null) {
            json.writeNull();
        } else if (cell instanceof Boolean b) {
            json.writeBoolean(b);
        } else {
            json.writeString((String) cell);
        }
    }

    @Override
    public void close() throws IOException {
        json.writeEndArray();
        if (format == Format.API) {
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeRaw('\n');
        json.close();
    }

    /**
     * Compact JSON with a line break before each element of the arrays at one depth: the rows (and, in a query
     * answer, the column definitions beside them).
     */
    private static final class RowPerLine extends MinimalPrettyPrinter {

        private final int rowDepth;

        RowPerLine(int rowDepth) {
            this.rowDepth = rowDepth;
        }

        @Override
        public void beforeArrayValues(JsonGenerator g) throws IOException {
            lineBreak(g);
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(',');
            lineBreak(g);
        }

        @Override
        public void writeEndArray(JsonGenerator g, int values) throws IOException {
            lineBreak(g);
            g.writeRaw(']');
        }

        private void lineBreak(JsonGenerator g) throws IOException {
            if (g.getOutputContext().getNestingDepth() == rowDepth) {
                g.writeRaw('\n');
            }
        }
    }
}
