package org.watchfloor.incidents.internal.playbook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.watchfloor.alerts.SecurityAlert;
import org.watchfloor.alerts.StoredAlert;
import org.watchfloor.incidents.WatchlistQueries;

/**
 * The mail-by-sensor playbook: every address the sensor-contacts watchlist names for a sensor (or site) of the
 * incident's alerts gets one mail listing those sensors and how many of the incident's alerts each raised.
 */
@Service
class SensorContactMail {

    private final PlaybookIncidents incidents;
    private final WatchlistQueries watchlists;
    private final IncidentNotifier notifier;

    SensorContactMail(PlaybookIncidents incidents, WatchlistQueries watchlists, IncidentNotifier notifier) {
        this.incidents = incidents;
        this.watchlists = watchlists;
        this.notifier = notifier;
    }

    /** @return the addresses mailed */
    List<String> send(long number) {
        PlaybookIncident incident = incidents.get(number);
        Map<String, Long> alertsBySensor = incident.alerts().stream().map(StoredAlert::alert)
                .collect(Collectors.groupingBy(SensorContactMail::sensorAtSite, LinkedHashMap::new,
                        Collectors.counting()));
        Map<String, Map<String, Long>> sensorsByContact = new LinkedHashMap<>();
        for (SecurityAlert alert : incident.alerts().stream().map(StoredAlert::alert).toList()) {
            for (String contact : watchlists.contactsOf(alert.sensor(), alert.site())) {
                String sensor = sensorAtSite(alert);
                sensorsByContact.computeIfAbsent(contact.toLowerCase(), c -> new LinkedHashMap<>())
                        .put(sensor, alertsBySensor.get(sensor));
            }
        }
        List<String> mailed = new ArrayList<>();
        sensorsByContact.forEach((contact, sensors) -> mailed.addAll(notifier.notifyAddresses(List.of(contact),
                number, "alerts from sensors you follow",
                "Incident " + number + " holds alerts from sensors you follow:\n"
                        + sensors.entrySet().stream().map(e -> "- " + e.getKey() + ": " + e.getValue()
                                + (e.getValue() == 1 ? " alert" : " alerts")).collect(Collectors.joining("\n"))
                        + "\n\nAlerts: " + PlaybookText.alertNames(incident))));
        return mailed;
    }

    private static String sensorAtSite(SecurityAlert alert) {
        return PlaybookText.orDash(alert.sensor()) + " at " + PlaybookText.orDash(alert.site());
    }
}
