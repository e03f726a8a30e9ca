package org.watchfloor.incidents.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DecisionsFirstTest {

    private static final Instant START = Instant.parse("2026-11-22T10:00:00Z");

    private boolean deciding;
    private final DecisionsFirst decisionsFirst = new DecisionsFirst(() -> deciding, Duration.ofSeconds(30));

    @Test
    void lifecycleWorkGoesAheadAtOnceWhenNoAlertAwaitsItsDecision() {
        assertThat(decisionsFirst.holdsBack(START)).isFalse();
        assertThat(decisionsFirst.holdsBack(START.plusMillis(250))).isFalse();
    }

    @Test
    void duringAFloodTheWorkWaitsAtMostTheLimitAtATime() {
        deciding = true;
        assertThat(decisionsFirst.holdsBack(START)).isTrue();
        assertThat(decisionsFirst.holdsBack(START.plusSeconds(29))).isTrue();
        assertThat(decisionsFirst.holdsBack(START.plusSeconds(30))).as("the limit reached").isFalse();
        assertThat(decisionsFirst.holdsBack(START.plusSeconds(31))).as("the next hold").isTrue();
        assertThat(decisionsFirst.holdsBack(START.plusSeconds(60))).isFalse();
    }

    @Test
    void theWorkGoesAheadAsSoonAsCorrelationHasDecidedEverything() {
        deciding = true;
        assertThat(decisionsFirst.holdsBack(START)).isTrue();
        deciding = false;
        assertThat(decisionsFirst.holdsBack(START.plusSeconds(1))).isFalse();
        deciding = true;
        assertThat(decisionsFirst.holdsBack(START.plusSeconds(2))).as("a new flood holds afresh").isTrue();
        assertThat(decisionsFirst.holdsBack(START.plusSeconds(31))).isTrue();
    }

    @Test
    void aFloodIsWhileCorrelationHasAlertsToDecide() {
        assertThat(decisionsFirst.isFlood()).isFalse();
        deciding = true;
        assertThat(decisionsFirst.isFlood()).isTrue();
    }

    @Test
    void aLimitOfZeroNeverHoldsBackNorSeesAFlood() {
        deciding = true;
        DecisionsFirst never = new DecisionsFirst(() -> deciding, Duration.ZERO);
        assertThat(never.holdsBack(START)).isFalse();
        assertThat(never.isFlood()).isFalse();
    }
}
