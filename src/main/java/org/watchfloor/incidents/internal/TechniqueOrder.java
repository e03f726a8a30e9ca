package org.watchfloor.incidents.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An incident's MITRE techniques in order of first appearance by alert time. Each technique keeps where it was first
 * seen: the time of the earliest alert that carries it, that alert's place among the incident's alerts (so alerts of
 * one instant count in the order they were decided) and the technique's place in the alert's own list. An alert
 * earlier than the incident's last activity then re-sorts the techniques without reading the incident's alerts.
 */
final class TechniqueOrder {

    /** Where a technique was first seen in an incident; {@code alert} counts the incident's alerts from 0. */
    record FirstSeen(String technique, Instant time, int alert, int position) {
    }

    private static final Comparator<FirstSeen> EARLIEST = Comparator.comparing(FirstSeen::time)
            .thenComparingInt(FirstSeen::alert).thenComparingInt(FirstSeen::position);

    private final Map<String, FirstSeen> byTechnique = new HashMap<>();

    private TechniqueOrder() {
    }

    static TechniqueOrder empty() {
        return new TechniqueOrder();
    }

    static TechniqueOrder of(Collection<FirstSeen> stored) {
        TechniqueOrder order = new TechniqueOrder();
        stored.forEach(order::keepEarlier);
        return order;
    }

    /**
     * Rebuilt from an incident's alerts, earliest first and alerts of one instant in the order they were decided: for
     * an incident stored before its techniques' first sightings were kept.
     */
    static TechniqueOrder fromAlerts(List<IncidentStore.TechniquesSeen> earliestFirst) {
        TechniqueOrder order = new TechniqueOrder();
        for (int alert = 0; alert < earliestFirst.size(); alert++) {
            IncidentStore.TechniquesSeen seen = earliestFirst.get(alert);
            order.seen(seen.time(), alert, seen.techniques());
        }
        return order;
    }

    /** Takes in the techniques of the incident's alert number {@code alert}, at its time. */
    void seen(Instant time, int alert, List<String> techniques) {
        for (int position = 0; position < techniques.size(); position++) {
            keepEarlier(new FirstSeen(techniques.get(position), time, alert, position));
        }
    }

    private void keepEarlier(FirstSeen sighting) {
        byTechnique.merge(sighting.technique(), sighting, (kept, other) -> EARLIEST.compare(other, kept) < 0
                ? other : kept);
    }

    List<FirstSeen> firstSeen() {
        return byTechnique.values().stream().sorted(EARLIEST).toList();
    }

    List<String> techniques() {
        return firstSeen().stream().map(FirstSeen::technique).toList();
    }
}
