package org.watchfloor.incidents.internal.playbook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.watchfloor.alerts.IotDevice;
import org.watchfloor.alerts.SecurityAlert;
import org.watchfloor.alerts.StoredAlert;
import org.watchfloor.incidents.WatchlistQueries;
import org.watchfloor.incidents.WatchlistQueries.Owner;

/**
 * The two mail playbooks, whose recipients come from the watchlists: each recipient gets one mail listing what of
 * theirs the incident involves, so a site owner with five devices in it reads one mail, not five.
 */
@Service
class WatchlistMail {

    private final PlaybookIncidents incidents;
    private final WatchlistQueries watchlists;
    private final IncidentNotifier notifier;

    WatchlistMail(PlaybookIncidents incidents, WatchlistQueries watchlists, IncidentNotifier notifier) {
        this.incidents = incidents;
        this.watchlists = watchlists;
        this.notifier = notifier;
    }

    /**
     * Mails every owner the device-owners watchlist names for a device of the incident or for its site. An owner
     * listed by user id only is mailed at the email of their account.
     *
     * @return the addresses mailed
     */
    List<String> mailDeviceOwners(long number) {
        PlaybookIncident incident = incidents.get(number);
        Map<Owner, Set<IotDevice>> devicesByOwner = new LinkedHashMap<>();
        for (IotDevice device : incident.devices()) {
            for (Owner owner : watchlists.ownersOf(device)) {
                devicesByOwner.computeIfAbsent(recipient(owner), o -> new LinkedHashSet<>()).add(device);
            }
        }
        List<String> mailed = new ArrayList<>();
        devicesByOwner.forEach((owner, devices) -> {
            String subject = "a device you own is involved";
            String text = "Incident " + number + " involves devices you own:\n"
                    + devices.stream().map(WatchlistMail::describe).collect(Collectors.joining("\n"))
                    + "\n\nAlerts: " + alertNames(incident);
            mailed.addAll(owner.email() != null
                    ? notifier.notifyAddresses(List.of(owner.email()), number, subject, text)
                    : notifier.notifyUsers(List.of(owner.userId()), number, subject, text));
        });
        return mailed;
    }

    /**
     * Mails every address the sensor-contacts watchlist names for a sensor (or site) of the incident's alerts, with
     * how many of its alerts each of their sensors raised.
     *
     * @return the addresses mailed
     */
    List<String> mailSensorContacts(long number) {
        PlaybookIncident incident = incidents.get(number);
        List<SecurityAlert> alerts = incident.alerts().stream().map(StoredAlert::alert).toList();
        Map<String, Long> alertsBySensor = alerts.stream()
                .collect(Collectors.groupingBy(WatchlistMail::sensorAtSite, LinkedHashMap::new, Collectors.counting()));
        Map<String, Set<String>> sensorsByContact = new LinkedHashMap<>();
        for (SecurityAlert alert : alerts) {
            for (String contact : watchlists.contactsOf(alert.sensor(), alert.site())) {
                sensorsByContact.computeIfAbsent(contact.toLowerCase(), c -> new LinkedHashSet<>())
                        .add(sensorAtSite(alert));
            }
        }
        List<String> mailed = new ArrayList<>();
        sensorsByContact.forEach((contact, sensors) -> mailed.addAll(notifier.notifyAddresses(List.of(contact),
                number, "alerts from sensors you follow", "Incident " + number
                        + " holds alerts from sensors you follow:\n" + sensors.stream()
                        .map(s -> "- " + s + ": " + alertsBySensor.get(s) + (alertsBySensor.get(s) == 1 ? " alert"
                                : " alerts")).collect(Collectors.joining("\n"))
                        + "\n\nAlerts: " + alertNames(incident))));
        return mailed;
    }

    /** Rows naming the same address are one recipient, whichever user ids they carry. */
    private static Owner recipient(Owner owner) {
        return owner.email() != null ? new Owner(null, owner.email().toLowerCase()) : owner;
    }

    private static String describe(IotDevice d) {
        return "- " + orDash(d.name()) + " (" + orDash(d.type()) + ", " + orDash(d.ipAddress()) + ") at "
                + orDash(d.site()) + (d.zone() == null ? "" : " / " + d.zone());
    }

    private static String sensorAtSite(SecurityAlert alert) {
        return orDash(alert.sensor()) + " at " + orDash(alert.site());
    }

    /** The distinct alert names of an incident with how often each came, in order of first appearance. */
    private static String alertNames(PlaybookIncident incident) {
        return incident.alerts().stream().map(StoredAlert::alert)
                .collect(Collectors.groupingBy(a -> orDash(a.alertName()), LinkedHashMap::new, Collectors.counting()))
                .entrySet().stream().map(e -> e.getKey() + (e.getValue() > 1 ? " (" + e.getValue() + "×)" : ""))
                .collect(Collectors.joining(", "));
    }

    private static String orDash(String value) {
        return value == null || value.isBlank() ? "-" : value;
    }
}
