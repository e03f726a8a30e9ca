package org.watchfloor.correlation.internal;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Objects;

/**
 * An incident's alert ids in the order they joined it, for a replay's answer, which lists every alert in every
 * incident: {@link Guids} are kept as two longs, ids of any other form as they are. Read-only once handed on.
 */
final class AlertIds extends AbstractList<String> {

    private long[] halves = new long[16];
    /** Null until an id is not a GUID; then the ids that are not, at their place. */
    private String[] others;
    private int size;

    @Override
    public boolean add(String id) {
        if (size * 2 == halves.length) {
            halves = Arrays.copyOf(halves, halves.length * 2);
        }
        long high = Guids.high(id);
        if (high == Guids.NOT_A_GUID) {
            if (others == null) {
                others = new String[halves.length / 2];
            } else if (others.length < halves.length / 2) {
                others = Arrays.copyOf(others, halves.length / 2);
            }
            others[size] = id;
        } else {
            halves[size * 2] = high;
            halves[size * 2 + 1] = Guids.low(id);
        }
        size++;
        return true;
    }

    @Override
    public String get(int index) {
        Objects.checkIndex(index, size);
        if (others != null && index < others.length && others[index] != null) {
            return others[index];
        }
        return Guids.text(halves[index * 2], halves[index * 2 + 1]);
    }

    @Override
    public int size() {
        return size;
    }
}
