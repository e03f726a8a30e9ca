package org.watchfloor.correlation.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.watchfloor.alerts.AlertDetails;
import org.watchfloor.alerts.HostEntity;
import org.watchfloor.alerts.IotDevice;
import org.watchfloor.alerts.SecurityAlert;
import org.watchfloor.alerts.Severity;

/** Alerts as Defender for IoT and an IT product write them, built for rule tests with the times they need. */
final class TestAlerts {

    static final Instant T0 = Instant.parse("2026-11-01T08:00:00Z");

    private TestAlerts() {
    }

    static SecurityAlert ot(String name, Severity severity, String source, String destination, Instant time) {
        return ot(name, severity, source, destination, time, "Normal");
    }

    static SecurityAlert ot(String name, Severity severity, String source, String destination, Instant time,
                            String destinationImportance) {
        IotDevice from = device(source, "Normal");
        IotDevice to = device(destination, destinationImportance);
        return new SecurityAlert(UUID.randomUUID().toString(), "v-" + time.toEpochMilli(), "tenant", time, name, name,
                "IoT_" + name.replace(" ", ""), severity, "New", name + " from " + source + " to " + destination,
                "IoTSecurity", "Microsoft", "Microsoft Defender for IoT", "POLICY_VIOLATION", null, null, "Unknown",
                null, false, time, time, time, List.of("Check with the device owner."),
                new AlertDetails("POLICY_VIOLATION", to.deviceId(), from.name(), source, to.name(), destination,
                        "1_" + to.deviceId(), "1",
                        "S7", true, true, null),
                List.of(from, to), List.of(), List.of(source, destination), "Detection", null, null, null, null,
                to.name(), List.of("ImpairProcessControl"), List.of("T0836"), List.of(), "SecurityAlert");
    }

    static SecurityAlert it(String name, String hostName, String address, Instant time) {
        return new SecurityAlert(UUID.randomUUID().toString(), "atp-" + time.toEpochMilli(), "tenant", time, name,
                name, "WindowsDefenderAtp", Severity.MEDIUM, "New", name + " on " + hostName, "MDATP", "Microsoft",
                "Microsoft Defender Advanced Threat Protection", "", null, null, "Unknown", null, false, time, time,
                time, List.of(), AlertDetails.NONE, List.of(),
                List.of(new HostEntity(hostName, null, null, "Windows", null)), List.of(address), "Detection", null,
                null, null, null, hostName, List.of("Execution"), List.of("T1059"), List.of(), "SecurityAlert");
    }

    private static IotDevice device(String address, String importance) {
        String name = "dev-" + address.replace('.', '-');
        return new IotDevice("id-" + address, name, "PLC", "PLC", "Siemens", "S7-1500",
                "00:00:" + address.replace('.', ':'), address, "Plant Rotterdam", "Line A", "sensor-rtm-01",
                importance, "ProcessControl", List.of("ot@plant.example"), true, false, false, null);
    }
}
