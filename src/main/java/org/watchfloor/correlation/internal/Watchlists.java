package org.watchfloor.correlation.internal;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.watchfloor.correlation.rules.CrownJewel;
import org.watchfloor.correlation.rules.DeviceOwner;
import org.watchfloor.correlation.rules.MaintenanceWindow;
import org.watchfloor.correlation.rules.SensorContact;

/**
 * The CSV watchlists that rules read as facts. A row that cannot be read is a problem of the rule set, reported with
 * its file and line like a DRL error, so a broken watchlist never silently drops a maintenance window.
 */
record Watchlists(List<MaintenanceWindow> maintenanceWindows, List<CrownJewel> crownJewels,
                  List<DeviceOwner> deviceOwners, List<SensorContact> sensorContacts) {

    static final String MAINTENANCE_WINDOWS = "watchlists/maintenance-windows.csv";
    static final String CROWN_JEWELS = "watchlists/crown-jewels.csv";
    static final String DEVICE_OWNERS = "watchlists/device-owners.csv";
    static final String SENSOR_CONTACTS = "watchlists/sensor-contacts.csv";

    Watchlists {
        maintenanceWindows = List.copyOf(maintenanceWindows);
        crownJewels = List.copyOf(crownJewels);
        deviceOwners = List.copyOf(deviceOwners);
        sensorContacts = List.copyOf(sensorContacts);
    }

    List<Object> facts() {
        List<Object> facts = new ArrayList<>(maintenanceWindows);
        facts.addAll(crownJewels);
        facts.addAll(deviceOwners);
        facts.addAll(sensorContacts);
        return facts;
    }

    static Watchlists read(List<RuleSource.File> files, List<RuleProblem> problems) {
        List<MaintenanceWindow> windows = new ArrayList<>();
        List<CrownJewel> jewels = new ArrayList<>();
        List<DeviceOwner> owners = new ArrayList<>();
        List<SensorContact> contacts = new ArrayList<>();
        for (RuleSource.File file : files) {
            switch (file.path()) {
                case MAINTENANCE_WINDOWS -> Csv.rows(file, windowColumns(file), problems)
                        .forEach(row -> window(file, row, problems, windows));
                case CROWN_JEWELS -> Csv.rows(file, List.of("device", "reason"), problems)
                        .forEach(row -> jewels.add(new CrownJewel(row.values().get("device"), row.values().get("reason"))));
                case DEVICE_OWNERS -> Csv.rows(file, List.of("site", "device", "owner", "email"), problems)
                        .forEach(row -> owner(file, row, problems, owners));
                case SENSOR_CONTACTS -> Csv.rows(file, List.of("sensor", "site", "email"), problems)
                        .forEach(row -> contact(file, row, problems, contacts));
                default -> problems.add(new RuleProblem(file.path(), 0, 0, "not a known watchlist: expected "
                        + String.join(", ", MAINTENANCE_WINDOWS, CROWN_JEWELS, DEVICE_OWNERS, SENSOR_CONTACTS)));
            }
        }
        return new Watchlists(windows, jewels, owners, contacts);
    }

    private static void owner(RuleSource.File file, Csv.Row row, List<RuleProblem> problems, List<DeviceOwner> owners) {
        Map<String, String> v = row.values();
        if (v.get("site").isEmpty() && v.get("device").isEmpty()) {
            problems.add(new RuleProblem(file.path(), row.line(), 0, "name a site, a device or both"));
        } else if (v.get("owner").isEmpty() && v.get("email").isEmpty()) {
            problems.add(new RuleProblem(file.path(), row.line(), 0, "name an owner (user id), an email or both"));
        } else if (!v.get("email").isEmpty() && !isMailAddress(v.get("email"))) {
            problems.add(new RuleProblem(file.path(), row.line(), 0, "not a mail address: " + v.get("email")));
        } else {
            owners.add(new DeviceOwner(v.get("site"), v.get("device"), v.get("owner"), v.get("email")));
        }
    }

    private static void contact(RuleSource.File file, Csv.Row row, List<RuleProblem> problems,
                                List<SensorContact> contacts) {
        Map<String, String> v = row.values();
        if (v.get("sensor").isEmpty() && v.get("site").isEmpty()) {
            problems.add(new RuleProblem(file.path(), row.line(), 0, "name a sensor, a site or both"));
        } else if (!isMailAddress(v.get("email"))) {
            problems.add(new RuleProblem(file.path(), row.line(), 0, "not a mail address: " + v.get("email")));
        } else {
            contacts.add(new SensorContact(v.get("sensor"), v.get("site"), v.get("email")));
        }
    }

    /** Catches a shifted column or a name where an address belongs; the mail server judges the rest. */
    private static boolean isMailAddress(String value) {
        return value.matches("[^@\\s,;]+@[^@\\s,;]+");
    }

    /** The {@code action} column came later; a file without it suppresses in every window. */
    private static List<String> windowColumns(RuleSource.File file) {
        String header = file.content().lines().findFirst().orElse("");
        return header.contains("action") ? List.of("site", "device", "start", "end", "reason", "action")
                : List.of("site", "device", "start", "end", "reason");
    }

    private static void window(RuleSource.File file, Csv.Row row, List<RuleProblem> problems,
                               List<MaintenanceWindow> windows) {
        Map<String, String> v = row.values();
        String action = v.getOrDefault("action", "");
        if (!action.isEmpty() && !MaintenanceWindow.SUPPRESS.equals(action) && !MaintenanceWindow.CLOSE.equals(action)) {
            problems.add(new RuleProblem(file.path(), row.line(), 0, "action must be " + MaintenanceWindow.SUPPRESS
                    + " (no incident, the default) or " + MaintenanceWindow.CLOSE + " (the incident is closed at once)"));
            return;
        }
        try {
            Instant start = Instant.parse(v.get("start"));
            Instant end = Instant.parse(v.get("end"));
            if (!end.isAfter(start)) {
                problems.add(new RuleProblem(file.path(), row.line(), 0, "the window ends before it starts"));
                return;
            }
            windows.add(new MaintenanceWindow(v.get("site"), v.get("device"), start, end, v.get("reason"),
                    action.isEmpty() ? MaintenanceWindow.SUPPRESS : action));
        } catch (DateTimeParseException | NullPointerException e) {
            problems.add(new RuleProblem(file.path(), row.line(), 0,
                    "start and end must be ISO-8601 instants such as 2026-11-01T06:00:00Z"));
        }
    }
}
