package org.watchfloor.correlation.rules;

import java.util.Collection;

/**
 * A row of the device-owners watchlist: who answers for a device (by address, name, MAC or id), or for every device
 * of a site when the device is empty. The owner is a user id of Watchfloor's identity service (a candidate for the
 * incident's remediation task); the email is where mail about the device goes. Either may be empty, not both.
 */
public record DeviceOwner(String site, String device, String owner, String email) {

    public boolean owns(Alert alert) {
        return isSiteWide() ? sameSite(alert.getSite()) : sameSiteOrAny(alert.getSite()) && alert.involves(device);
    }

    /**
     * Whether this row covers a device of a site known by any of these identifiers; a site-wide row covers every
     * device of its site, so {@code owns(site, List.of())} answers the site's owners.
     */
    public boolean owns(String site, Collection<String> deviceIdentifiers) {
        if (isSiteWide()) {
            return sameSite(site);
        }
        return sameSiteOrAny(site) && deviceIdentifiers.stream()
                .anyMatch(id -> id != null && id.trim().equalsIgnoreCase(device.trim()));
    }

    public boolean isSiteWide() {
        return device == null || device.isBlank();
    }

    private boolean sameSite(String other) {
        return other != null && site != null && site.trim().equalsIgnoreCase(other.trim());
    }

    private boolean sameSiteOrAny(String other) {
        return site == null || site.isBlank() || sameSite(other);
    }

    @Override
    public String toString() {
        return "owner " + (owner == null || owner.isBlank() ? email : owner) + " of "
                + (isSiteWide() ? "site " + site : device + (site == null || site.isBlank() ? "" : " at " + site));
    }
}
