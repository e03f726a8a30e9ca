package org.watchfloor.alerts;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Alert and incident severity as Defender for IoT and Sentinel name it, lowest first. */
public enum Severity {
    INFORMATIONAL("Informational"),
    LOW("Low"),
    MEDIUM("Medium"),
    HIGH("High");

    private final String label;

    Severity(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }

    /** The labels, High first: the order reports and listings show severities in. */
    public static List<String> labelsHighestFirst() {
        return List.of(HIGH.label, MEDIUM.label, LOW.label, INFORMATIONAL.label);
    }

    /** The severity a row names, case-insensitively; empty when the text is none of the four. */
    public static Optional<Severity> of(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        for (Severity s : values()) {
            if (s.label.toLowerCase(Locale.ROOT).equals(wanted)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return label;
    }
}
