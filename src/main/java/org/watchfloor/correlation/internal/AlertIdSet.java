package org.watchfloor.correlation.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * The alert ids a replay has met, however many: a file of past alerts holds each alert's first row and its later
 * updates, so every id must be remembered to the end. {@link Guids} are kept as their 128 bits in an open-addressing
 * table: on the heap up to 2^22 slots (64 MiB, two million ids), beyond that in a memory-mapped temporary file, which
 * takes no heap and which the operating system keeps in memory while it fits and pages out when it does not. Ids of
 * any other form are kept on the heap as they are. One thread uses a set at a time.
 */
final class AlertIdSet {

    private static final int HEAP_SLOTS = 1 << 22;
    private static final int INITIAL_SLOTS = 1 << 16;

    private final int heapSlots;
    private final Set<String> others = new HashSet<>();
    private Table table = new HeapTable(INITIAL_SLOTS);
    /** The all-zero GUID is the table's empty slot, so it is counted apart. */
    private boolean holdsZero;
    private long guids;

    AlertIdSet() {
        this(HEAP_SLOTS);
    }

    /** @param heapSlots the most slots kept on the heap, a power of two */
    AlertIdSet(int heapSlots) {
        this.heapSlots = heapSlots;
    }

    /** @return whether the id was new */
    boolean add(String id) {
        long high = Guids.high(id);
        if (high == Guids.NOT_A_GUID) {
            return others.add(id);
        }
        long low = Guids.low(id);
        if (high == 0 && low == 0) {
            boolean added = !holdsZero;
            holdsZero = true;
            return added;
        }
        if (!table.add(high, low)) {
            return false;
        }
        if (++guids * 2 > table.slots) {
            grow();
        }
        return true;
    }

    boolean contains(String id) {
        long high = Guids.high(id);
        if (high == Guids.NOT_A_GUID) {
            return others.contains(id);
        }
        long low = Guids.low(id);
        return high == 0 && low == 0 ? holdsZero : table.contains(high, low);
    }

    long size() {
        return guids + (holdsZero ? 1 : 0) + others.size();
    }

    /** Doubles the table while it is half full, so that a probe stays short. */
    private void grow() {
        long slots = table.slots * 2;
        Table bigger = slots <= heapSlots ? new HeapTable((int) slots) : new MappedTable(slots);
        for (long slot = 0; slot < table.slots; slot++) {
            long high = table.high(slot);
            long low = table.low(slot);
            if (high != 0 || low != 0) {
                bigger.add(high, low);
            }
        }
        table = bigger;
    }

    /** Open addressing with linear probing over slots of two longs; an all-zero slot is empty. */
    private abstract static class Table {

        final long slots;
        final long mask;

        Table(long slots) {
            this.slots = slots;
            this.mask = slots - 1;
        }

        abstract long high(long slot);

        abstract long low(long slot);

        abstract void put(long slot, long high, long low);

        final boolean add(long high, long low) {
            for (long slot = start(high, low); ; slot = (slot + 1) & mask) {
                long h = high(slot);
                long l = low(slot);
                if (h == 0 && l == 0) {
                    put(slot, high, low);
                    return true;
                }
                if (h == high && l == low) {
                    return false;
                }
            }
        }

        final boolean contains(long high, long low) {
            for (long slot = start(high, low); ; slot = (slot + 1) & mask) {
                long h = high(slot);
                long l = low(slot);
                if (h == 0 && l == 0) {
                    return false;
                }
                if (h == high && l == low) {
                    return true;
                }
            }
        }

        /** GUIDs of some versions keep fixed bits, so both halves are mixed before they pick a slot. */
        private long start(long high, long low) {
            long h = high * 0x9E3779B97F4A7C15L ^ low;
            h *= 0xC2B2AE3D27D4EB4FL;
            return (h ^ h >>> 29) & mask;
        }
    }

    private static final class HeapTable extends Table {

        private final long[] halves;

        HeapTable(int slots) {
            super(slots);
            halves = new long[slots * 2];
        }

        @Override
        long high(long slot) {
            return halves[(int) slot * 2];
        }

        @Override
        long low(long slot) {
            return halves[(int) slot * 2 + 1];
        }

        @Override
        void put(long slot, long high, long low) {
            halves[(int) slot * 2] = high;
            halves[(int) slot * 2 + 1] = low;
        }
    }

    /**
     * Slots in a temporary file that is deleted as soon as it is mapped (on Windows, once it is unmapped). A mapping
     * may not pass 2 GiB, so a big table is mapped in segments of 2^26 slots. Java 17 cannot unmap a buffer: the
     * collector unmaps a table it drops.
     */
    private static final class MappedTable extends Table {

        private static final int SLOT_BYTES = 16;
        private static final int SEGMENT_SHIFT = 26;
        private static final long SEGMENT_SLOTS = 1L << SEGMENT_SHIFT;

        private final MappedByteBuffer[] segments;

        MappedTable(long slots) {
            super(slots);
            try {
                Path file = Files.createTempFile("watchfloor-alert-ids", ".bin");
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ,
                        StandardOpenOption.WRITE, StandardOpenOption.DELETE_ON_CLOSE)) {
                    int count = (int) Math.max(1, slots >>> SEGMENT_SHIFT);
                    long segmentBytes = Math.min(slots, SEGMENT_SLOTS) * SLOT_BYTES;
                    segments = new MappedByteBuffer[count];
                    for (int i = 0; i < count; i++) {
                        segments[i] = channel.map(FileChannel.MapMode.READ_WRITE, i * segmentBytes, segmentBytes);
                        segments[i].order(ByteOrder.nativeOrder());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot map a table of alert ids in the temporary folder", e);
            }
        }

        @Override
        long high(long slot) {
            return segments[(int) (slot >>> SEGMENT_SHIFT)].getLong(offset(slot));
        }

        @Override
        long low(long slot) {
            return segments[(int) (slot >>> SEGMENT_SHIFT)].getLong(offset(slot) + 8);
        }

        @Override
        void put(long slot, long high, long low) {
            MappedByteBuffer segment = segments[(int) (slot >>> SEGMENT_SHIFT)];
            segment.putLong(offset(slot), high);
            segment.putLong(offset(slot) + 8, low);
        }

        private static int offset(long slot) {
            return (int) (slot & (SEGMENT_SLOTS - 1)) * SLOT_BYTES;
        }
    }
}
