package org.watchfloor.correlation.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InstantTextTest {

    @Test
    void writesWhatInstantToStringWritesForEveryPrecisionOfTheSecondAndAtTheEndsOfTime() {
        for (String text : new String[] {"2026-11-01T00:00:00Z", "2026-11-01T14:18:17.482Z",
                "2026-11-01T14:18:17.482345Z", "2026-11-01T14:18:17.482345600Z", "1969-12-31T23:59:59.000000001Z",
                "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z"}) {
            assertThat(InstantText.of(Instant.parse(text))).isEqualTo(text);
        }
        for (Instant edge : new Instant[] {Instant.MIN, Instant.MAX, Instant.parse("-0001-12-31T23:59:59Z"),
                Instant.parse("+10000-01-01T00:00:00Z")}) {
            assertThat(InstantText.of(edge)).isEqualTo(edge.toString());
        }
        assertThat(InstantText.of(null)).isEqualTo("null");
    }

    @Test
    void agreesWithInstantToStringOnRandomInstantsFarInThePastAndFuture() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-400_000_000_000L, 400_000_000_000L),
                    switch (i % 4) {
                        case 0 -> 0;
                        case 1 -> random.nextInt(1000) * 1_000_000;
                        case 2 -> random.nextInt(1_000_000) * 1_000;
                        default -> random.nextInt(1_000_000_000);
                    });
            assertThat(InstantText.of(instant)).isEqualTo(instant.toString());
        }
    }
}
