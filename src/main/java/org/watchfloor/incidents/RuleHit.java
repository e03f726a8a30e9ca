package org.watchfloor.incidents;

import java.util.List;

/**
 * One line of an explanation: a rule that fired for an alert, what it asked for, and the facts it matched, each
 * described in words (e.g. {@code "Incident 12 (MDIoT) PLC Stop Command, last activity 2026-11-01T10:02Z"}).
 */
public record RuleHit(String rule, String action, List<String> matched) {

    public RuleHit {
        matched = List.copyOf(matched);
    }
}
