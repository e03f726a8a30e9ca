package org.watchfloor.alerts.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The bytes of a document as its parser reads them, kept from the last row handed out on, so that a row's text can
 * be cut out verbatim rather than written again from its parsed tree (which also took a quarter of the reading).
 * Memory holds one row and the parser's read-ahead, whatever the document's size.
 */
final class DocumentBytes extends FilterInputStream {

    private byte[] kept = new byte[1 << 16];
    private int length;
    /** The offset in the document of {@code kept[0]}. */
    private long keptFrom;

    DocumentBytes(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            ensureRoomFor(1);
            kept[length++] = (byte) b;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) throws IOException {
        int read = super.read(buffer, offset, count);
        if (read > 0) {
            keep(buffer, offset, read);
        }
        return read;
    }

    /** Skipped bytes are read, so that none is missing from what is kept. */
    @Override
    public long skip(long count) throws IOException {
        byte[] skipped = new byte[(int) Math.min(count, 8192)];
        int read = read(skipped, 0, skipped.length);
        return Math.max(read, 0);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /**
     * The UTF-8 text of the document's bytes {@code [from, to)}, or null when they are no longer (or not yet) kept;
     * everything before {@code to} is let go.
     */
    String cut(long from, long to) {
        String text = null;
        if (from >= 0 && from >= keptFrom && to >= from && to <= keptFrom + length) {
            text = new String(kept, (int) (from - keptFrom), (int) (to - from), StandardCharsets.UTF_8);
        }
        forgetBefore(to);
        return text;
    }

    /**
     * Lets go of the bytes before {@code offset}: rows read without being cut out. A parser that does not count bytes
     * (a document in UTF-16) says -1, which lets go of everything kept.
     */
    void forgetBefore(long offset) {
        long before = offset < 0 ? keptFrom + length : offset;
        int drop = (int) Math.min(Math.max(before - keptFrom, 0), length);
        System.arraycopy(kept, drop, kept, 0, length - drop);
        length -= drop;
        keptFrom += drop;
    }

    private void keep(byte[] buffer, int offset, int count) {
        ensureRoomFor(count);
        System.arraycopy(buffer, offset, kept, length, count);
        length += count;
    }

    private void ensureRoomFor(int count) {
        if (length + count > kept.length) {
            kept = Arrays.copyOf(kept, Math.max(kept.length * 2, length + count));
        }
    }
}
