package org.watchfloor.alerts.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.watchfloor.alerts.AlertIntake;
import org.watchfloor.alerts.AlertsReceived;
import org.watchfloor.alerts.IntakePath;
import org.watchfloor.alerts.IntakeResult;
import org.watchfloor.alerts.MalformedIntakeException;

/**
 * Validate → normalize → dedupe → store → publish, a batch per transaction. A row whose {@code SystemAlertId} is
 * already stored is an update when its {@code TimeGenerated} is later, else a duplicate; the unique constraint on
 * the id decides races between concurrent deliveries, and a batch that loses one is simply read again.
 */
@Service
class IntakePipeline implements AlertIntake {

    private static final Logger log = LoggerFactory.getLogger(IntakePipeline.class);
    private static final int MAX_LISTED_REJECTIONS = 1000;
    private static final int RACE_RETRIES = 5;

    private final AlertRowReader reader;
    private final SecurityAlertParser parser;
    private final AlertStore alerts;
    private final QuarantineStore quarantine;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final IntakeProperties properties;
    private final Clock clock;

    IntakePipeline(AlertRowReader reader, SecurityAlertParser parser, AlertStore alerts, QuarantineStore quarantine,
                   TransactionTemplate transactions, ApplicationEventPublisher events, IntakeProperties properties,
                   Clock clock) {
        this.reader = reader;
        this.parser = parser;
        this.alerts = alerts;
        this.quarantine = quarantine;
        this.transactions = transactions;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public IntakeResult ingest(InputStream json, IntakePath path) throws IOException {
        Tally tally = new Tally();
        List<AlertRowReader.RawRow> batch = new ArrayList<>(properties.batchSize());
        try (Storer storer = new Storer(path, tally)) {
            try {
                reader.read(json, row -> {
                    batch.add(row);
                    if (batch.size() >= properties.batchSize()) {
                        storer.store(parse(batch));
                        batch.clear();
                    }
                });
            } catch (AlertRowReader.UnreadableDocumentException e) {
                storer.store(parse(batch));
                storer.finish();
                log.warn("Intake over {} stopped after {} rows: {}", path, tally.received, e.getMessage());
                throw new MalformedIntakeException(e.getMessage(), tally.result(), e);
            }
            storer.store(parse(batch));
            storer.finish();
        }
        return tally.result();
    }

    private List<ParsedRow> parse(List<AlertRowReader.RawRow> rows) {
        return rows.stream().map(r -> parser.parse(r.index(), r.node(), r.raw())).toList();
    }

    /**
     * Stores batches on a thread of its own while the caller reads and parses the next one, so the JSON work and
     * the database work of one intake overlap on two cores. One batch is stored at a time, in order, and at most
     * one more waits parsed: memory stays at two batches however long the document.
     */
    private final class Storer implements AutoCloseable {

        private final IntakePath path;
        private final Tally tally;
        private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread storing = new Thread(r, "intake-store");
            storing.setDaemon(true);
            return storing;
        });
        private Future<?> pending;

        Storer(IntakePath path, Tally tally) {
            this.path = path;
            this.tally = tally;
        }

        void store(List<ParsedRow> rows) {
            if (rows.isEmpty()) {
                return;
            }
            finish();
            pending = thread.submit(() -> IntakePipeline.this.store(rows, path, tally));
        }

        /** Waits for the batch being stored; its failure is the intake's. */
        void finish() {
            if (pending == null) {
                return;
            }
            try {
                pending.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while storing alerts", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IllegalStateException(e.getCause());
            } finally {
                pending = null;
            }
        }

