package org.watchfloor.alerts;

/** A {@code host} entity, as IT products (Defender for Endpoint) report the machine an alert is about. */
public record HostEntity(String hostName, String dnsDomain, String netBiosName, String osFamily, String osVersion) {
}
