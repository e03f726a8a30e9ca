package org.watchfloor.incidents.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TechniqueOrderTest {

    private static final Instant NINE = Instant.parse("2026-11-01T09:00:00Z");
    private static final Instant TEN = Instant.parse("2026-11-01T10:00:00Z");
    private static final Instant ELEVEN = Instant.parse("2026-11-01T11:00:00Z");

    @Test
    void techniquesAreInOrderOfFirstAppearanceByAlertTime() {
        TechniqueOrder order = TechniqueOrder.empty();
        order.seen(TEN, 0, List.of("T0843", "T0858"));
        order.seen(ELEVEN, 1, List.of("T0858", "T0881"));

        assertThat(order.techniques()).containsExactly("T0843", "T0858", "T0881");
    }

    @Test
    void aLateAlertMovesItsTechniquesToWhereTheyFirstAppearedInAlertTime() {
        TechniqueOrder order = TechniqueOrder.empty();
        order.seen(TEN, 0, List.of("T0843"));
        order.seen(ELEVEN, 1, List.of("T0881"));
        order.seen(NINE, 2, List.of("T0881", "T0886"));

        assertThat(order.techniques()).containsExactly("T0881", "T0886", "T0843");
    }

    @Test
    void alertsOfOneInstantCountInTheOrderTheyWereDecided() {
        TechniqueOrder order = TechniqueOrder.empty();
        order.seen(TEN, 0, List.of("T0886"));
        order.seen(TEN, 1, List.of("T0843", "T0886"));

        assertThat(order.techniques()).containsExactly("T0886", "T0843");
    }

    @Test
    void firstSightingsReadBackGiveTheSameOrderAsTheAlertsTheyCameFrom() {
        List<IncidentStore.TechniquesSeen> alerts = List.of(new IncidentStore.TechniquesSeen(NINE, List.of("T0881")),
                new IncidentStore.TechniquesSeen(TEN, List.of("T0843", "T0881")),
                new IncidentStore.TechniquesSeen(TEN, List.of("T0886")));
        TechniqueOrder rebuilt = TechniqueOrder.fromAlerts(alerts);
        TechniqueOrder stored = TechniqueOrder.of(rebuilt.firstSeen());

        stored.seen(TEN, 3, List.of("T0836"));
        rebuilt.seen(TEN, 3, List.of("T0836"));

        assertThat(stored.techniques()).isEqualTo(rebuilt.techniques())
                .containsExactly("T0881", "T0843", "T0886", "T0836");
    }
}
