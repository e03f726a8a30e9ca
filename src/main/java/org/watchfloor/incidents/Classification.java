package org.watchfloor.incidents;

/** Why an incident was closed; closing needs one. */
public enum Classification {
    TruePositive, BenignPositive, FalsePositive, Undetermined
}
