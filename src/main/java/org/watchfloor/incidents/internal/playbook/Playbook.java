package org.watchfloor.incidents.internal.playbook;

/** The playbooks: each a BPMN process of its own in {@code processes/playbooks/}, by process key. */
public enum Playbook {
    MAIL_DEVICE_OWNER("playbook-mail-device-owner"),
    MAIL_SENSOR_CONTACTS("playbook-mail-sensor-contacts"),
    ENGINEERING_WORKSTATION_TICKET("playbook-engineering-workstation-ticket"),
    ALERT_STATUS_SYNC("playbook-alert-status-sync"),
    AUTO_TRIAGE_BY_IMPORTANCE("playbook-auto-triage-by-importance");

    private final String processKey;

    Playbook(String processKey) {
        this.processKey = processKey;
    }

    public String processKey() {
        return processKey;
    }
}
