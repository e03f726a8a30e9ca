package org.watchfloor.alerts.internal.generator;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The OT estate the generated alerts come from: sites with zones and one sensor each, about 150 devices with stable
 * ids, MAC and IP addresses, vendors, models, Purdue layers, importance and owners, and the few device pairs that
 * raise most of the alerts, as on a real OT network. It is built from a fixed seed, so files generated with
 * different seeds describe the same plant and can be imported into one Watchfloor.
 */
final class Inventory {

    /** One Defender for IoT site; its sensor id and device group appear in every alert's ids and URLs. */
    record Site(String name, String slug, String network, String sensor, String sensorId, String resourceGroup,
                String deviceGroup, String ownerDomain, List<String> zones, int weight) {
    }

    /**
     * One device; its two {@code Entities} renderings (as the first and as the second entity of an alert, whose
     * {@code $id}s differ) are made once here, because every alert repeats them verbatim.
     */
    record Device(String id, String name, DeviceType type, String vendor, String model, String mac, String ip,
                  Site site, String zone, String importance, String owner, boolean authorized,
                  String asFirstEntity, String asSecondEntity) {
    }

    /** A source and destination that keep raising the same alert: the noise every OT SOC knows. */
    record NoisyPair(Device source, Device destination, AlertKind kind, int weight) {
    }

    static final String TENANT_ID = "6513270e-269e-0d37-f2a7-4de452e6b438";
    static final String SUBSCRIPTION_ID = "d23f0824-128b-2f33-0c5c-7fd0a6a3a450";
    static final String WORKSPACE_RESOURCE_GROUP = "rg-sentinel";

    private static final long INVENTORY_SEED = 20261101L;
    private static final int DEVICES_PER_ZONE = 25;
    private static final int[] NOISY_PAIR_WEIGHTS = {26, 18, 17, 17, 16, 15, 13, 11};
    /** The composition of a zone before shuffling: mostly controllers, a few stations around them. */
    private static final List<DeviceType> ZONE_TYPES = zoneTypes();

    private final List<Site> sites = List.of(
            new Site("Plant Rotterdam", "plant", "10.10", "sensor-rtm-01", "660", "rg-ot-plant", "PlantRotterdam",
                    "plant.example", List.of("Line A", "Line B", "Utilities"), 45),
            new Site("Water Works North", "water", "10.11", "sensor-wwn-01", "297", "rg-ot-water", "WaterWorksNorth",
                    "water.example", List.of("Pumping", "SCADA"), 38),
            new Site("Substation 12", "substation", "10.12", "sensor-ss12-01", "349", "rg-ot-substation",
                    "Substation12", "substation.example", List.of("Control"), 17));
    private final List<Device> devices = new ArrayList<>();
    private final List<NoisyPair> noisyPairs = new ArrayList<>();

    Inventory() {
        Random random = new Random(INVENTORY_SEED);
        Set<Integer> deviceIds = new HashSet<>();
        for (Site site : sites) {
            for (int z = 0; z < site.zones().size(); z++) {
                List<DeviceType> types = new ArrayList<>(ZONE_TYPES);
                Collections.shuffle(types, random);
                for (int i = 0; i < types.size(); i++) {
                    devices.add(device(random, deviceIds, site, z, i, types.get(i)));
                }
            }
        }
        for (int weight : NOISY_PAIR_WEIGHTS) {
            noisyPairs.add(noisyPair(random, weight));
        }
    }

    List<Site> sites() {
        return sites;
    }

    List<Device> devices() {
        return devices;
    }

    List<NoisyPair> noisyPairs() {
        return noisyPairs;
    }

    /** A device of the site of one of the given types, or of any type when the site has none of them. */
    Device pick(Random random, Site site, Set<DeviceType> types, Device other) {
        List<Device> fitting = devices.stream()
                .filter(d -> d.site() == site && d != other && types.contains(d.type())).toList();
        if (fitting.isEmpty()) {
            fitting = devices.stream().filter(d -> d.site() == site && d != other).toList();
        }
        return fitting.get(random.nextInt(fitting.size()));
    }

