package org.watchfloor.incidents;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.watchfloor.alerts.Severity;

/**
 * How correlation records its decisions on incidents. Each call is one transaction and publishes its event
 * ({@link IncidentOpened}, {@link AlertsAttached}, {@link IncidentReopened}) after commit. An alert sits in at most
 * one incident: attaching an alert that is in an incident already is refused by the database.
 */
public interface IncidentLedger {

    /** Opens an incident holding the alerts (the deciding alert first), numbered 1, 2, 3… */
    IncidentSnapshot open(NewIncident incident);

    /** Adds alerts to an incident, raising its severity to at least {@code severity} and adding the tags. */
    IncidentSnapshot attach(long number, List<AttachedAlert> alerts, Severity severity, Collection<String> tags);

    /** Sets a closed incident back to Active and attaches the alert that reopened it. */
    IncidentSnapshot reopen(long number, AttachedAlert alert, Severity severity, Collection<String> tags);

    /** Records why an alert opened no incident (suppressed, no creation rule matched). */
    void recordUnattached(Explanation explanation);

    /** Whether correlation decided on this alert already (it sits in an incident or was recorded unattached). */
    boolean isDecided(String systemAlertId);

    /** Incidents whose last activity (or closing) is at or after {@code since}: the working state to rebuild. */
    List<IncidentSnapshot> activeSince(Instant since);

    Optional<IncidentSnapshot> snapshot(long number);

    /** An alert as it joins an incident, with the explanation of that decision. */
    record AttachedAlert(String systemAlertId, String alertName, Instant time, Collection<String> entityKeys,
                         Explanation explanation) {
    }

    /** A new incident: title, severity, tags, the multistage host (or null) and its first alerts. */
    record NewIncident(String title, Severity severity, Collection<String> tags, String multistageHost,
                       List<AttachedAlert> alerts) {
    }
}
