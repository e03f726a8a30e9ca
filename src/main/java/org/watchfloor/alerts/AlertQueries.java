package org.watchfloor.alerts;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Read access to stored alerts for the other modules and the REST API. */
public interface AlertQueries {

    Optional<StoredAlert> find(String systemAlertId);

    /** The alerts with these ids, oldest first, without their raw rows. */
    List<StoredAlert> findAll(Collection<String> systemAlertIds);

    /** A page of alerts, newest {@code TimeGenerated} first, without their raw rows. */
    List<StoredAlert> search(AlertFilter filter, int page, int size);

    /**
     * The alerts on these device addresses (as source or destination) with a {@code TimeGenerated} in
     * [{@code from}, {@code to}) ({@code null} for no bound), but not those with the {@code excluding} ids: address
     * by address, the newest {@code perDevice} of each, until {@code limit} in all; a summary each, without reading
     * the alert whole.
     */
    List<AlertSummary> latestOnDevices(List<String> addresses, Instant from, Instant to, Collection<Long> excluding,
                                       int perDevice, int limit);

    long count(AlertFilter filter);

    /**
     * What the SOC decided about each of these alerts when its incident closed (Closed, Learn or Mute), by id; an
     * alert not triaged yet is left out.
     */
    Map<String, String> triageStatuses(Collection<String> systemAlertIds);

    /** The latest {@code TimeGenerated} stored, if any alert is. */
    Optional<Instant> latestTime();

    /** Every alert first seen at or after {@code from}, in the order first seen, without raw rows. */
    List<StoredAlert> firstSeenSince(Instant from);
}