    private NoisyPair noisyPair(Random random, int weight) {
        List<AlertKind> noisyKinds = List.of(AlertKind.ILLEGAL_MODBUS_OPERATION, AlertKind.UNAUTHORIZED_PLC_PROGRAMMING,
                AlertKind.PLC_OPERATING_MODE_CHANGED, AlertKind.SUSPICION_OF_MALICIOUS_ACTIVITY,
                AlertKind.ADDRESS_SCAN_DETECTED, AlertKind.ABNORMAL_TRAFFIC_BANDWIDTH, AlertKind.NEW_ASSET_DETECTED,
                AlertKind.UNAUTHORIZED_PLC_CONFIGURATION_WRITE);
        AlertKind kind = noisyKinds.get(noisyPairs.size() % noisyKinds.size());
        Site site = sites.get(noisyPairs.size() % sites.size());
        while (true) {
            Device source = pick(random, site, kind.sources(), null);
            Device destination = pick(random, site, kind.destinations(), source);
            boolean taken = noisyPairs.stream()
                    .anyMatch(p -> p.source() == source && p.destination() == destination);
            if (!taken) {
                return new NoisyPair(source, destination, kind, weight);
            }
        }
    }

    private Device device(Random random, Set<Integer> deviceIds, Site site, int zoneIndex, int index,
                          DeviceType type) {
        String zone = site.zones().get(zoneIndex);
        String zoneSlug = zone.toLowerCase().replace(" ", "");
        int id;
        do {
            id = 1 + random.nextInt(99_999);
        } while (!deviceIds.add(id));
        DeviceType.Model model = type.models().get(random.nextInt(type.models().size()));
        String name = String.format("%s-%s-%s-%02d", type.prefix(), site.slug(), zoneSlug, index);
        String mac = String.format("%02x:%02x:%02x:%02x:%02x:%02x", random.nextInt(256), random.nextInt(256),
                random.nextInt(256), random.nextInt(256), random.nextInt(256), random.nextInt(256));
        String ip = site.network() + "." + (zoneIndex + 1) + "." + (10 + index);
        int roll = random.nextInt(100);
        String importance = roll < 19 ? "High" : roll < 38 ? "Low" : "Normal";
        String owner = "ot-" + zoneSlug + "@" + site.ownerDomain();
        boolean authorized = random.nextInt(100) >= 3;
        Device bare = new Device(String.valueOf(id), name, type, model.vendor(), model.name(), mac, ip, site, zone,
                importance, owner, authorized, null, null);
        return new Device(bare.id(), name, type, model.vendor(), model.name(), mac, ip, site, zone, importance, owner,
                authorized, entity(bare, 2), entity(bare, 4));
    }

    /** The device as Sentinel serializes an {@code iotdevice} entity, its IP address a nested {@code ip} entity. */
    private static String entity(Device d, int firstId) {
        StringWriter text = new StringWriter(1024);
        try (JsonGenerator json = new JsonFactory().createGenerator(text)) {
            json.writeStartObject();
            json.writeStringField("$id", String.valueOf(firstId));
            json.writeStringField("DeviceId", d.id());
            json.writeStringField("DeviceName", d.name());
            json.writeStringField("DeviceType", d.type().label());
            json.writeStringField("Vendor", d.vendor());
            json.writeStringField("Model", d.model());
            json.writeStringField("MacAddress", d.mac());
            json.writeObjectFieldStart("IpAddress");
            json.writeStringField("$id", String.valueOf(firstId + 1));
            json.writeStringField("Address", d.ip());
            json.writeStringField("Type", "ip");
            json.writeEndObject();
            json.writeArrayFieldStart("Protocols");
            json.writeEndArray();
            json.writeStringField("Site", d.site().name());
            json.writeStringField("Zone", d.zone());
            json.writeStringField("Sensor", d.site().sensor());
            json.writeStringField("Importance", d.importance());
            json.writeStringField("PurdueLayer", d.type().purdueLayer());
            json.writeBooleanField("IsAuthorized", d.authorized());
            json.writeBooleanField("IsProgramming", d.type() == DeviceType.EWS);
            json.writeBooleanField("IsScanner", false);
            json.writeArrayFieldStart("Owners");
            json.writeString(d.owner());
            json.writeEndArray();
            json.writeStringField("DeviceSubType", d.type().label());
            json.writeStringField("DevicePageLink",
                    "https://portal.azure.com/#view/Microsoft_Azure_IoT_Defender/IoTDefenderDashboard/device/"
                            + d.id());
            json.writeStringField("Source", "Microsoft Defender for IoT");
            json.writeStringField("Type", "iotdevice");
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static List<DeviceType> zoneTypes() {
        List<DeviceType> types = new ArrayList<>();
        types.addAll(Collections.nCopies(11, DeviceType.PLC));
        types.addAll(Collections.nCopies(3, DeviceType.RTU));
        types.addAll(Collections.nCopies(3, DeviceType.SWITCH));
        types.addAll(Collections.nCopies(3, DeviceType.HMI));
        types.addAll(Collections.nCopies(3, DeviceType.EWS));
        types.addAll(Collections.nCopies(DEVICES_PER_ZONE - types.size(), DeviceType.HISTORIAN));
        return List.copyOf(types);
    }
}
