package org.watchfloor.alerts.internal.generator;

import java.util.List;

/**
 * The kinds of OT device a Defender for IoT sensor classifies, with the vendors and models met on such networks and
 * the Purdue layer the sensor puts them on.
 */
enum DeviceType {
    PLC("plc", "ProcessControl",
            List.of(new Model("Siemens", "S7-1500"), new Model("Rockwell Automation", "ControlLogix 5580"),
                    new Model("Schneider Electric", "Modicon M340"), new Model("Siemens", "S7-300"))),
    RTU("rtu", "ProcessControl",
            List.of(new Model("ABB", "RTU560"), new Model("Schneider Electric", "SCADAPack 570"))),
    SWITCH("switch", "ProcessControl",
            List.of(new Model("Cisco", "IE-3400"), new Model("Hirschmann", "RSP35"))),
    HMI("hmi", "SupervisoryControl",
            List.of(new Model("Siemens", "SIMATIC HMI"), new Model("Rockwell Automation", "PanelView 5510"))),
    EWS("ews", "SupervisoryControl",
            List.of(new Model("Dell", "Precision 3660"), new Model("HP", "Z2 G9"))),
    HISTORIAN("historian", "Enterprise",
            List.of(new Model("AVEVA", "PI Server")));

    record Model(String vendor, String name) {
    }

    private final String prefix;
    private final String purdueLayer;
    private final List<Model> models;

    DeviceType(String prefix, String purdueLayer, List<Model> models) {
        this.prefix = prefix;
        this.purdueLayer = purdueLayer;
        this.models = models;
    }

    /** How device names start, and the sensor's {@code DeviceType} label. */
    String prefix() {
        return prefix;
    }

    String label() {
        return switch (this) {
            case SWITCH -> "Switch";
            case HISTORIAN -> "Historian";
            default -> name();
        };
    }

    String purdueLayer() {
        return purdueLayer;
    }

    List<Model> models() {
        return models;
    }
}
