package org.watchfloor.correlation.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.watchfloor.alerts.AlertReader;
import org.watchfloor.alerts.SecurityAlert;

/**
 * Reads a document of alerts on a thread of its own and hands them on in chunks, a bounded number ahead of the
 * reader of the chunks: a replay parses the next alerts while it decides the last ones.
 */
final class ReadAhead implements AutoCloseable {

    private static final int CHUNK = 256;
    private static final int CHUNKS_AHEAD = 64;
    private static final List<SecurityAlert> END = List.of();

    private final BlockingQueue<List<SecurityAlert>> chunks = new ArrayBlockingQueue<>(CHUNKS_AHEAD);
    private final FutureTask<AlertReader.Summary> reading;
    private final Thread thread;
    /** The chunk the reader fills; only the reading thread touches it. */
    private List<SecurityAlert> filling = new ArrayList<>(CHUNK);

    private ReadAhead(InputStream document, AlertReader reader) {
        this.reading = new FutureTask<>(() -> read(document, reader));
        this.thread = new Thread(reading, "replay-reader");
        thread.setDaemon(true);
    }

    static ReadAhead start(InputStream document, AlertReader reader) {
        ReadAhead readAhead = new ReadAhead(document, reader);
        readAhead.thread.start();
        return readAhead;
    }

    private AlertReader.Summary read(InputStream document, AlertReader reader) throws IOException,
            InterruptedException {
        // the end is handed on however reading ends, so that next() never waits for a reader that has stopped
        try {
            AlertReader.Summary summary = reader.read(document, alert -> {
                filling.add(alert);
                if (filling.size() == CHUNK) {
                    handOn(filling);
                    filling = new ArrayList<>(CHUNK);
                }
            });
            if (!filling.isEmpty()) {
                chunks.put(filling);
            }
            return summary;
        } finally {
            try {
                chunks.put(END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void handOn(List<SecurityAlert> chunk) {
        try {
            chunks.put(chunk);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the replay stopped reading", e);
        }
    }

    /** The next alerts in document order; an empty list at the end of the document. */
    List<SecurityAlert> next() throws IOException {
        try {
            List<SecurityAlert> next = chunks.take();
            if (next == END) {
                summary();
            }
            return next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for alerts to replay", e);
        }
    }

    /** What the reader counted; rethrows what stopped it reading. */
    AlertReader.Summary summary() throws IOException {
        try {
            return reading.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for alerts to replay", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("reading the alerts to replay failed", cause);
        }
    }

    /** Stops the reader when the replay ends early. */
    @Override
    public void close() {
        thread.interrupt();
    }
}
