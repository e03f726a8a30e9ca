package org.watchfloor.correlation.internal;

import org.watchfloor.incidents.Explanation;

/** Where one alert went, with why. */
record Outcome(Kind kind, Long incidentNumber, Explanation explanation) {

    enum Kind {
        OPENED("opened an incident"),
        JOINED("joined an incident"),
        REOPENED("reopened an incident"),
        SUPPRESSED("suppressed"),
        NO_INCIDENT("no incident"),
        ALREADY_DECIDED("decided before");

        private final String words;

        Kind(String words) {
            this.words = words;
        }

        String words() {
            return words;
        }
    }
}
