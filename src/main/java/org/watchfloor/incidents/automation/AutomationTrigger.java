package org.watchfloor.incidents.automation;

/** When automation rules look at an incident, as Sentinel's automation rule triggers. */
public enum AutomationTrigger {
    /** Correlation opened the incident; the rules run before anyone works it. */
    CREATED,
    /** Alerts joined the incident, or a user changed it; changes made by automation rules do not trigger. */
    UPDATED
}
