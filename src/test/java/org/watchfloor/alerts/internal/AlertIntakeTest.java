package org.watchfloor.alerts.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.watchfloor.Background;
import org.watchfloor.SharedData;
import org.watchfloor.WatchfloorTest;
import org.watchfloor.alerts.AlertFilter;
import org.watchfloor.alerts.AlertIntake;
import org.watchfloor.alerts.AlertQueries;
import org.watchfloor.alerts.AlertSummary;
import org.watchfloor.alerts.IntakePath;
import org.watchfloor.alerts.IntakeResult;
import org.watchfloor.alerts.MalformedIntakeException;
import org.watchfloor.alerts.ReceivedAlerts;
import org.watchfloor.alerts.StoredAlert;

@WatchfloorTest
@Import(ReceivedAlerts.class)
class AlertIntakeTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    AlertIntake intake;
    @Autowired
    AlertQueries alerts;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;
    @Autowired
    ReceivedAlerts events;
    @Autowired
    TransactionTemplate transactions;

    @BeforeEach
    void emptyStore() {
        Background.finish(context);
        jdbc.update("DELETE FROM alert");
        jdbc.update("DELETE FROM quarantined_row");
        events.clear();
    }

    private IntakeResult ingest(String body) throws Exception {
        return intake.ingest(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), IntakePath.API);
    }

    private IntakeResult ingest(byte[] body) throws Exception {
        return intake.ingest(new ByteArrayInputStream(body), IntakePath.FILE);
    }

    private JsonNode truth(String file) throws Exception {
        return json.readTree(SharedData.bytes(file + ".truth.json"));
    }

    @Test
    void theEdgeCaseFileIsCountedAsItsTruthFileSays() throws Exception {
        JsonNode truth = truth(SharedData.EDGE_CASES);
        long repeats = truth.get("repeats").size() + truth.get("duplicates").size();
        List<String> rejectedIds = new ArrayList<>();
        List<String> warnedIds = new ArrayList<>();
        truth.get("malformed").forEach(m -> {
            switch (m.get("expect").asText()) {
                case "rejected" -> rejectedIds.add(m.get("SystemAlertId").asText());
                case "warning" -> warnedIds.add(m.get("SystemAlertId").asText());
                default -> { }
            }
        });

        IntakeResult result = ingest(SharedData.bytes(SharedData.EDGE_CASES));

        assertThat(result.received()).isEqualTo(74);
        assertThat(result.accepted() + result.updated() + result.duplicates() + result.rejected()).isEqualTo(74);
        assertThat(result.updated() + result.duplicates()).isEqualTo(repeats);
        assertThat(result.rejected()).isEqualTo(rejectedIds.size());
        assertThat(result.rejections()).extracting(IntakeResult.Rejection::systemAlertId)
                .containsExactlyInAnyOrderElementsOf(rejectedIds.stream().map(id -> id.isEmpty() ? null : id).toList());
        assertThat(result.warnings()).isEqualTo(warnedIds.size());
        for (String id : warnedIds) {
            assertThat(alerts.find(id)).get().satisfies(a -> assertThat(a.parseWarnings()).isNotEmpty());
        }
        assertThat(alerts.count(AlertFilter.ALL)).isEqualTo(result.accepted());
    }

    @Test
    void rejectedRowsAreQuarantinedWithRawTextReasonAndPath() throws Exception {
        ingest(SharedData.bytes(SharedData.EDGE_CASES));

        List<String> reasons = jdbc.queryForList(
                "SELECT reason FROM quarantined_row WHERE intake_path = 'FILE' ORDER BY row_index", String.class);
        assertThat(reasons).containsExactly("unparseable TimeGenerated: yesterday", "missing or empty SystemAlertId",
                "unknown AlertSeverity: Catastrophic");
        String raw = jdbc.queryForObject(
                "SELECT raw FROM quarantined_row WHERE reason LIKE 'unknown AlertSeverity%'", String.class);
        assertThat(json.readTree(raw).get("AlertSeverity").asText()).isEqualTo("Catastrophic");
    }

    @Test
    void aLaterRowOfTheSameAlertUpdatesItAndNeverAddsASecondAlert() throws Exception {
        ObjectNode first = (ObjectNode) json.readTree(SharedData.bytes(SharedData.SAMPLE)).get(0);
        ingest(first.toString());
        ObjectNode later = first.deepCopy();
        later.put("TimeGenerated", "2026-11-01T16:00:00.000Z");
        later.put("Status", "Closed");
        later.put("EndTime", "2026-11-01T15:30:00.000Z");

        IntakeResult update = ingest(later.toString());
        IntakeResult redelivered = ingest(later.toString());
        IntakeResult stale = ingest(first.toString());

        assertThat(update.updated()).isEqualTo(1);
        assertThat(redelivered.duplicates()).isEqualTo(1);
        assertThat(stale.duplicates()).isEqualTo(1);
        StoredAlert stored = alerts.find(first.get("SystemAlertId").asText()).orElseThrow();
        assertThat(stored.alert().status()).isEqualTo("Closed");
        assertThat(stored.alert().endTime()).isEqualTo(Instant.parse("2026-11-01T15:30:00Z"));
        assertThat(stored.alert().timeGenerated()).isEqualTo(Instant.parse("2026-11-01T16:00:00Z"));
        assertThat(stored.firstSeen()).isEqualTo(Instant.parse("2026-11-01T14:18:17.482Z"));
        assertThat(stored.revision()).isEqualTo(1);
        assertThat(alerts.count(AlertFilter.ALL)).isEqualTo(1);
    }

    @Test
    void anAlertAndItsUpdateInOneBatchAreOneAlertInItsLatestState() throws Exception {
        ObjectNode first = (ObjectNode) json.readTree(SharedData.bytes(SharedData.SAMPLE)).get(0);
        ObjectNode later = first.deepCopy();
        later.put("TimeGenerated", "2026-11-01T16:00:00.000Z");
        later.put("Status", "Active");

        IntakeResult result = ingest("[" + first + "," + later + "]");

        assertThat(result.accepted()).isEqualTo(1);
        assertThat(result.updated()).isEqualTo(1);
        StoredAlert stored = alerts.find(first.get("SystemAlertId").asText()).orElseThrow();
        assertThat(stored.alert().status()).isEqualTo("Active");
        assertThat(stored.firstSeen()).isEqualTo(Instant.parse("2026-11-01T14:18:17.482Z"));
    }

    @Test
    void theQueryApiShapeGivesTheSameAlertsAsTheExport() throws Exception {
        IntakeResult fromApi = ingest(SharedData.bytes(SharedData.QUERY_RESPONSE));
        IntakeResult exportAgain = ingest(SharedData.bytes(SharedData.SAMPLE));

        assertThat(fromApi.received()).isEqualTo(316);
        assertThat(fromApi.rejected()).isZero();
        assertThat(fromApi.updated() + fromApi.duplicates()).isEqualTo(12);
        assertThat(exportAgain.accepted()).isZero();
        assertThat(exportAgain.duplicates()).isEqualTo(316);
    }

    @Test
    void aTransactionReadsEachAlertOnceAndTheNextOneSeesLaterUpdates() throws Exception {
        JsonNode rows = json.readTree(SharedData.bytes(SharedData.SAMPLE));
        ObjectNode older = (ObjectNode) rows.get(1);
        ObjectNode newer = (ObjectNode) rows.get(0);
        ingest("[" + older + "," + newer + "]");
        String olderId = older.get("SystemAlertId").asText();
        String newerId = newer.get("SystemAlertId").asText();
        ObjectNode closed = older.deepCopy();
        closed.put("TimeGenerated", "2026-11-02T16:00:00.000Z");
        closed.put("Status", "Closed");

        List<List<String>> reads = new ArrayList<>();
        transactions.executeWithoutResult(tx -> {
            reads.add(ids(alerts.findAll(List.of(newerId))));
            reads.add(ids(alerts.findAll(List.of(newerId, olderId, newerId))));
            reads.add(statuses(alerts.findAll(List.of(olderId))));
            try {
                ingest(closed.toString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            reads.add(statuses(alerts.findAll(List.of(olderId))));
        });
        reads.add(transactions.execute(tx -> statuses(alerts.findAll(List.of(olderId)))));

        assertThat(reads).containsExactly(List.of(newerId), List.of(olderId, newerId), List.of("New"), List.of("New"),
                List.of("Closed"));
    }

    private static List<String> statuses(List<StoredAlert> stored) {
        return stored.stream().map(a -> a.alert().status()).toList();
    }

    private static List<String> ids(List<StoredAlert> stored) {
        return stored.stream().map(a -> a.alert().systemAlertId()).toList();
    }

    @Test
    void theLatestAlertsOnDevicesComeDeviceByDeviceNewestFirstWithoutTheExcludedOnes() throws Exception {
        ingest(SharedData.bytes(SharedData.SAMPLE));
        Map<String, Long> alertsPerDevice = alerts.search(AlertFilter.ALL, 0, 1000).stream()
                .map(a -> a.alert().details().sourceDeviceAddress()).filter(a -> a != null)
                .collect(Collectors.groupingBy(a -> a, Collectors.counting()));
        List<String> busiest = alertsPerDevice.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(2).map(Map.Entry::getKey).toList();
        List<StoredAlert> first = alerts.search(new AlertFilter(null, null, null, null, null, busiest.get(0)), 0, 1000);
        List<StoredAlert> second = alerts.search(new AlertFilter(null, null, null, null, null, busiest.get(1)), 0,
                1000);
        List<Long> excluded = List.of(first.get(0).id(), first.get(2).id());
        List<StoredAlert> expected = new ArrayList<>(first.stream().filter(a -> !excluded.contains(a.id())).limit(3)
                .toList());
        second.stream().filter(a -> !excluded.contains(a.id())).limit(3).filter(a -> !expected.contains(a)).limit(2)
                .forEach(expected::add);

        List<AlertSummary> latest = alerts.latestOnDevices(busiest, Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2027-01-01T00:00:00Z"), excluded, 3, 5);

        assertThat(latest).containsExactlyElementsOf(expected.stream().map(StoredAlert::alert)
                .map(a -> new AlertSummary(a.systemAlertId(), a.timeGenerated(), a.severity(), a.alertName(),
                        a.details().sourceDeviceAddress(), a.details().destinationDeviceAddress()))
                .toList());
    }

    @Test
    void concurrentDeliveriesOfTheSameAlertsStoreEachAlertOnce() throws Exception {
        byte[] sample = SharedData.bytes(SharedData.SAMPLE);
        int deliveries = 4;
        ExecutorService pool = Executors.newFixedThreadPool(deliveries);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<IntakeResult>> results = new ArrayList<>();
        for (int i = 0; i < deliveries; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return ingest(sample);
            }));
        }
        start.countDown();
        long accepted = 0;
        for (Future<IntakeResult> f : results) {
            IntakeResult r = f.get();
            assertThat(r.accepted() + r.updated() + r.duplicates() + r.rejected()).isEqualTo(316);
            accepted += r.accepted();
        }
        pool.shutdown();

        long distinct = json.readTree(sample).findValuesAsText("SystemAlertId").stream().distinct().count();
        assertThat(accepted).isEqualTo(distinct);
        assertThat(alerts.count(AlertFilter.ALL)).isEqualTo(distinct);
    }

    @Test
    void aStoredBatchPublishesAlertsReceivedAfterCommit() throws Exception {
        ObjectNode row = (ObjectNode) json.readTree(SharedData.bytes(SharedData.SAMPLE)).get(0);
        ingest("[" + row + ", 17]");

        assertThat(events.received).singleElement().satisfies(e -> {
            assertThat(e.path()).isEqualTo(IntakePath.API);
            assertThat(e.newAlertIds()).containsExactly(row.get("SystemAlertId").asText());
            assertThat(e.updatedAlertIds()).isEmpty();
        });
        assertThat(events.committedWhenSeen).containsOnly(true);

        ingest("[17]");
        assertThat(events.received).hasSize(1);
    }

    @Test
    void theNewAlertsOfTheEventAreTheAlertsAsStored() throws Exception {
        ingest(SharedData.bytes(SharedData.SAMPLE));
        ingest(SharedData.bytes(SharedData.EDGE_CASES));
        ArrayNode awkward = json.createArrayNode();
        String[] times = {"2026-11-01T14:18:17.4823456Z", "2026-11-01T14:18:17.9999999Z", "2026-11-01T14:18:17Z",
            "2026-11-01T14:18:17.4823455+02:00", "2026-11-01 14:18:17.1234567"};
        for (int i = 0; i < times.length; i++) {
            ObjectNode row = (ObjectNode) json.readTree(SharedData.bytes(SharedData.SAMPLE)).get(i).deepCopy();
            row.put("SystemAlertId", "awkward-" + i);
            row.put("TimeGenerated", times[i]);
            row.put("StartTime", times[(i + 1) % times.length]);
            row.put("Tactics", " InhibitResponseFunction ,, ImpairProcessControl,");
            row.put("Techniques", "T0881,T0836 ");
            awkward.add(row);
        }
        ingest(awkward.toString());

        assertThat(events.received).hasSizeGreaterThanOrEqualTo(3);
        assertThat(events.differences).isEmpty();
        assertThat(alerts.find("awkward-1").orElseThrow().alert().timeGenerated())
                .as("kept to the microsecond, never rounded into the next second")
                .isEqualTo(Instant.parse("2026-11-01T14:18:17.999999Z"));
    }

    @Test
    void theRawRowIsKeptExactlyAsItCame() throws Exception {
        ObjectNode sample = (ObjectNode) json.readTree(SharedData.bytes(SharedData.SAMPLE)).get(0);
        sample.put("SystemAlertId", "verbatim-1");
        String pretty = json.writerWithDefaultPrettyPrinter().writeValueAsString(sample);
        String row = "{ \"Note\" :\t\"caf\\u00e9 \\/ <b>\u00fcber</b>\" ,\n" + pretty.substring(1);
        sample.put("SystemAlertId", "verbatim-2");

        ingest(("[\n" + row + " ,\n" + sample + "\n]").getBytes(StandardCharsets.UTF_8));

        assertThat(alerts.find("verbatim-1").orElseThrow().raw()).isEqualTo(row);
        assertThat(alerts.find("verbatim-2").orElseThrow().raw()).isEqualTo(sample.toString());
    }

    @Test
    void aRowAfterAByteOrderMarkIsKeptExactlyAsItCameToo() throws Exception {
        ObjectNode sample = (ObjectNode) json.readTree(SharedData.bytes(SharedData.SAMPLE)).get(0);
        sample.put("SystemAlertId", "after-bom");
        String row = json.writerWithDefaultPrettyPrinter().writeValueAsString(sample);
        byte[] text = ("[" + row + "]").getBytes(StandardCharsets.UTF_8);
        byte[] withMark = new byte[text.length + 3];
        withMark[0] = (byte) 0xEF;
        withMark[1] = (byte) 0xBB;
        withMark[2] = (byte) 0xBF;
        System.arraycopy(text, 0, withMark, 3, text.length);

        ingest(withMark);

        assertThat(alerts.find("after-bom").orElseThrow().raw()).isEqualTo(row);
    }

    @Test
    void aDocumentInUtf16IsReadToo() throws Exception {
        String sample = new String(SharedData.bytes(SharedData.SAMPLE), StandardCharsets.UTF_8);

        IntakeResult result = ingest(sample.getBytes(StandardCharsets.UTF_16));

        long distinct = json.readTree(sample).findValuesAsText("SystemAlertId").stream().distinct().count();
        assertThat(result.accepted()).isEqualTo(distinct);
        JsonNode first = json.readTree(sample).get(0);
        assertThat(json.readTree(alerts.find(first.get("SystemAlertId").asText()).orElseThrow().raw()))
                .isEqualTo(first);
    }

    @Test
    void aDocumentThatBreaksOffKeepsTheRowsReadBeforeAndSaysWhere() throws Exception {
        String sample = new String(SharedData.bytes(SharedData.SAMPLE), StandardCharsets.UTF_8);
        String truncated = sample.substring(0, sample.length() / 2);

        assertThatThrownBy(() -> ingest(truncated))
                .isInstanceOf(MalformedIntakeException.class)
                .hasMessageContaining("not valid JSON")
                .satisfies(e -> {
                    IntakeResult partial = ((MalformedIntakeException) e).partial();
                    assertThat(partial.received()).isGreaterThan(100);
                    assertThat(alerts.count(AlertFilter.ALL)).isEqualTo(partial.accepted());
                });
    }

    @Test
    void aDocumentOfNoKnownShapeIsRefused() {
        assertThatThrownBy(() -> ingest("\"just a string\"")).isInstanceOf(MalformedIntakeException.class)
                .hasMessageContaining("neither a row object");
        assertThatThrownBy(() -> ingest("")).isInstanceOf(MalformedIntakeException.class)
                .hasMessageContaining("empty");
    }
}
