package org.watchfloor.correlation.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.springframework.stereotype.Service;
import org.watchfloor.alerts.IotDevice;
import org.watchfloor.correlation.rules.DeviceOwner;
import org.watchfloor.incidents.WatchlistQueries;

/** Answers from the watchlists of the rule set in force, read afresh at every call. */
@Service
class WatchlistLookup implements WatchlistQueries {

    private final ActiveRules rules;

    WatchlistLookup(ActiveRules rules) {
        this.rules = rules;
    }

    @Override
    public List<Owner> ownersOf(IotDevice device) {
        return owners(device.site(), Stream.of(device.deviceId(), device.name(), device.ipAddress(),
                device.macAddress()).filter(Objects::nonNull).toList());
    }

    @Override
    public List<Owner> ownersOf(String site, String device) {
        return owners(site, device == null ? List.of() : List.of(device));
    }

    private List<Owner> owners(String site, Collection<String> deviceIdentifiers) {
        LinkedHashSet<Owner> owners = new LinkedHashSet<>();
        for (DeviceOwner row : rules.get().watchlists().deviceOwners()) {
            if (row.owns(site, deviceIdentifiers)) {
                owners.add(new Owner(emptyToNull(row.owner()), emptyToNull(row.email())));
            }
        }
        return new ArrayList<>(owners);
    }

    @Override
    public List<String> contactsOf(String sensor, String site) {
        return rules.get().watchlists().sensorContacts().stream()
                .filter(c -> c.covers(sensor, site))
                .map(c -> c.email().trim())
                .distinct()
                .toList();
    }

    private static String emptyToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
