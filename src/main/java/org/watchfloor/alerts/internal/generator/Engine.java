package org.watchfloor.alerts.internal.generator;

import java.util.List;

/**
 * The five Defender for IoT detection engines ({@code ProductComponentName}, and {@code Category} in the extended
 * properties), each with the remediation steps the sensor attaches to its alerts.
 */
enum Engine {
    POLICY_VIOLATION(List.of(
            "Verify with the device owner that the activity was authorized.",
            "If it was expected, mark the alert as Learn so the sensor adds the traffic to its baseline.")),
    PROTOCOL_VIOLATION(List.of(
            "Check the firmware and configuration of the source device.",
            "If the traffic is legitimate, ask the vendor about protocol compliance.")),
    MALWARE(List.of(
            "Isolate the source device from the OT network.",
            "Run an antivirus scan on the source device.",
            "Look for related alerts on devices it communicated with.")),
    ANOMALY(List.of(
            "Review the traffic between the devices in the alert.",
            "Check for other recent alerts from the same source.")),
    OPERATIONAL(List.of(
            "Contact the device owner to confirm the operational change.",
            "Check the physical state of the process."));

    private final List<String> remediationSteps;

    Engine(List<String> remediationSteps) {
        this.remediationSteps = remediationSteps;
    }

    List<String> remediationSteps() {
        return remediationSteps;
    }
}
