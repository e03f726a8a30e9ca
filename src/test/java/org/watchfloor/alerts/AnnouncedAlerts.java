package org.watchfloor.alerts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Correlation decides the new alerts an {@link AlertsReceived} announces without reading them back, so each must be
 * exactly the alert a read gives: for tests that look when the batch commits.
 */
public final class AnnouncedAlerts {

    private AnnouncedAlerts() {
    }

    /** How each announced alert differs from the stored one, in words; empty when all are the same. */
    public static List<String> differences(AlertsReceived event, AlertQueries alerts) {
        Map<String, StoredAlert> stored = alerts.findAll(event.newAlertIds()).stream()
                .collect(Collectors.toMap(a -> a.alert().systemAlertId(), Function.identity()));
        List<String> differences = new ArrayList<>();
        for (AlertsReceived.NewAlert announced : event.newAlerts()) {
            StoredAlert read = stored.get(announced.alert().systemAlertId());
            if (read == null) {
                differences.add(announced.alert().systemAlertId() + " is not stored");
            } else if (!announced.alert().equals(read.alert())) {
                differences.add("announced " + announced.alert() + " but stored " + read.alert());
            } else if (!announced.firstSeen().equals(read.firstSeen())) {
                differences.add(announced.alert().systemAlertId() + " first seen " + announced.firstSeen()
                        + " but stored " + read.firstSeen());
            }
        }
        return differences;
    }
}
