package org.watchfloor.alerts.internal.generator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.ToIntFunction;

/**
 * Produces {@code SecurityAlert} rows one at a time, so any number of them can be written without holding them.
 * Everything comes from one {@link Random} seeded by the caller (whose algorithm Java specifies), so a seed always
 * gives the same rows. New alerts are spread evenly over the period with jitter; a share of the rows are later
 * rows of alerts still open, which is how Defender for IoT reports a status change.
 */
final class AlertGenerator {

    /**
     * @param updatePercent how many rows in a hundred are status updates of an earlier alert rather than new ones
     */
    record Settings(long count, long seed, Instant start, Duration period, int updatePercent) {
        Settings {
            if (count < 0 || updatePercent < 0 || updatePercent > 50 || period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("count >= 0, 0 <= updatePercent <= 50 and a positive period");
            }
        }
    }

    static final String LEGACY_PRODUCT = "Azure Security Center for IoT";
    static final String CURRENT_PRODUCT = "Microsoft Defender for IoT";

    /** How many alerts an update may pick from; later updates hit recent alerts, as status changes do. */
    private static final int OPEN_ALERTS = 512;
    /** The share of new alerts raised by the noisy pairs: about 40% of the rows, as in real OT networks. */
    private static final int NOISY_PERCENT = 44;
    private static final Duration MAX_UPDATE_DELAY = Duration.ofHours(12);
    private static final List<AlertKind> KINDS = List.of(AlertKind.values());

    private final Settings settings;
    private final Inventory inventory;
    private final Random random;
    private final List<GeneratedAlert> open = new ArrayList<>();
    private long produced;
    private long updates;
    private long nextVendorId;

    AlertGenerator(Settings settings, Inventory inventory) {
        this.settings = settings;
        this.inventory = inventory;
        this.random = new Random(settings.seed());
        this.nextVendorId = 1_000_000 + random.nextInt(4_000_000);
    }

    boolean hasNext() {
        return produced < settings.count();
    }

    GeneratedAlert next() {
        GeneratedAlert row = !open.isEmpty() && random.nextInt(100) < settings.updatePercent()
                ? update()
                : raise();
        produced++;
        return row;
    }

    long rows() {
        return produced;
    }

    /** The rows that were status updates of an alert already written. */
    long updates() {
        return updates;
    }

    /** The distinct alerts written. */
    long alerts() {
        return produced - updates;
    }

    private GeneratedAlert raise() {
        long periodMillis = settings.period().toMillis();
        long offset = (long) ((produced + random.nextDouble()) * periodMillis / Math.max(1, settings.count()));
        Instant start = settings.start().plusMillis(offset);
        Inventory.Device source;
        Inventory.Device destination;
        AlertKind kind;
        if (random.nextInt(100) < NOISY_PERCENT) {
            Inventory.NoisyPair pair = weighted(inventory.noisyPairs(), Inventory.NoisyPair::weight);
            source = pair.source();
            destination = pair.destination();
            kind = random.nextInt(100) < 75 ? pair.kind() : weighted(KINDS, AlertKind::weight);
        } else {
            kind = weighted(KINDS, AlertKind::weight);
            Inventory.Site site = weighted(inventory.sites(), Inventory.Site::weight);
            source = inventory.pick(random, site, kind.sources(), null);
            destination = inventory.pick(random, site, kind.destinations(), source);
        }
        nextVendorId += 1 + random.nextInt(3);
        GeneratedAlert alert = new GeneratedAlert(
                new UUID(random.nextLong(), random.nextLong()).toString(),
                String.valueOf(nextVendorId),
                kind,
                source,
                destination,
                kind.protocols().get(random.nextInt(kind.protocols().size())),
                random.nextInt(100) < 75 ? LEGACY_PRODUCT : CURRENT_PRODUCT,
                start,
                start.plusSeconds(1 + random.nextInt(120)),
                start.plusSeconds(60L * (1 + random.nextInt(10))),
                start.plusSeconds(60L * (2 + random.nextInt(12))),
                "New",
                true);
        if (open.size() == OPEN_ALERTS) {
            open.remove(0);
        }
        open.add(alert);
        return alert;
    }

    /** Half of the changes come at once, the rest batched over up to 12 hours, as Defender for IoT sends them. */
    private GeneratedAlert update() {
        int index = random.nextInt(open.size());
        GeneratedAlert previous = open.get(index);
        String status = "New".equals(previous.status()) && random.nextInt(100) < 35 ? "Active" : "Closed";
        long delay = random.nextBoolean()
                ? 60_000L * (1 + random.nextInt(10))
                : 60_000L + (long) (random.nextDouble() * MAX_UPDATE_DELAY.toMillis());
        Instant time = previous.timeGenerated().plusMillis(delay);
        GeneratedAlert update = previous.updated(time, status, time.minusSeconds(300));
        if ("Closed".equals(status)) {
            open.remove(index);
        } else {
            open.set(index, update);
        }
        updates++;
        return update;
    }

    private <T> T weighted(List<T> items, ToIntFunction<T> weight) {
        int total = 0;
        for (T item : items) {
            total += weight.applyAsInt(item);
        }
        int roll = random.nextInt(total);
        for (T item : items) {
            roll -= weight.applyAsInt(item);
            if (roll < 0) {
                return item;
            }
        }
        throw new IllegalStateException("weights changed while choosing");
    }
}
