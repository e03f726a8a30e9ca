package org.watchfloor.correlation.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.watchfloor.alerts.SecurityAlert;

/** How often an alert of one name came between the same two devices within the lookback, by alert time. */
final class RepeatCounter {

    private final Duration lookback;
    private final Map<Key, Deque<Instant>> seen = new HashMap<>();

    RepeatCounter(Duration lookback) {
        this.lookback = lookback;
    }

    /**
     * The number of earlier alerts like this one within the lookback; then counts this one too. Alerts come nearly in
     * time order, so the times of one key are kept oldest first and the count costs only the few times at either end
     * that fall outside the window.
     */
    int record(SecurityAlert alert, Instant now) {
        Deque<Instant> times = seen.computeIfAbsent(key(alert), k -> new ArrayDeque<>());
        Instant from = now.minus(lookback);
        while (!times.isEmpty() && times.peekFirst().isBefore(from)) {
            times.pollFirst();
        }
        int later = 0;
        for (Iterator<Instant> newest = times.descendingIterator(); newest.hasNext(); ) {
            if (!newest.next().isAfter(now)) {
                break;
            }
            later++;
        }
        int count = times.size() - later;
        times.addLast(now);
        return count;
    }

    /** Forgets what lies before {@code horizon}: memory stays bounded however many alerts come. */
    void forgetBefore(Instant horizon) {
        for (Iterator<Deque<Instant>> it = seen.values().iterator(); it.hasNext(); ) {
            Deque<Instant> times = it.next();
            times.removeIf(t -> t.isBefore(horizon));
            if (times.isEmpty()) {
                it.remove();
            }
        }
    }

    private static Key key(SecurityAlert alert) {
        return new Key(alert.alertName(), alert.details().sourceDeviceAddress(),
                alert.details().destinationDeviceAddress());
    }

    /** Alerts are alike when they have the same name between the same source and destination. */
    private record Key(String alertName, String source, String destination) {
    }
}
