package org.watchfloor.correlation.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.watchfloor.SharedData;
import org.watchfloor.WatchfloorTest;
import org.watchfloor.alerts.AlertReader;
import org.watchfloor.alerts.MalformedIntakeException;
import org.watchfloor.alerts.SecurityAlert;

/** A replay reads ahead on a thread of its own: what it hands on must be exactly what the reader read. */
@WatchfloorTest
class ReadAheadTest {

    @Autowired
    AlertReader reader;
    @Autowired
    ObjectMapper json;

    @Test
    void handsOnEveryAlertInDocumentOrderWithTheReadersCounts() throws IOException {
        List<String> direct = new ArrayList<>();
        AlertReader.Summary expected = reader.read(new ByteArrayInputStream(SharedData.bytes(SharedData.EDGE_CASES)),
                alert -> direct.add(alert.systemAlertId()));

        List<String> readAhead = new ArrayList<>();
        AlertReader.Summary summary;
        try (ReadAhead chunks = ReadAhead.start(new ByteArrayInputStream(SharedData.bytes(SharedData.EDGE_CASES)),
                reader)) {
            for (List<SecurityAlert> chunk = chunks.next(); !chunk.isEmpty(); chunk = chunks.next()) {
                chunk.forEach(alert -> readAhead.add(alert.systemAlertId()));
            }
            summary = chunks.summary();
        }

        assertThat(readAhead).isNotEmpty().isEqualTo(direct);
        assertThat(summary.received()).isEqualTo(expected.received());
        assertThat(summary.rejected()).isEqualTo(expected.rejected()).isPositive();
    }

    @Test
    void aDocumentThatBreaksOffFailsWithTheReadersError() {
        byte[] sample = SharedData.bytes(SharedData.SAMPLE);
        byte[] brokenOff = Arrays.copyOf(sample, sample.length / 2);

        try (ReadAhead chunks = ReadAhead.start(new ByteArrayInputStream(brokenOff), reader)) {
            assertThatThrownBy(() -> {
                while (!chunks.next().isEmpty()) {
                    continue;
                }
            }).isInstanceOf(MalformedIntakeException.class).hasMessageContaining("not valid JSON");
        }
    }

    @Test
    void aReplayThatStopsEarlyStopsTheReader() throws Exception {
        try (ReadAhead chunks = ReadAhead.start(manyRows(40_000), reader)) {
            assertThat(chunks.next()).isNotEmpty();
            chunks.close();
            assertThatThrownBy(chunks::summary).hasMessageContaining("stopped reading");
        }
    }

    @Test
    void inLockStepTheReaderReadsAChunkOnlyWhenItIsAskedFor() throws Exception {
        AtomicInteger parsed = new AtomicInteger();
        AlertReader counting = (in, alerts) -> reader.read(in, alert -> {
            parsed.incrementAndGet();
            alerts.accept(alert);
        });

        try (ReadAhead chunks = ReadAhead.inLockStep(manyRows(250), counting, 100)) {
            Thread.sleep(200);
            assertThat(parsed).hasValue(0);

            assertThat(chunks.next()).hasSize(100);
            Thread.sleep(200);
            assertThat(parsed).hasValue(100);

            assertThat(chunks.next()).hasSize(100);
            assertThat(chunks.next()).hasSize(50);
            assertThat(chunks.next()).isEmpty();
            assertThat(chunks.summary().received()).isEqualTo(250);
        }
    }

    /** An array of {@code count} copies of one sample row, more than the reader may read ahead. */
    private InputStream manyRows(int count) throws IOException {
        String row = json.writeValueAsString(json.readTree(SharedData.bytes(SharedData.SAMPLE)).get(0));
        List<InputStream> parts = new ArrayList<>();
        parts.add(new ByteArrayInputStream("[".getBytes(StandardCharsets.UTF_8)));
        byte[] withComma = (row + ",").getBytes(StandardCharsets.UTF_8);
        for (int i = 1; i < count; i++) {
            parts.add(new ByteArrayInputStream(withComma));
        }
        parts.add(new ByteArrayInputStream((row + "]").getBytes(StandardCharsets.UTF_8)));
        return new SequenceInputStream(Collections.enumeration(parts));
    }
}
