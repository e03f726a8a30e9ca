package org.watchfloor.alerts.internal.generator;

import static org.watchfloor.alerts.internal.generator.DeviceType.EWS;
import static org.watchfloor.alerts.internal.generator.DeviceType.HISTORIAN;
import static org.watchfloor.alerts.internal.generator.DeviceType.HMI;
import static org.watchfloor.alerts.internal.generator.DeviceType.PLC;
import static org.watchfloor.alerts.internal.generator.DeviceType.RTU;
import static org.watchfloor.alerts.internal.generator.DeviceType.SWITCH;

import java.util.List;
import java.util.Set;

/**
 * The Defender for IoT alerts the generator raises: name, {@code AlertType}, severity, MITRE ATT&CK for ICS tactic
 * and technique, the protocol seen, and which kinds of device send and receive the traffic. The weights give the mix
 * of a real day on an OT network (about that of the sample data), where policy violations and operational alerts
 * outnumber malware.
 */
enum AlertKind {
    UNAUTHORIZED_PLC_PROGRAMMING(Engine.POLICY_VIOLATION, "Unauthorized PLC Programming",
            "IoT_UnauthorizedPlcProgramming", "High", "Execution", "T0839", List.of("S7"),
            Set.of(EWS), Set.of(PLC), 41),
    NEW_ASSET_DETECTED(Engine.POLICY_VIOLATION, "New Asset Detected",
            "IoT_NewAssetDetected", "Informational", "Discovery", "T0842", List.of("ARP"),
            Set.of(HMI, EWS, HISTORIAN, SWITCH), Set.of(PLC, RTU, HMI), 27),
    UNAUTHORIZED_PLC_CONFIGURATION_WRITE(Engine.POLICY_VIOLATION, "Unauthorized PLC Configuration Write",
            "IoT_UnauthorizedPlcConfigurationWrite", "Medium", "ImpairProcessControl", "T0836", List.of("CIP"),
            Set.of(EWS, HMI), Set.of(PLC), 15),
    INTERNET_ACCESS_DETECTED(Engine.POLICY_VIOLATION, "Internet Access Detected",
            "IoT_InternetAccessDetected", "High", "CommandAndControl", "T0883", List.of("HTTPS"),
            Set.of(HISTORIAN, EWS, HMI), Set.of(SWITCH), 9),
    UNAUTHORIZED_SSH_ACCESS(Engine.POLICY_VIOLATION, "Unauthorized SSH Access",
            "IoT_UnauthorizedSshAccess", "Medium", "InitialAccess", "T0886", List.of("SSH"),
            Set.of(EWS, HISTORIAN), Set.of(PLC, RTU, SWITCH), 8),

    ILLEGAL_MODBUS_OPERATION(Engine.PROTOCOL_VIOLATION, "Illegal MODBUS Operation (Function Code Zero)",
            "IoT_IllegalModbusOperationCode", "Medium", "ImpairProcessControl", "T0855", List.of("Modbus"),
            Set.of(HMI, HISTORIAN, PLC), Set.of(PLC, RTU), 36),
    ILLEGAL_DNP3_OPERATION(Engine.PROTOCOL_VIOLATION, "Illegal DNP3 Operation",
            "IoT_IllegalDnp3Operation", "Medium", "ImpairProcessControl", "T0855", List.of("DNP3"),
            Set.of(HMI, HISTORIAN), Set.of(RTU), 9),
    MODBUS_EXCEPTION(Engine.PROTOCOL_VIOLATION, "Modbus Exception",
            "IoT_ModbusException", "Low", "ImpairProcessControl", "T0855", List.of("Modbus"),
            Set.of(PLC, RTU), Set.of(HMI, HISTORIAN), 8),

    SUSPICION_OF_MALICIOUS_ACTIVITY(Engine.MALWARE, "Suspicion of Malicious Activity",
            "IoT_SuspicionOfMaliciousActivity", "High", "Execution", "T0882", List.of("SMB"),
            Set.of(EWS, HISTORIAN, HMI), Set.of(EWS, HISTORIAN, HMI), 28),
    SUSPICION_OF_DENIAL_OF_SERVICE(Engine.MALWARE, "Suspicion of Denial Of Service Attack",
            "IoT_SuspicionOfDenialOfServiceAttack", "High", "InhibitResponseFunction", "T0814", List.of("TCP"),
            Set.of(EWS, HISTORIAN, HMI), Set.of(PLC, RTU, SWITCH), 10),

