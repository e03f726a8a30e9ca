package org.watchfloor.correlation.rules;

import java.time.Instant;
import java.util.Set;

/**
 * An alert from an IT product (Defender for Endpoint and the like) seen recently. It opens no OT incident on its
 * own, but OT alerts that come from its host within the multistage window make a multistage incident with it.
 */
public final class ItAlert {

    private final Alert alert;

    public ItAlert(Alert alert) {
        this.alert = alert;
    }

    public Alert getAlert() {
        return alert;
    }

    public String getId() {
        return alert.getId();
    }

    public Instant getTime() {
        return alert.getTime();
    }

    public Set<String> getAddresses() {
        return alert.getAddresses();
    }

    public Set<String> getHostNames() {
        return alert.getHostNames();
    }

    /** The host an OT alert must come from to continue this alert's attack: an address or a name of it. */
    public String hostOf(Alert ot) {
        if (ot.getSourceAddress() != null && alert.getAddresses().contains(ot.getSourceAddress())) {
            return ot.getSourceAddress();
        }
        if (ot.getSourceDevice() != null && alert.getHostNames().contains(ot.getSourceDevice().toLowerCase())) {
            return ot.getSourceDevice().toLowerCase();
        }
        return null;
    }

    @Override
    public String toString() {
        return "IT " + alert;
    }
}
