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
import java.util.concurrent.Semaphore;
import org.watchfloor.alerts.AlertReader;
import org.watchfloor.alerts.SecurityAlert;

/**
 * Reads a document of alerts on a thread of its own and hands them on in chunks, a bounded number ahead of the
 * reader of the chunks: a replay parses the next alerts while it decides the last ones. In lock step (for measuring
 * decisions alone) the reader reads a chunk only when the next one is asked for, and rests while it is used.
 */
final class ReadAhead implements AutoCloseable {

    private static final int CHUNK = 256;
    private static final int CHUNKS_AHEAD = 64;
    private static final List<SecurityAlert> END = List.of();

    private final BlockingQueue<List<SecurityAlert>> chunks = new ArrayBlockingQueue<>(CHUNKS_AHEAD);
    private final FutureTask<AlertReader.Summary> reading;
    private final Thread thread;
    private final int chunkSize;
    /** In lock step, one permit for each chunk asked for; null when the reader reads ahead freely. */
    private final Semaphore asked;
    /** The chunk the reader fills; only the reading thread touches it. */
    private List<SecurityAlert> filling;

    private ReadAhead(InputStream document, AlertReader reader, int chunkSize, Semaphore asked) {
        this.chunkSize = chunkSize;
        this.asked = asked;
        this.filling = new ArrayList<>(chunkSize);
        this.reading = new FutureTask<>(() -> read(document, reader));
        this.thread = new Thread(reading, "replay-reader");
        thread.setDaemon(true);
    }

    static ReadAhead start(InputStream document, AlertReader reader) {
        return started(new ReadAhead(document, reader, CHUNK, null));
    }

    /** Hands on chunks of {@code chunkSize} alerts, each read only once it is asked for. */
    static ReadAhead inLockStep(InputStream document, AlertReader reader, int chunkSize) {
        return started(new ReadAhead(document, reader, chunkSize, new Semaphore(0)));
    }

    private static ReadAhead started(ReadAhead readAhead) {
        readAhead.thread.start();
        return readAhead;
    }

    private AlertReader.Summary read(InputStream document, AlertReader reader) throws IOException,
            InterruptedException {
        // the end is handed on however reading ends, so that next() never waits for a reader that has stopped
        try {
            awaitTurn();
            AlertReader.Summary summary = reader.read(document, alert -> {
                filling.add(alert);
                if (filling.size() == chunkSize) {
                    handOn(filling);
                    filling = new ArrayList<>(chunkSize);
                    awaitTurn();
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

    private void awaitTurn() {
        if (asked == null) {
            return;
        }
        try {
            asked.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the replay stopped reading", e);
        }
    }

    /** The next alerts in document order; an empty list at the end of the document. */
    List<SecurityAlert> next() throws IOException {
        if (asked != null) {
            asked.release();
        }
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
