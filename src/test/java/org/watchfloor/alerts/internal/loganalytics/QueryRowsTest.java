package org.watchfloor.alerts.internal.loganalytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.monitor.query.models.LogsColumnType;
import com.azure.monitor.query.models.LogsTable;
import com.azure.monitor.query.models.LogsTableCell;
import com.azure.monitor.query.models.LogsTableRow;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryRowsTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void cellsBecomeRowObjectsKeyedByTheirColumnNameWithTheirJsonTypesKept() throws Exception {
        LogsTable table = table(
                row(0, "2026-11-01T14:18:17.4820000Z", "false", null, "42", "[{\"$id\":\"1\",\"Type\":\"ip\"}]", "NaN"),
                row(1, "2026-11-01T15:00:00.1234567Z", "True", "0.75", "-7", "", "1.5E-3"));

        QueryRows rows = QueryRows.of(table, mapper);

        assertThat(rows.rows()).isEqualTo(2);
        JsonNode json = mapper.readTree(rows.json());
        assertThat(json.isArray()).isTrue();
        JsonNode first = json.get(0);
        assertThat(first.get("TimeGenerated").textValue()).as("the service's text, all seven digits")
                .isEqualTo("2026-11-01T14:18:17.4820000Z");
        assertThat(first.get("IsIncident").isBoolean()).isTrue();
        assertThat(first.get("IsIncident").booleanValue()).isFalse();
        assertThat(first.get("ConfidenceScore").isNull()).isTrue();
        assertThat(first.get("Count").isIntegralNumber()).isTrue();
        assertThat(first.get("Count").longValue()).isEqualTo(42);
        assertThat(first.get("Entities").textValue()).isEqualTo("[{\"$id\":\"1\",\"Type\":\"ip\"}]");
        assertThat(first.get("Score").textValue()).as("JSON has no NaN").isEqualTo("NaN");
        JsonNode second = json.get(1);
        assertThat(second.get("IsIncident").booleanValue()).isTrue();
        assertThat(second.get("ConfidenceScore").doubleValue()).isEqualTo(0.75);
        assertThat(second.get("Count").longValue()).isEqualTo(-7);
        assertThat(second.get("Score").doubleValue()).isEqualTo(0.0015);
        assertThat(rows.latest()).isEqualTo(Instant.parse("2026-11-01T15:00:00.1234567Z"));
    }

    @Test
    void rowWithAnUnreadableTimeDoesNotMoveTheLatestTime() {
        LogsTable table = table(
                row(0, "2026-11-01T14:18:17.482Z", "false", null, "1", "", "1"),
                row(1, "yesterday", "false", null, "1", "", "1"));

        QueryRows rows = QueryRows.of(table, mapper);

        assertThat(rows.rows()).isEqualTo(2);
        assertThat(rows.latest()).isEqualTo(Instant.parse("2026-11-01T14:18:17.482Z"));
    }

    @Test
    void emptyResultIsAnEmptyArrayWithoutALatestTime() throws Exception {
        QueryRows rows = QueryRows.of(table(), mapper);

        assertThat(mapper.readTree(rows.json()).size()).isZero();
        assertThat(rows.latest()).isNull();
    }

    /** As azure-monitor-query 1.5.2 builds it: the cells carry the column names, the column list is empty. */
    private static LogsTable table(LogsTableRow... rows) {
        List<LogsTableCell> cells = new ArrayList<>();
        for (LogsTableRow row : rows) {
            cells.addAll(row.getRow());
        }
        return new LogsTable(cells, List.of(rows), List.of());
    }

    private static LogsTableRow row(int index, Object time, Object incident, Object confidence, Object count,
                                    Object entities, Object score) {
        return new LogsTableRow(index, List.of(
                new LogsTableCell("TimeGenerated", LogsColumnType.DATETIME, 0, index, time),
                new LogsTableCell("IsIncident", LogsColumnType.BOOL, 1, index, incident),
                new LogsTableCell("ConfidenceScore", LogsColumnType.REAL, 2, index, confidence),
                new LogsTableCell("Count", LogsColumnType.LONG, 3, index, count),
                new LogsTableCell("Entities", LogsColumnType.DYNAMIC, 4, index, entities),
                new LogsTableCell("Score", LogsColumnType.REAL, 5, index, score)));
    }
}
