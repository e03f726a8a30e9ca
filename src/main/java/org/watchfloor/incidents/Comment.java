package org.watchfloor.incidents;

import java.time.Instant;

/** A note on an incident: an analyst's finding, a remediation record, a closing remark. */
public record Comment(long id, String author, Instant writtenAt, String text) {
}
