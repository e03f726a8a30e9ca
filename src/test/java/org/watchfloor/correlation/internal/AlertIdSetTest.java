package org.watchfloor.correlation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AlertIdSetTest {

    @Test
    void everyIdAddedIsFoundAgainAndNoOtherThroughManyGrowthsOnTheHeapAndInTheMappedFile() {
        AlertIdSet ids = new AlertIdSet(1 << 17);
        Random random = new Random(7);
        List<String> added = new ArrayList<>();
        for (int i = 0; i < 300_000; i++) {
            String id = new UUID(random.nextLong(), random.nextLong()).toString();
            assertThat(ids.add(id)).isTrue();
            added.add(id);
        }

        assertThat(ids.size()).isEqualTo(300_000);
        assertThat(added).allSatisfy(id -> assertThat(ids.contains(id)).isTrue());
        assertThat(added.subList(0, 1000)).allSatisfy(id -> assertThat(ids.add(id)).isFalse());
        for (int i = 0; i < 1000; i++) {
            assertThat(ids.contains(new UUID(random.nextLong(), random.nextLong()).toString())).isFalse();
        }
        assertThat(ids.size()).isEqualTo(300_000);
    }

    @Test
    void idsThatDifferOnlyInCaseOrShapeAreDifferentAlerts() {
        AlertIdSet ids = new AlertIdSet();
        String guid = "ab48b007-d1a5-3e4a-61fe-b86737eb7c9a";

        assertThat(ids.add(guid)).isTrue();

        assertThat(ids.contains(guid.toUpperCase())).isFalse();
        assertThat(ids.contains(guid.replace("-", ""))).isFalse();
        assertThat(ids.add(guid.toUpperCase())).isTrue();
        assertThat(ids.add("alert-17")).isTrue();
        assertThat(ids.add("alert-17")).isFalse();
        assertThat(ids.contains("alert-18")).isFalse();
        assertThat(ids.size()).isEqualTo(3);
    }

    @Test
    void guidsThatLookLikeTheTablesMarkersAreKeptLikeAnyOther() {
        AlertIdSet ids = new AlertIdSet();
        String zero = "00000000-0000-0000-0000-000000000000";
        String sentinel = "80000000-0000-0000-0000-000000000000";

        assertThat(ids.contains(zero)).isFalse();
        assertThat(ids.add(zero)).isTrue();
        assertThat(ids.add(zero)).isFalse();
        assertThat(ids.add(sentinel)).isTrue();
        assertThat(ids.add(sentinel)).isFalse();

        assertThat(ids.contains(zero)).isTrue();
        assertThat(ids.contains(sentinel)).isTrue();
        assertThat(ids.contains("80000000-0000-0000-0000-000000000001")).isFalse();
        assertThat(ids.size()).isEqualTo(2);
    }
}
