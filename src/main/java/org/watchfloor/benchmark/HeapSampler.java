package org.watchfloor.benchmark;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The most heap in use during a phase, sampled every few milliseconds. Heap in use includes garbage not yet
 * collected, so it shows how much room a phase needs under {@code -Xmx}, not how much it keeps; what it keeps is the
 * heap still in use after each full collection, which the collectors report.
 */
final class HeapSampler implements AutoCloseable {

    private static final long INTERVAL_MILLIS = 5;

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    private final AtomicLong peak = new AtomicLong();
    private final AtomicLong kept = new AtomicLong();
    private final AtomicInteger fullCollections = new AtomicInteger();
    private final NotificationListener afterCollection = this::afterCollection;
    private final Thread sampler;
    private volatile boolean running = true;

    HeapSampler() {
        ManagementFactory.getGarbageCollectorMXBeans().forEach(gc -> ((NotificationEmitter) gc)
                .addNotificationListener(afterCollection, null, null));
        sampler = new Thread(this::sample, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Starts a new phase. */
    void reset() {
        peak.set(used());
        kept.set(0);
        fullCollections.set(0);
    }

    long peakBytes() {
        return peak.accumulateAndGet(used(), Math::max);
    }

    /** The most heap in use right after a full collection in this phase; 0 if none ran. */
    long keptBytes() {
        return kept.get();
    }

    int fullCollections() {
        return fullCollections.get();
    }

    private void sample() {
        while (running) {
            peak.accumulateAndGet(used(), Math::max);
            try {
                Thread.sleep(INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void afterCollection(Notification notification, Object handback) {
        if (!notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
                .from((CompositeData) notification.getUserData());
        if (!info.getGcAction().equals("end of major GC")) {
            return;
        }
        long after = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                .filter(pool -> heapPools.contains(pool.getKey())).mapToLong(pool -> pool.getValue().getUsed()).sum();
        kept.accumulateAndGet(after, Math::max);
        fullCollections.incrementAndGet();
    }

    private long used() {
        return memory.getHeapMemoryUsage().getUsed();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.join();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            try {
                ((NotificationEmitter) gc).removeNotificationListener(afterCollection);
            } catch (ListenerNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
