package org.watchfloor.alerts;

/**
 * What the SOC decided about an alert when its incident closed, in Defender for IoT's terms: Closed (handled), Learn
 * (expected traffic, part of the baseline from now on) or Mute (ignore this alert from now on).
 */
public enum TriageStatus {
    Closed, Learn, Mute
}
