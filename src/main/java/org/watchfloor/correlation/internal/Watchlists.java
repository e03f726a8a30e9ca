package org.watchfloor.correlation.internal;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.watchfloor.correlation.rules.CrownJewel;
import org.watchfloor.correlation.rules.MaintenanceWindow;

/**
 * The CSV watchlists that rules read as facts. A row that cannot be read is a problem of the rule set, reported with
 * its file and line like a DRL error, so a broken watchlist never silently drops a maintenance window.
 */
record Watchlists(List<MaintenanceWindow> maintenanceWindows, List<CrownJewel> crownJewels) {

    static final String MAINTENANCE_WINDOWS = "watchlists/maintenance-windows.csv";
    static final String CROWN_JEWELS = "watchlists/crown-jewels.csv";

    Watchlists {
        maintenanceWindows = List.copyOf(maintenanceWindows);
        crownJewels = List.copyOf(crownJewels);
    }

    List<Object> facts() {
        List<Object> facts = new ArrayList<>(maintenanceWindows);
        facts.addAll(crownJewels);
        return facts;
    }

    static Watchlists read(List<RuleSource.File> files, List<RuleProblem> problems) {
        List<MaintenanceWindow> windows = new ArrayList<>();
        List<CrownJewel> jewels = new ArrayList<>();
        for (RuleSource.File file : files) {
            switch (file.path()) {
                case MAINTENANCE_WINDOWS -> Csv.rows(file, List.of("site", "device", "start", "end", "reason"), problems)
                        .forEach(row -> window(file, row, problems, windows));
                case CROWN_JEWELS -> Csv.rows(file, List.of("device", "reason"), problems)
                        .forEach(row -> jewels.add(new CrownJewel(row.values().get("device"), row.values().get("reason"))));
                default -> problems.add(new RuleProblem(file.path(), 0, 0, "not a known watchlist: expected "
                        + MAINTENANCE_WINDOWS + " or " + CROWN_JEWELS));
            }
        }
        return new Watchlists(windows, jewels);
    }

    private static void window(RuleSource.File file, Csv.Row row, List<RuleProblem> problems,
                               List<MaintenanceWindow> windows) {
        Map<String, String> v = row.values();
        try {
            Instant start = Instant.parse(v.get("start"));
            Instant end = Instant.parse(v.get("end"));
            if (!end.isAfter(start)) {
                problems.add(new RuleProblem(file.path(), row.line(), 0, "the window ends before it starts"));
                return;
            }
            windows.add(new MaintenanceWindow(v.get("site"), v.get("device"), start, end, v.get("reason")));
        } catch (DateTimeParseException | NullPointerException e) {
            problems.add(new RuleProblem(file.path(), row.line(), 0,
                    "start and end must be ISO-8601 instants such as 2026-11-01T06:00:00Z"));
        }
    }
}
