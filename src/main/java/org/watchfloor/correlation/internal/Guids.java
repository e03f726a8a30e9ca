package org.watchfloor.correlation.internal;

import java.util.Arrays;
import java.util.UUID;

/**
 * Alert ids in the lowercase GUID form Defender for IoT and Sentinel write, as their 128 bits: a replay remembers
 * every id it met and lists every alert of every incident, and two longs take a fifth of the room of the string.
 */
final class Guids {

    /** What {@link #high} answers for an id that is not a lowercase GUID, and for a GUID whose high half it is. */
    static final long NOT_A_GUID = Long.MIN_VALUE;

    private static final byte[] HEX = new byte[128];

    static {
        Arrays.fill(HEX, (byte) -1);
        for (int c = '0'; c <= '9'; c++) {
            HEX[c] = (byte) (c - '0');
        }
        for (int c = 'a'; c <= 'f'; c++) {
            HEX[c] = (byte) (c - 'a' + 10);
        }
    }

    private Guids() {
    }

    /** The first 64 bits of a lowercase GUID, or {@link #NOT_A_GUID}; every character is checked on the way. */
    static long high(String id) {
        if (id.length() != 36) {
            return NOT_A_GUID;
        }
        long high = 0;
        for (int i = 0; i < 36; i++) {
            char c = id.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return NOT_A_GUID;
                }
                continue;
            }
            int digit = c < 128 ? HEX[c] : -1;
            if (digit < 0) {
                return NOT_A_GUID;
            }
            if (i < 18) {
                high = high << 4 | digit;
            }
        }
        return high;
    }

    /** The last 64 bits of an id {@link #high} took for a GUID. */
    static long low(String id) {
        return digits(id, 19, 36);
    }

    static String text(long high, long low) {
        return new UUID(high, low).toString();
    }

    private static long digits(String guid, int from, int to) {
        long value = 0;
        for (int i = from; i < to; i++) {
            char c = guid.charAt(i);
            if (c != '-') {
                value = value << 4 | HEX[c];
            }
        }
        return value;
    }
}
