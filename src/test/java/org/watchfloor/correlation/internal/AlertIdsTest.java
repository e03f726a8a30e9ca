package org.watchfloor.correlation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AlertIdsTest {

    @Test
    void anIncidentsAlertIdsComeBackAsTheyWereGivenWhateverTheirForm() {
        AlertIds ids = new AlertIds();
        List<String> given = new ArrayList<>();
        Random random = new Random(3);
        for (int i = 0; i < 40; i++) {
            given.add(i % 7 == 3 ? "alert-" + i : new UUID(random.nextLong(), random.nextLong()).toString());
        }
        given.add("FFFFFFFF-0000-0000-0000-000000000000");
        given.add("ffffffff-ffff-ffff-ffff-ffffffffffff");
        given.add("80000000-0000-0000-0000-000000000000");

        given.forEach(ids::add);

        assertThat(ids).containsExactlyElementsOf(given);
    }
}