    ADDRESS_SCAN_DETECTED(Engine.ANOMALY, "Address Scan Detected",
            "IoT_AddressScanDetected", "High", "Discovery", "T0842", List.of("ICMP"),
            Set.of(EWS, HISTORIAN, HMI), Set.of(SWITCH, PLC), 25),
    ABNORMAL_TRAFFIC_BANDWIDTH(Engine.ANOMALY, "Abnormal Traffic Bandwidth",
            "IoT_AbnormalTrafficBandwidth", "Medium", "ImpairProcessControl", "T0812", List.of("TCP"),
            Set.of(HISTORIAN, HMI, PLC), Set.of(SWITCH, HISTORIAN, PLC), 22),
    ARP_SPOOFING(Engine.ANOMALY, "ARP Spoofing",
            "IoT_ArpSpoofing", "Medium", "Collection", "T0830", List.of("ARP"),
            Set.of(EWS, HMI), Set.of(SWITCH, PLC), 10),
    EXCESSIVE_LOGIN_ATTEMPTS(Engine.ANOMALY, "Excessive Login Attempts",
            "IoT_ExcessiveLoginAttempts", "High", "LateralMovement", "T0806", List.of("Telnet", "SSH"),
            Set.of(EWS, HMI), Set.of(SWITCH, RTU, PLC), 7),

    PLC_OPERATING_MODE_CHANGED(Engine.OPERATIONAL, "PLC Operating Mode Changed",
            "IoT_PlcOperatingModeChanged", "Low", "Execution", "T0858", List.of("S7", "CIP"),
            Set.of(EWS, HMI), Set.of(PLC), 29),
    S7_STOP_PLC_COMMAND(Engine.OPERATIONAL, "An S7 Stop PLC Command was Sent",
            "IoT_AnS7StopPlcCommandWasSent", "Low", "InhibitResponseFunction", "T0881", List.of("S7"),
            Set.of(EWS), Set.of(PLC), 12),
    NO_TRAFFIC_ON_SENSOR_INTERFACE(Engine.OPERATIONAL, "No Traffic Detected on Sensor Interface",
            "IoT_NoTrafficDetectedOnSensorInterface", "High", "InhibitResponseFunction", "T0881", List.of(""),
            Set.of(PLC, SWITCH, RTU), Set.of(PLC, SWITCH, RTU), 10),
    FIRMWARE_VERSION_CHANGED(Engine.OPERATIONAL, "Firmware Version Changed",
            "IoT_FirmwareVersionChanged", "Medium", "InhibitResponseFunction", "T0857", List.of("CIP", "S7"),
            Set.of(EWS), Set.of(PLC, RTU), 9);

    private final Engine engine;
    private final String alertName;
    private final String alertType;
    private final String severity;
    private final String tactic;
    private final String technique;
    private final List<String> protocols;
    private final Set<DeviceType> sources;
    private final Set<DeviceType> destinations;
    private final int weight;

    AlertKind(Engine engine, String alertName, String alertType, String severity, String tactic, String technique,
              List<String> protocols, Set<DeviceType> sources, Set<DeviceType> destinations, int weight) {
        this.engine = engine;
        this.alertName = alertName;
        this.alertType = alertType;
        this.severity = severity;
        this.tactic = tactic;
        this.technique = technique;
        this.protocols = protocols;
        this.sources = sources;
        this.destinations = destinations;
        this.weight = weight;
    }

    Engine engine() {
        return engine;
    }

    String alertName() {
        return alertName;
    }

    String alertType() {
        return alertType;
    }

    String severity() {
        return severity;
    }

    String tactic() {
        return tactic;
    }

    String technique() {
        return technique;
    }

    /** The protocols the sensor may name; the empty one is what it writes when no traffic was seen at all. */
    List<String> protocols() {
        return protocols;
    }

    Set<DeviceType> sources() {
        return sources;
    }

    Set<DeviceType> destinations() {
        return destinations;
    }

    int weight() {
        return weight;
    }
}
