package org.watchfloor.alerts.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * Streams the rows of a JSON document, whatever shape it has: one row object, an array of row objects (a Log
 * Analytics export), or a query-API answer whose tables hold column definitions and arrays of cells. Only one row
 * is in memory at a time, so a file of any size can be read.
 */
@Component
class AlertRowReader {

    /** One row as it was read, with its place in the document; the node is null when the row is not an object. */
    record RawRow(long index, JsonNode node, String raw) {
    }

    /** The document is none of the shapes, or breaks off; rows handed out before stay handed out. */
    static class UnreadableDocumentException extends IOException {
        UnreadableDocumentException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final ObjectMapper json;

    AlertRowReader(ObjectMapper json) {
        this.json = json;
    }

    void read(InputStream in, Consumer<RawRow> rows) throws IOException {
        DocumentBytes document = new DocumentBytes(in);
        try (JsonParser parser = json.createParser(document)) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_ARRAY) {
                readRowArray(parser, document, rows);
            } else if (first == JsonToken.START_OBJECT) {
                readTopObject(parser, document, rows);
            } else {
                throw new UnreadableDocumentException(first == null
                        ? "the document is empty"
                        : "the document is neither a row object, an array of rows nor a query-API answer", null);
            }
        } catch (UnreadableDocumentException e) {
            throw e;
        } catch (IOException e) {
            throw new UnreadableDocumentException("the document is not valid JSON: " + e.getMessage(), e);
        }
    }

    /**
     * A row object's raw text is its bytes in the document, verbatim; where they cannot be cut out (a document in
     * UTF-16, say) it is written again from the parsed row.
     */
    private void readRowArray(JsonParser parser, DocumentBytes document, Consumer<RawRow> rows) throws IOException {
        long index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            long start = parser.currentTokenLocation().getByteOffset();
            JsonNode node = parser.readValueAsTree();
            long end = parser.currentTokenLocation().getByteOffset();
            String raw = node.isObject() && start >= 0 && end >= 0 ? document.cut(start, end + 1) : null;
            if (raw == null || raw.charAt(0) != '{' || raw.charAt(raw.length() - 1) != '}') {
                document.forgetBefore(end < 0 ? -1 : end + 1);
                raw = node.toString();
            }
            rows.accept(new RawRow(index++, node.isObject() ? node : null, raw));
        }
    }

    /** A query-API answer names its {@code tables}; any other object is a single row. */
    private void readTopObject(JsonParser parser, DocumentBytes document, Consumer<RawRow> rows)
            throws IOException {
        ObjectNode row = json.createObjectNode();
        boolean tables = false;
        long[] index = {0};
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("tables".equals(field) && value == JsonToken.START_ARRAY) {
                tables = true;
                while (parser.nextToken() == JsonToken.START_OBJECT) {
                    readTable(parser, document, rows, index);
                }
            } else {
                row.set(field, parser.readValueAsTree());
            }
        }
        if (!tables) {
            rows.accept(new RawRow(0, row, row.toString()));
        }
    }

    /** A query-API row is an array of cells, so its raw text is the row object made of them and the columns. */
    private void readTable(JsonParser parser, DocumentBytes document, Consumer<RawRow> rows, long[] index)
            throws IOException {
        List<String> columns = null;
        List<ArrayNode> early = new ArrayList<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("columns".equals(field)) {
                columns = columnNames(parser.readValueAsTree());
                for (ArrayNode cells : early) {
                    emit(cells, columns, rows, index);
                }
                early.clear();
            } else if ("rows".equals(field) && value == JsonToken.START_ARRAY) {
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    JsonNode cells = parser.readValueAsTree();
                    document.forgetBefore(parser.currentTokenLocation().getByteOffset());
                    if (!cells.isArray()) {
                        rows.accept(new RawRow(index[0]++, null, cells.toString()));
                    } else if (columns == null) {
                        early.add((ArrayNode) cells);
                    } else {
                        emit((ArrayNode) cells, columns, rows, index);
                    }
                }
            } else {
                parser.skipChildren();
            }
        }
        if (columns == null && !early.isEmpty()) {
            throw new UnreadableDocumentException("a query-API table has rows but no columns", null);
        }
    }

    private static List<String> columnNames(JsonNode columns) throws UnreadableDocumentException {
        if (!columns.isArray()) {
            throw new UnreadableDocumentException("a query-API table's columns are not an array", null);
        }
        List<String> names = new ArrayList<>();
        columns.forEach(c -> names.add(c.path("name").asText(c.asText())));
        return names;
    }

    private void emit(ArrayNode cells, List<String> columns, Consumer<RawRow> rows, long[] index) {
        ObjectNode row = json.createObjectNode();
        for (int i = 0; i < cells.size(); i++) {
            row.set(i < columns.size() ? columns.get(i) : "column" + i, cells.get(i));
        }
        rows.accept(new RawRow(index[0]++, row, row.toString()));
    }
}
