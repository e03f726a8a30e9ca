package org.watchfloor.incidents.internal.playbook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.watchfloor.Background;
import org.watchfloor.SharedData;
import org.watchfloor.alerts.AlertIntake;
import org.watchfloor.alerts.IntakePath;

/**
 * Alerts for the playbook tests, written as Defender for IoT writes them (the first row of the shared sample with the
 * devices, name and time a test needs), posted to intake so correlation opens real incidents.
 */
final class PlaybookAlerts {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A device as Defender for IoT's {@code iotdevice} entity describes it. */
    record Device(String id, String name, String type, String address, String site, String zone, String sensor) {

        /** An engineering workstation at an address no other test uses, so no alert has named it before. */
        static Device newWorkstation() {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            String address = "10.200." + random.nextInt(1, 255) + "." + random.nextInt(1, 255);
            return new Device(Integer.toString(random.nextInt(100_000, 1_000_000)), "ews-" + address.replace('.', '-'),
                    "EWS", address, "Plant Rotterdam", "Line A", "sensor-rtm-01");
        }
    }

    static final Device PLC_LINE_B = new Device("60853", "plc-plant-lineb-01", "PLC", "10.10.2.11", "Plant Rotterdam",
            "Line B", "sensor-rtm-01");
    static final Device PLC_UTILITIES = new Device("84341", "plc-plant-utilities-00", "PLC", "10.10.3.10",
            "Plant Rotterdam", "Utilities", "sensor-rtm-01");
    static final Device RTU_SUBSTATION = new Device("47120", "rtu-substation-control-01", "RTU", "10.12.1.11",
            "Substation 12", "Control", "sensor-ss12-01");
    static final Device HMI_SUBSTATION = new Device("47121", "hmi-substation-control-02", "HMI", "10.12.1.12",
            "Substation 12", "Control", "sensor-ss12-01");

    private PlaybookAlerts() {
    }

    /**
     * Posts one alert of a name no other alert carries (so it opens an incident of its own) from one device to another
     * and answers the number of the incident correlation opened for it.
     */
    static long incidentFor(ApplicationContext context, String name, Instant time, Device source, Device destination) {
        String systemAlertId = UUID.randomUUID().toString();
        ArrayNode rows = JSON.createArrayNode().add(row(systemAlertId, name + " " + systemAlertId.substring(0, 8),
                time, source, destination));
        try {
            context.getBean(AlertIntake.class).ingest(new ByteArrayInputStream(JSON.writeValueAsBytes(rows)),
                    IntakePath.API);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Background.finish(context);
        return context.getBean(JdbcTemplate.class).queryForObject("SELECT incident_number FROM correlation_decision "
                + "WHERE system_alert_id = ? AND incident_number IS NOT NULL", Long.class, systemAlertId);
    }

    private static ObjectNode row(String systemAlertId, String name, Instant time, Device source, Device destination) {
        try {
            ObjectNode row = (ObjectNode) JSON.readTree(SharedData.bytes(SharedData.SAMPLE)).get(0).deepCopy();
            String vendorId = Long.toString(ThreadLocalRandom.current().nextLong(1_000_000, 100_000_000));
            row.put("SystemAlertId", systemAlertId)
                    .put("VendorOriginalId", vendorId)
                    .put("AlertName", name)
                    .put("DisplayName", name)
                    .put("AlertSeverity", "Medium")
                    .put("TimeGenerated", time.toString())
                    .put("StartTime", time.toString())
                    .put("EndTime", time.toString())
                    .put("ProcessingEndTime", time.toString())
                    .put("Description", name + ": " + source.name() + " -> " + destination.name())
                    .put("CompromisedEntity", destination.name());
            ObjectNode details = JSON.createObjectNode()
                    .put("Category", "POLICY_VIOLATION")
                    .put("CompromisedEntityId", destination.id())
                    .put("SourceDevice", source.name())
                    .put("SourceDeviceAddress", source.address())
                    .put("DestinationDevice", destination.name())
                    .put("DestinationDeviceAddress", destination.address())
                    .put("DeviceId", "660_" + destination.id())
                    .put("SensorId", "660")
                    .put("Protocol", "S7")
                    .put("isNew", "True")
                    .put("AlertManagementUri", "https://management.azure.com/subscriptions/d23f0824/providers/"
                            + "Microsoft.IoTSecurity/locations/westeurope/alerts/" + vendorId);
            row.put("ExtendedProperties", JSON.writeValueAsString(details));
            row.put("Entities", JSON.writeValueAsString(List.of(entity(source), entity(destination))));
            return row;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String mac(String address) {
        StringBuilder mac = new StringBuilder("02:00");
        for (String octet : address.split("\\.")) {
            mac.append(':').append(String.format("%02x", Integer.parseInt(octet)));
        }
        return mac.toString();
    }

    private static ObjectNode entity(Device d) {
        ObjectNode entity = JSON.createObjectNode()
                .put("DeviceId", d.id())
                .put("DeviceName", d.name())
                .put("DeviceType", d.type())
                .put("DeviceSubType", d.type())
                .put("Vendor", "Siemens")
                .put("Model", "SIMATIC")
                .put("MacAddress", mac(d.address()))
                .put("Site", d.site())
                .put("Zone", d.zone())
                .put("Sensor", d.sensor())
                .put("Importance", "Normal")
                .put("PurdueLayer", "ProcessControl")
                .put("Type", "iotdevice");
        entity.putObject("IpAddress").put("Address", d.address()).put("Type", "ip");
        return entity;
    }
}