        @Override
        public void close() {
            thread.shutdown();
        }
    }

    private void store(List<ParsedRow> parsed, IntakePath path, Tally tally) {
        Instant now = clock.instant();
        for (int attempt = 1; ; attempt++) {
            try {
                Tally batch = transactions.execute(tx -> storeOnce(parsed, path, now));
                tally.add(batch);
                return;
            } catch (DuplicateKeyException race) {
                if (attempt == RACE_RETRIES) {
                    throw race;
                }
                log.debug("A concurrent delivery stored one of these alerts first; reading the batch again");
            }
        }
    }

    private Tally storeOnce(List<ParsedRow> rows, IntakePath path, Instant now) {
        Tally tally = new Tally();
        List<ParsedRow.Rejected> rejected = new ArrayList<>();
        List<ParsedRow.Valid> valid = new ArrayList<>();
        for (ParsedRow row : rows) {
            tally.received++;
            if (row instanceof ParsedRow.Rejected r) {
                rejected.add(r);
            } else {
                valid.add((ParsedRow.Valid) row);
            }
        }
        Map<String, Instant> latest = new HashMap<>(
                alerts.latestTimes(valid.stream().map(v -> v.alert().systemAlertId()).distinct().toList()));
        Map<String, IncomingAlert> inserts = new LinkedHashMap<>();
        Map<String, Instant> firstSeenInBatch = new HashMap<>();
        List<IncomingAlert> updates = new ArrayList<>();
        for (ParsedRow.Valid v : valid) {
            IncomingAlert incoming = new IncomingAlert(v.alert(), v.warnings(), v.raw(), path, now);
            String id = incoming.systemAlertId();
            Instant known = latest.get(id);
            if (known == null) {
                inserts.put(id, incoming);
                tally.accepted++;
            } else if (incoming.timeGenerated().isAfter(known)) {
                if (inserts.containsKey(id)) {
                    firstSeenInBatch.putIfAbsent(id, inserts.get(id).timeGenerated());
                    inserts.put(id, incoming);
                } else {
                    updates.add(incoming);
                }
                tally.updated++;
            } else {
                tally.duplicates++;
                continue;
            }
            latest.put(id, incoming.timeGenerated());
            if (!v.warnings().isEmpty()) {
                tally.warnings++;
            }
        }
        alerts.insert(List.copyOf(inserts.values()), firstSeenInBatch);
        List<String> updatedIds = new ArrayList<>();
        boolean[] applied = alerts.update(updates);
        for (int i = 0; i < applied.length; i++) {
            if (applied[i]) {
                updatedIds.add(updates.get(i).systemAlertId());
            } else {
                tally.updated--;
                tally.duplicates++;
            }
        }
        if (!rejected.isEmpty()) {
            quarantine.add(rejected, path, now);
            tally.reject(rejected);
        }
        if (!inserts.isEmpty() || !updatedIds.isEmpty()) {
            List<AlertsReceived.NewAlert> stored = inserts.values().stream()
                    .map(a -> new AlertsReceived.NewAlert(a.alert(), AlertStore.firstSeen(a, firstSeenInBatch)))
                    .toList();
            events.publishEvent(new AlertsReceived(path, stored, updatedIds.stream().distinct().toList()));
        }
        return tally;
    }

    private static final class Tally {
        long received;
        long accepted;
        long updated;
        long duplicates;
        long rejected;
        long warnings;
        final List<IntakeResult.Rejection> rejections = new ArrayList<>();

        void reject(List<ParsedRow.Rejected> rows) {
            rejected += rows.size();
            rows.stream().limit(Math.max(0, MAX_LISTED_REJECTIONS - rejections.size()))
                    .forEach(r -> rejections.add(new IntakeResult.Rejection(r.index(), r.systemAlertId(), r.reason())));
        }

        void add(Tally batch) {
            received += batch.received;
            accepted += batch.accepted;
            updated += batch.updated;
            duplicates += batch.duplicates;
            rejected += batch.rejected;
            warnings += batch.warnings;
            batch.rejections.stream().limit(Math.max(0, MAX_LISTED_REJECTIONS - rejections.size()))
                    .forEach(rejections::add);
        }

        IntakeResult result() {
            return new IntakeResult(received, accepted, updated, duplicates, rejected, warnings, List.copyOf(rejections));
        }
    }
}
