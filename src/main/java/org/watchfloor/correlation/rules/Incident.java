package org.watchfloor.correlation.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.watchfloor.alerts.Severity;
import org.watchfloor.incidents.IncidentSnapshot;
import org.watchfloor.incidents.IncidentStatus;

/**
 * An incident as correlation keeps it in memory: what grouping rules compare an alert with. It is rebuilt from the
 * stored incidents after a restart, so nothing here matters only in memory.
 */
public final class Incident {

    private final long number;
    private final String title;
    private final String multistageHost;
    private Severity severity;
    private IncidentStatus status;
    private final Set<String> tags;
    private final Set<String> entityKeys;
    private final Map<String, Integer> alertNameCounts;
    private int alertCount;
    private Instant firstActivity;
    private Instant lastActivity;
    private Instant closedAt;
    private final int capacity;
    /** What rule hits say of the incident, kept until it changes: every alert that joins it names it. */
    private String description;

    public Incident(IncidentSnapshot snapshot, int capacity) {
        this.number = snapshot.number();
        this.title = snapshot.title();
        this.multistageHost = snapshot.multistageHost();
        this.severity = snapshot.severity();
        this.status = snapshot.status();
        this.tags = new LinkedHashSet<>(snapshot.tags());
        this.entityKeys = new LinkedHashSet<>(snapshot.entityKeys());
        this.alertNameCounts = new HashMap<>(snapshot.alertNameCounts());
        this.alertCount = snapshot.alertCount();
        this.firstActivity = snapshot.firstActivity();
        this.lastActivity = snapshot.lastActivity();
        this.closedAt = snapshot.closedAt();
        this.capacity = capacity;
    }

    /**
     * Takes in an alert that joined: its entities, its name, its time; a closed incident it joins is open again.
     *
     * @param newEntityKeys the alert's entity keys the incident does not hold yet
     */
    public void absorb(Alert alert, Collection<String> newEntityKeys, Severity raisedTo, Set<String> addedTags) {
        description = null;
        entityKeys.addAll(newEntityKeys);
        alertNameCounts.merge(alert.getName(), 1, Integer::sum);
        alertCount++;
        if (firstActivity == null || alert.getTime().isBefore(firstActivity)) {
            firstActivity = alert.getTime();
        }
        if (lastActivity == null || alert.getTime().isAfter(lastActivity)) {
            lastActivity = alert.getTime();
        }
        if (raisedTo != null && raisedTo.compareTo(severity) > 0) {
            severity = raisedTo;
        }
        tags.addAll(addedTags);
        if (status == IncidentStatus.Closed) {
            status = IncidentStatus.Active;
            closedAt = null;
        }
    }

    public long getNumber() {
        return number;
    }

    public String getTitle() {
        return title;
    }

    public Severity getSeverity() {
        return severity;
    }

    public IncidentStatus getStatus() {
        return status;
    }

    public boolean isOpen() {
        return status != IncidentStatus.Closed;
    }

    public boolean isClosed() {
        return status == IncidentStatus.Closed;
    }

    public Set<String> getTags() {
        return tags;
    }

    public Set<String> getEntityKeys() {
        return entityKeys;
    }

    public int getAlertCount() {
        return alertCount;
    }

    /** At the cap (Sentinel's 150 alerts) an incident takes no more alerts; the next one starts a new incident. */
    public boolean isFull() {
        return alertCount >= capacity;
    }

    public Instant getFirstActivity() {
        return firstActivity;
    }

    public Instant getLastActivity() {
        return lastActivity;
    }

    public Instant getClosedAt() {
        return closedAt;
    }

    public String getMultistageHost() {
        return multistageHost;
    }

    public boolean isMultistage() {
        return multistageHost != null;
    }

    public Set<String> alertNames() {
        return alertNameCounts.keySet();
    }

    public int countOf(String alertName) {
        return alertNameCounts.getOrDefault(alertName, 0);
    }

    public boolean hasAlertNamed(String alertName) {
        return alertNameCounts.containsKey(alertName);
    }

    public boolean sharesEntitiesWith(Alert alert) {
        for (String key : alert.getEntityKeys()) {
            if (entityKeys.contains(key)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the alert came no later than {@code window} after the incident's last activity (late alerts too). */
    public boolean isActiveWithin(Alert alert, Duration window) {
        return lastActivity != null && !alert.getTime().isAfter(lastActivity.plus(window))
                && !alert.getTime().isBefore(firstActivity.minus(window));
    }

    /** Whether the incident was closed no more than {@code window} before the alert. */
    public boolean wasClosedWithin(Alert alert, Duration window) {
        Instant closed = closedAt != null ? closedAt : lastActivity;
        return isClosed() && closed != null && !alert.getTime().isAfter(closed.plus(window));
    }

    @Override
    public String toString() {
        if (description == null) {
            description = describe();
        }
        return description;
    }

    private String describe() {
        return "Incident " + number + " '" + title + "' " + severity + " " + status + ", " + alertCount
                + " alerts, last activity " + InstantText.of(lastActivity);
    }
}
