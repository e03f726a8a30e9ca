package org.watchfloor.reporting.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tables of a report as the templates read them: one data source row per table row, with the table's title,
 * its column headings, up to five cells of text, and the numbers a chart draws ({@code value}, {@code value2}) for
 * the rows of a table that feeds one ({@code chart}). A table without rows gets one that says so.
 */
final class ReportSections {

    static final int COLUMNS = 5;

    private final List<Map<String, ?>> rows = new ArrayList<>();

    Section section(String title, String... headings) {
        return new Section(title, null, headings);
    }

    /** A table whose rows also feed the chart of that name in the template. */
    Section charted(String title, String chart, String... headings) {
        return new Section(title, chart, headings);
    }

    List<Map<String, ?>> rows() {
        return rows;
    }

    final class Section {

        private final String title;
        private final String chart;
        private final String[] headings;
        private int count;

        private Section(String title, String chart, String[] headings) {
            if (headings.length > COLUMNS) {
                throw new IllegalArgumentException("a report table has at most " + COLUMNS + " columns");
            }
            this.title = title;
            this.chart = chart;
            this.headings = headings;
        }

        Section row(String... cells) {
            return add(null, null, cells);
        }

        Section charted(long value, String... cells) {
            return add(value, null, cells);
        }

        Section charted(long value, long value2, String... cells) {
            return add(value, value2, cells);
        }

        /** Closes the table: one row saying {@code none} when nothing was added. */
        void orNone(String none) {
            if (count == 0) {
                add(null, null, new String[] {none});
            }
        }

        private Section add(Long value, Long value2, String[] cells) {
            Map<String, Object> row = new HashMap<>();
            row.put("section", title);
            row.put("chart", chart);
            row.put("value", value);
            row.put("value2", value2);
            for (int i = 0; i < COLUMNS; i++) {
                row.put("h" + (i + 1), i < headings.length ? headings[i] : null);
                row.put("c" + (i + 1), i < cells.length ? cells[i] : null);
            }
            rows.add(row);
            count++;
            return this;
        }
    }
}
