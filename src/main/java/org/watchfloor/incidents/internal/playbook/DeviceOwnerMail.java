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
import org.watchfloor.incidents.WatchlistQueries;
import org.watchfloor.incidents.WatchlistQueries.Owner;

/**
 * The mail-device-owner playbook: every owner the device-owners watchlist names for a device of the incident (or for
 * its site) gets one mail listing their devices in it. An owner listed by user id only is mailed at the email of their
 * account.
 */
@Service
class DeviceOwnerMail {

    private final PlaybookIncidents incidents;
    private final WatchlistQueries watchlists;
    private final IncidentNotifier notifier;

    DeviceOwnerMail(PlaybookIncidents incidents, WatchlistQueries watchlists, IncidentNotifier notifier) {
        this.incidents = incidents;
        this.watchlists = watchlists;
        this.notifier = notifier;
    }

    /** @return the addresses mailed */
    List<String> send(long number) {
        PlaybookIncident incident = incidents.get(number);
        Map<Owner, Set<IotDevice>> devicesByOwner = new LinkedHashMap<>();
        for (IotDevice device : incident.devices()) {
            for (Owner owner : watchlists.ownersOf(device)) {
                devicesByOwner.computeIfAbsent(recipient(owner), o -> new LinkedHashSet<>()).add(device);
            }
        }
        List<String> mailed = new ArrayList<>();
        devicesByOwner.forEach((owner, devices) -> {
            String text = "Incident " + number + " involves devices you own:\n"
                    + devices.stream().map(DeviceOwnerMail::describe).collect(Collectors.joining("\n"))
                    + "\n\nAlerts: " + PlaybookText.alertNames(incident);
            String subject = "a device you own is involved";
            mailed.addAll(owner.email() != null
                    ? notifier.notifyAddresses(List.of(owner.email()), number, subject, text)
                    : notifier.notifyUsers(List.of(owner.userId()), number, subject, text));
        });
        return mailed;
    }

    /** Rows naming the same address are one recipient, whichever user ids they carry. */
    private static Owner recipient(Owner owner) {
        return owner.email() != null ? new Owner(null, owner.email().toLowerCase()) : owner;
    }

    private static String describe(IotDevice d) {
        return "- " + PlaybookText.orDash(d.name()) + " (" + PlaybookText.orDash(d.type()) + ", "
                + PlaybookText.orDash(d.ipAddress()) + ") at " + PlaybookText.orDash(d.site())
                + (d.zone() == null ? "" : " / " + d.zone());
    }
}
