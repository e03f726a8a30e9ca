package org.watchfloor.incidents;

import java.time.Instant;
import java.util.List;

/**
 * The traffic the SOC declared expected by closing alerts as Learn: an alert name between a source and a destination
 * address. Correlation suppresses alerts that match it.
 */
public interface LearnedBaseline {

    List<Entry> entries();

    record Entry(String alertName, String sourceAddress, String destinationAddress, Instant learnedAt,
                 String learnedBy, Long incidentNumber) {
    }
}
