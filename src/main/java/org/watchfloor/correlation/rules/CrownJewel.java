package org.watchfloor.correlation.rules;

/** A row of the crown-jewels watchlist: a device (address, name or id) whose alerts matter more. */
public record CrownJewel(String device, String reason) {

    public boolean isInvolvedIn(Alert alert) {
        return alert.involves(device);
    }

    @Override
    public String toString() {
        return "crown jewel " + device + (reason == null || reason.isBlank() ? "" : " (" + reason + ")");
    }
}
