package org.watchfloor.benchmark;

import java.lang.management.ManagementFactory;

/**
 * Wall time and this process's CPU time over one or more timed stretches. On a machine shared with other work the
 * wall time swings with their load; the CPU time this process spent (all its threads, GC and JIT included) does
 * not, so the two together tell a slow path from a busy machine.
 */
final class Stopwatch {

    private static final com.sun.management.OperatingSystemMXBean SYSTEM =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private long wallNanos;
    private long cpuNanos;
    private long wallStart;
    private long cpuStart;

    void start() {
        wallStart = System.nanoTime();
        cpuStart = SYSTEM.getProcessCpuTime();
    }

    void stop() {
        wallNanos += System.nanoTime() - wallStart;
        cpuNanos += SYSTEM.getProcessCpuTime() - cpuStart;
    }

    double seconds() {
        return wallNanos / 1e9;
    }

    double cpuSeconds() {
        return cpuNanos / 1e9;
    }
}
