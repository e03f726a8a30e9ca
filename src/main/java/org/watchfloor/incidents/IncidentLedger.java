package org.watchfloor.incidents;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.watchfloor.alerts.Severity;

/**
 * How correlation records its decisions on incidents. Each single call is one transaction; a {@link Batch} records
 * many decisions in the caller's transaction with a few batched statements. Either way every decision publishes its
 * event ({@link IncidentOpened}, {@link AlertsAttached}, {@link IncidentReopened}), delivered after commit in the
 * order of the decisions. An alert sits in at most one incident: attaching an alert that is in an incident already is
 * refused by the database.
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

    /** The alerts among these that correlation decided on already. */
    Set<String> decided(Collection<String> systemAlertIds);

    /**
     * Starts a batch of decisions, to be recorded in the caller's transaction.
     *
     * @param alertIds the alerts the caller means to decide: the batch learns at once which were decided before
     */
    Batch batch(Collection<String> alertIds);

    /** Incidents whose last activity (or closing) is at or after {@code since}: the working state to rebuild. */
    List<IncidentSnapshot> activeSince(Instant since);

    Optional<IncidentSnapshot> snapshot(long number);

    /**
     * Decisions gathered in memory and written together by {@link #record}, in the order they were taken, with the
     * same checks and events as the single calls. A refused decision refuses the whole batch.
     */
    interface Batch {

        /** Takes an opening; the incident's number is reserved now (the counter stays locked until commit). */
        long open(NewIncident incident);

        void attach(long number, List<AttachedAlert> alerts, Severity severity, Collection<String> tags);

        void reopen(long number, AttachedAlert alert, Severity severity, Collection<String> tags);

        void recordUnattached(Explanation explanation);

        /** Whether the alert was decided before the batch or in it. */
        boolean isDecided(String systemAlertId);

        /** Writes the decisions taken and publishes their events; the batch is empty afterwards. */
        void record();
    }

    /**
     * An alert as it joins an incident, with the explanation of that decision and what the incident derives from
     * it: its entity keys, MITRE tactics and techniques and the sites of its devices. Keys the incident is known to
     * hold already may be left out of {@code entityKeys}; a key listed that it holds is not added twice.
     */
    record AttachedAlert(String systemAlertId, String alertName, Instant time, Collection<String> entityKeys,
                         List<String> tactics, List<String> techniques, List<String> sites,
                         Explanation explanation) {

        public AttachedAlert {
            tactics = tactics == null ? List.of() : List.copyOf(tactics);
            techniques = techniques == null ? List.of() : List.copyOf(techniques);
            sites = sites == null ? List.of() : List.copyOf(sites);
        }
    }

    /** A new incident: title, severity, tags, the multistage host (or null) and its first alerts. */
    record NewIncident(String title, Severity severity, Collection<String> tags, String multistageHost,
                       List<AttachedAlert> alerts) {
    }
}
