package org.watchfloor.alerts;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Records every {@link AlertsReceived} as it arrives after commit: whether its new alerts could be read then, and how
 * each differs from the stored alert. Correlation decides the announced alerts without reading them back, so each
 * must be exactly the alert a read gives; looking at commit, before a later batch updates it.
 */
@TestConfiguration
public class ReceivedAlerts {

    public final List<AlertsReceived> received = new CopyOnWriteArrayList<>();
    public final List<Boolean> committedWhenSeen = new CopyOnWriteArrayList<>();
    public final List<String> differences = new CopyOnWriteArrayList<>();
    private final AlertQueries alerts;

    ReceivedAlerts(AlertQueries alerts) {
        this.alerts = alerts;
    }

    public void clear() {
        received.clear();
        committedWhenSeen.clear();
        differences.clear();
    }

    @TransactionalEventListener
    void on(AlertsReceived event) {
        Map<String, StoredAlert> stored = alerts.findAll(event.newAlertIds()).stream()
                .collect(Collectors.toMap(a -> a.alert().systemAlertId(), Function.identity()));
        committedWhenSeen.add(stored.size() == event.newAlerts().size());
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
        received.add(event);
    }
}
