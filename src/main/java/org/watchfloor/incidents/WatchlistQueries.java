package org.watchfloor.incidents;

import java.util.List;
import org.watchfloor.alerts.IotDevice;

/**
 * Who the watchlists of the rule set in force name for a device, site or sensor. Every answer reads the rules in force
 * at the moment of the call, so an edited watchlist applies from its reload on.
 *
 * <p>Declared here, where incidents use it, and answered by the correlation module, which reads the watchlists with
 * its rules: correlation already depends on incidents, so declaring it there would make the two modules a cycle.
 */
public interface WatchlistQueries {

    /**
     * The owners of a device (the device-owners rows for it, by any of its id, name, address or MAC) and of its
     * site (the rows without a device), in the order of the file, each owner once.
     */
    List<Owner> ownersOf(IotDevice device);

    /**
     * The owners of a device known by one identifier (address, name, MAC or id) at a site, and of the site; with a
     * null device, the site's owners only.
     */
    List<Owner> ownersOf(String site, String device);

    /** The mail addresses of the sensor-contacts rows for this sensor and site, each once. */
    List<String> contactsOf(String sensor, String site);

    /**
     * A device owner: a user id of the identity service (a candidate user for tasks on the device), a mail address,
     * or both; either may be null.
     */
    record Owner(String userId, String email) {
    }
}
