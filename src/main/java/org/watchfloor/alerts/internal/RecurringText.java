package org.watchfloor.alerts.internal;

/**
 * Hands out one copy of a text that recurs from alert to alert: product, tenant, site, zone, sensor, device vendor and
 * model, alert name, remediation steps. A parsed alert is about ninety strings, nearly all of them such repeats, and
 * alerts wait in memory in their thousands (correlation decides them in time order), so keeping each repeat once
 * shrinks what the collector has to copy and keep by several times.
 * <p>
 * A fixed table with one slot per hash, not a map: memory stays bounded whatever comes, and a text that stops
 * recurring is simply overwritten. Parsing threads share it without locks. A race can only lose a slot's
 * content, never hand out a wrong text, since strings are immutable and safely published.
 */
final class RecurringText {

    private static final int SLOTS = 1 << 14;

    private final String[] slots = new String[SLOTS];

    /** The kept copy equal to {@code text}, or {@code text} itself, now kept. */
    String of(String text) {
        if (text == null) {
            return null;
        }
        int slot = slot(text);
        String kept = slots[slot];
        if (text.equals(kept)) {
            return kept;
        }
        slots[slot] = text;
        return text;
    }

    /**
     * The slot from the length and at most sixteen characters spread over the text. {@link String#hashCode} reads every
     * character of every new text, which was a sixth of the parsing threads' time; two texts that share a slot only
     * take turns in it.
     */
    private static int slot(String text) {
        int length = text.length();
        int step = Math.max(1, length / 16);
        int hash = length;
        for (int i = length - 1; i >= 0; i -= step) {
            hash = 31 * hash + text.charAt(i);
        }
        return (hash ^ (hash >>> 16)) & (SLOTS - 1);
    }
}
