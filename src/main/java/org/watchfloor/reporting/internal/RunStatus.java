package org.watchfloor.reporting.internal;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a report run is. A run that failed to deliver can be run again; it then skips the fill. */
enum RunStatus {
    /** the job is reading and filling */
    RUNNING("Running"),
    /** the PDF is archived; delivery comes next */
    FILLED("Filled"),
    /** mailed to every recipient */
    DELIVERED("Delivered"),
    /** archived; there was nobody to mail it to */
    ARCHIVED("Archived"),
    /** the PDF is archived but the mail did not go out; running the period again retries the mail only */
    DELIVERY_FAILED("DeliveryFailed"),
    /** the fill failed; running the period again starts over */
    FAILED("Failed");

    private final String label;

    RunStatus(String label) {
        this.label = label;
    }

    @JsonValue
    String label() {
        return label;
    }

    static RunStatus of(String label) {
        for (RunStatus s : values()) {
            if (s.label.equals(label)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown report run status " + label);
    }
}
