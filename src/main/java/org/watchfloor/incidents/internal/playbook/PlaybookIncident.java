package org.watchfloor.incidents.internal.playbook;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.watchfloor.alerts.IotDevice;
import org.watchfloor.alerts.StoredAlert;

/**
 * An incident as a playbook acts on it: what it is, where it stands, and its alerts as stored, earliest first.
 *
 * @param triageStatuses what the SOC decided about its alerts (Closed, Learn, Mute) by alert id; untriaged ones absent
 */
record PlaybookIncident(long number, String title, String severity, String status, String classification,
                        String owner, List<StoredAlert> alerts, Map<String, String> triageStatuses) {

    PlaybookIncident {
        alerts = List.copyOf(alerts);
        triageStatuses = Map.copyOf(triageStatuses);
    }

    /** The distinct devices of its alerts, in the order they first appear. */
    List<IotDevice> devices() {
        Map<String, IotDevice> devices = new LinkedHashMap<>();
        alerts.forEach(a -> a.alert().devices().forEach(d -> devices.putIfAbsent(d.identity(), d)));
        return List.copyOf(devices.values());
    }
}
