package org.watchfloor.incidents.internal.playbook;

import java.util.LinkedHashMap;
import java.util.stream.Collectors;
import org.watchfloor.alerts.StoredAlert;

/** Wording the playbook mails share. */
final class PlaybookText {

    private PlaybookText() {
    }

    /** The distinct alert names of an incident with how often each came, in order of first appearance. */
    static String alertNames(PlaybookIncident incident) {
        return incident.alerts().stream().map(StoredAlert::alert)
                .collect(Collectors.groupingBy(a -> orDash(a.alertName()), LinkedHashMap::new,
                        Collectors.counting()))
                .entrySet().stream().map(e -> e.getKey() + (e.getValue() > 1 ? " (" + e.getValue() + "×)" : ""))
                .collect(Collectors.joining(", "));
    }

    static String orDash(String value) {
        return value == null || value.isBlank() ? "-" : value;
    }
}
