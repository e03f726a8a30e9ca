package org.watchfloor.incidents;

import java.util.List;

/**
 * Thrown by {@link IncidentLedger} when an alert it is asked to place was decided on already: it sits in an incident,
 * or it was recorded unattached. Nothing of the refused call is stored.
 */
public class AlertAlreadyDecidedException extends RuntimeException {

    private final List<String> systemAlertIds;

    public AlertAlreadyDecidedException(List<String> systemAlertIds, String message, Throwable cause) {
        super(message, cause);
        this.systemAlertIds = List.copyOf(systemAlertIds);
    }

    /** The alerts that were decided on already. */
    public List<String> systemAlertIds() {
        return systemAlertIds;
    }
}
