package org.watchfloor.incidents;

import java.time.Instant;

/** One change to an incident: who changed which field when, from what to what. */
public record AuditEntry(String changedBy, Instant changedAt, String field, String oldValue, String newValue) {
}
