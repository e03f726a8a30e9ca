package org.watchfloor.reporting.internal;

import java.io.Serializable;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import org.springframework.batch.item.Chunk;
import org.springframework.batch.item.ItemWriter;

/**
 * The daily report's tally of the period's alerts, chunk by chunk as the reader streams them: counts by severity,
 * hour, engine, site, sensor, alert name, device and MITRE tactic and technique. It holds counts, never alerts, so
 * a period of any size needs the same memory; {@link #summary} keeps the tops the report shows.
 */
class AlertTally implements ItemWriter<AlertFacts> {

    static final int TOP = 10;
    static final String OTHER_TYPES = "(other alert types)";

    private final ZoneId zone;
    private long alerts;
    private final Counter severity = new Counter();
    private final long[] hours = new long[24];
    private final Counter engine = new Counter();
    private final Counter site = new Counter();
    private final Counter sensor = new Counter();
    private final Counter alertName = new Counter();
    /** an alert name belongs to one engine in Defender for IoT; the first one seen names it */
    private final HashMap<String, String> engineOfName = new HashMap<>();
    private final Counter device = new Counter();
    private final Counter tactic = new Counter();
    private final Counter technique = new Counter();

    AlertTally(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public void write(Chunk<? extends AlertFacts> chunk) {
        for (AlertFacts a : chunk) {
            alerts++;
            severity.add(a.severity());
            hours[a.detected().atZone(zone).getHour()]++;
            engine.add(a.engine());
            site.add(a.site());
            sensor.add(a.sensor());
            alertName.add(a.alertName());
            if (a.alertName() != null && a.engine() != null) {
                engineOfName.putIfAbsent(a.alertName(), a.engine());
            }
            Set<String> devices = new HashSet<>(4);
            addDevice(devices, a.sourceDevice(), a.sourceAddress());
            addDevice(devices, a.destinationDevice(), a.destinationAddress());
            devices.forEach(device::add);
            split(a.tactics(), tactic);
            split(a.techniques(), technique);
        }
    }

    long alerts() {
        return alerts;
    }

    /** A device by name and address, counted once per alert even when it is both source and destination. */
    private static void addDevice(Set<String> devices, String name, String address) {
        boolean hasName = name != null && !name.isBlank();
        boolean hasAddress = address != null && !address.isBlank();
        if (hasName || hasAddress) {
            devices.add(hasName && hasAddress && !name.equals(address) ? name + " (" + address + ")"
                    : hasName ? name : address);
        }
    }

    /** Tactics and techniques are stored comma-separated, as Defender for IoT writes them. */
    private static void split(String list, Counter into) {
        if (list == null || list.isBlank()) {
            return;
        }
        for (String item : list.split(",")) {
            String trimmed = item.trim();
            if (!trimmed.isEmpty()) {
                into.add(trimmed);
            }
        }
    }

    /** What the report shows: the whole small tallies and the tops of the large ones. */
    Summary summary() {
        Counter noisiest = alertName.top(TOP, OTHER_TYPES);
        HashMap<String, String> engines = new HashMap<>();
        noisiest.asMap().keySet().forEach(name -> engines.put(name, engineOfName.getOrDefault(name, "")));
        return new Summary(alerts, severity, hours.clone(), engine, site, sensor.top(15, "(other sensors)"),
                noisiest, alertName.size(), engines, device.top(TOP, "(other devices)"), device.size(), tactic,
                technique.top(15, "(other techniques)"));
    }

    /**
     * The tally as it is kept in the job's execution context between the tally and the fill step, so a run that
     * failed after the tally refills from it and a delivery retry needs neither.
     *
     * @param noisiestEngines the engine that raised each of the noisiest alert types
     */
    record Summary(long alerts, Counter severity, long[] hours, Counter engine, Counter site, Counter sensor,
                   Counter noisiest, int alertTypes, HashMap<String, String> noisiestEngines, Counter devices,
                   int deviceCount, Counter tactics, Counter techniques) implements Serializable {
    }
}
