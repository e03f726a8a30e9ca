package org.watchfloor.correlation.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The small CSV dialect of the watchlists: a header line, commas, double quotes around values that need them. */
final class Csv {

    record Row(int line, Map<String, String> values) {
    }

    private Csv() {
    }

    static List<Row> rows(RuleSource.File file, List<String> expectedHeader, List<RuleProblem> problems) {
        List<Row> rows = new ArrayList<>();
        String[] lines = file.content().split("\r?\n", -1);
        List<String> header = null;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> cells = split(line);
            if (header == null) {
                header = cells.stream().map(String::trim).toList();
                if (!header.equals(expectedHeader)) {
                    problems.add(new RuleProblem(file.path(), i + 1, 0,
                            "the header must be " + String.join(",", expectedHeader)));
                    return rows;
                }
                continue;
            }
            if (cells.size() != header.size()) {
                problems.add(new RuleProblem(file.path(), i + 1, 0,
                        "expected " + header.size() + " values, found " + cells.size()));
                continue;
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                values.put(header.get(c), cells.get(c).trim());
            }
            rows.add(new Row(i + 1, values));
        }
        return rows;
    }

    private static List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
