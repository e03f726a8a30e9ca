package org.watchfloor.incidents.internal.playbook;

/** A playbook or a notification names an incident number that does not exist. */
public class UnknownIncidentException extends RuntimeException {

    UnknownIncidentException(long number) {
        super("There is no incident " + number);
    }
}
