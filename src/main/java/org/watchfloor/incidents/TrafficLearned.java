package org.watchfloor.incidents;

import java.util.List;

/** Published after commit when closing alerts as Learn added traffic to the {@link LearnedBaseline}. */
public record TrafficLearned(List<LearnedBaseline.Entry> entries) {

    public TrafficLearned {
        entries = List.copyOf(entries);
    }
}
