package org.watchfloor.reporting.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.watchfloor.Background;
import org.watchfloor.SharedData;
import org.watchfloor.WatchfloorTest;
import org.watchfloor.alerts.AlertIntake;
import org.watchfloor.alerts.IntakePath;

/**
 * The reports as a manager and a SOC lead meet them: the PDF's figures equal a query over the same data, the mail
 * arrives with the PDF, a failed delivery is retried without refilling, a period is not mailed twice, an empty
 * period and hostile or CJK names render.
 */
@WatchfloorTest
class ReportJobsTest {

    private static final LocalDate SAMPLE_DAY = LocalDate.of(2026, 11, 1);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** An alert belongs to the day Defender for IoT first detected it (StartTime), else the day it was first seen. */
    private static final String DETECTED = "COALESCE(start_time, first_seen)";

    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ReportService reports;
    @Autowired
    JavaMailSenderImpl mailSender;
    @Autowired
    TestRestTemplate rest;

    private GreenMail smtp;
    private int sharedSmtpPort;

    @BeforeEach
    void sampleWorkedByTheSoc() throws Exception {
        Background.finish(context);
        for (String table : List.of("report_run", "incident_sla_breach", "incident_comment", "incident_audit",
                "correlation_decision", "incident_entity", "incident", "alert", "quarantined_row")) {
            jdbc.update("DELETE FROM " + table);
        }
        jdbc.update("UPDATE incident_number_counter SET last_number = 0");
        context.getBean(AlertIntake.class).ingest(new ByteArrayInputStream(SharedData.bytes(SharedData.SAMPLE)),
                IntakePath.FILE);
        Background.finish(context);
        LifecycleFixture lifecycle = new LifecycleFixture(jdbc);
        List<Long> incidents = lifecycle.incidents();
        assertThat(incidents).hasSizeGreaterThan(6);
        lifecycle.work(new LifecycleFixture.Worked(incidents.get(0), "ana", Duration.ofMinutes(1),
                Duration.ofMinutes(20), "TruePositive", false));
        lifecycle.work(new LifecycleFixture.Worked(incidents.get(1), "ana", Duration.ofMinutes(5),
                Duration.ofMinutes(50), "FalsePositive", true));
        lifecycle.work(new LifecycleFixture.Worked(incidents.get(2), "bo", Duration.ofMinutes(10),
                Duration.ofMinutes(30), "BenignPositive", false));
        lifecycle.work(new LifecycleFixture.Worked(incidents.get(3), "bo", Duration.ofMinutes(30), null, null, true));
        // the shared context's mail sender points at 127.0.0.1; the port of this test's SMTP server is known only now
        int port = freePort();
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        sharedSmtpPort = mailSender.getPort();
        mailSender.setPort(port);
    }

    @AfterEach
    void stopMailAndUndoTheLifecycle() {
        smtp.stop();
        // the shared context's other tests mail the shared SMTP server
        mailSender.setPort(sharedSmtpPort);
        // other tests empty the incident table, which SLA breaches refer to
        jdbc.update("DELETE FROM incident_sla_breach");
    }

    @Test
    void dailyPdfStatesTheFiguresAQueryGivesAndIsMailed() throws Exception {
        smtp.start();
        ReportRun run = daily(SAMPLE_DAY, false).run();

        assertThat(run.status()).isEqualTo(RunStatus.DELIVERED);
        byte[] pdf = Files.readAllBytes(Path.of(run.file()));
        assertThat(ReportArchive.sha256(Path.of(run.file()))).isEqualTo(run.sha256());
        String text = text(pdf);
        String from = "2026-11-01T00:00:00Z";
        String to = "2026-11-02T00:00:00Z";
        assertThat(count("SELECT COUNT(*) FROM alert WHERE " + DETECTED + " >= ? AND " + DETECTED + " < ?", from, to))
                .isGreaterThan(100);
        assertThat(count("SELECT COUNT(*) FROM incident WHERE first_activity >= ? AND first_activity < ?", from, to))
                .isGreaterThan(10);
        assertKeyFigures(text, from, to);
        for (String severity : List.of("High", "Medium", "Low", "Informational")) {
            long bySeverity = count("SELECT COUNT(*) FROM alert WHERE " + DETECTED + " >= ? AND " + DETECTED
                    + " < ? AND severity = ?", from, to, severity);
            if (bySeverity > 0) {
                assertThat(text).containsPattern("(?m)^" + severity + " " + bySeverity + " [\\d.]+ %$");
            }
        }
        String site = jdbc.queryForObject("SELECT site FROM alert GROUP BY site ORDER BY COUNT(*) DESC LIMIT 1",
                String.class);
        long bySite = count("SELECT COUNT(*) FROM alert WHERE " + DETECTED + " >= ? AND " + DETECTED
                + " < ? AND site = ?", from, to, site);
        assertThat(text).containsPattern("(?m)^" + Pattern.quote(site) + " " + bySite + " [\\d.]+ %$");
        assertThat(text).contains("Page 1 of", "Alerts by severity", "Noisiest alert types", "MITRE ATT&CK tactics");

        smtp.waitForIncomingEmail(5000, 1);
        MimeMessage[] mails = smtp.getReceivedMessages();
        assertThat(mails).hasSize(1);
        assertThat(mails[0].getAllRecipients()[0].toString()).isEqualTo(WatchfloorTest.REPORT_RECIPIENT);
        assertThat(mails[0].getSubject()).isEqualTo("[Watchfloor] Daily triage report 2026-11-01");
        BodyPart attachment = ((MimeMultipart) mails[0].getContent()).getBodyPart(1);
        assertThat(attachment.getFileName()).endsWith(".pdf");
        assertThat(attachment.getInputStream().readAllBytes()).isEqualTo(pdf);

        LocalDate closeDay = jdbc.queryForObject("SELECT MIN(closed_at) FROM incident", OffsetDateTime.class)
                .atZoneSameInstant(ZoneOffset.UTC).toLocalDate();
        ReportRun worked = daily(closeDay, false).run();
        String workedText = text(Files.readAllBytes(Path.of(worked.file())));
        String dayStart = closeDay + "T00:00:00Z";
        String dayEnd = closeDay.plusDays(1) + "T00:00:00Z";
        assertThat(count("SELECT COUNT(*) FROM incident WHERE closed_at >= ? AND closed_at < ?", dayStart, dayEnd))
                .isGreaterThan(0);
        assertKeyFigures(workedText, dayStart, dayEnd);
        assertThat(workedText).containsPattern("(?m)^TruePositive 1$");

        ReportService.Outcome again = daily(SAMPLE_DAY, false);
        assertThat(again.started()).isFalse();
        assertThat(again.run().id()).isEqualTo(run.id());
        ReportService.Outcome forced = daily(SAMPLE_DAY, true);
        assertThat(forced.run().id()).isNotEqualTo(run.id());
        assertThat(forced.run().status()).isEqualTo(RunStatus.DELIVERED);
        smtp.waitForIncomingEmail(5000, 3);
        assertThat(smtp.getReceivedMessages()).hasSize(3);
    }

    /** The five key figures under the title equal the same counts over the database. */
    private void assertKeyFigures(String text, String from, String to) {
        long alerts = count("SELECT COUNT(*) FROM alert WHERE " + DETECTED + " >= ? AND " + DETECTED + " < ?", from,
                to);
        long opened = count("SELECT COUNT(*) FROM incident WHERE first_activity >= ? AND first_activity < ?", from,
                to);
        long closed = count("SELECT COUNT(*) FROM incident WHERE closed_at >= ? AND closed_at < ?", from, to);
        long open = count("SELECT COUNT(*) FROM incident WHERE first_activity < ? "
                + "AND (closed_at IS NULL OR closed_at >= ?)", to, to);
        long breaches = count("SELECT COUNT(*) FROM incident_sla_breach WHERE breached_at >= ? AND breached_at < ?",
                from, to);
        Matcher figures = Pattern.compile("(?m)^(\\d+) (\\d+) (\\d+) (\\d+) (\\d+)$").matcher(text);
        assertThat(figures.find()).as(text).isTrue();
        assertThat(List.of(figures.group(1), figures.group(2), figures.group(3), figures.group(4), figures.group(5)))
                .containsExactly(String.valueOf(alerts), String.valueOf(opened), String.valueOf(closed),
                        String.valueOf(open), String.valueOf(breaches));
    }

    @Test
    void aRunWhoseMailFailedDeliversOnTheNextRequestWithoutRefilling() throws Exception {
        ReportRun failed = daily(SAMPLE_DAY, false).run();
        assertThat(failed.status()).isEqualTo(RunStatus.DELIVERY_FAILED);
        assertThat(failed.error()).contains("mail not sent");
        assertThat(failed.file()).isNotNull();
        var modified = Files.getLastModifiedTime(Path.of(failed.file()));

        smtp.start();
        ReportService.Outcome retried = daily(SAMPLE_DAY, false);
        assertThat(retried.run().id()).isEqualTo(failed.id());
        assertThat(retried.run().status()).isEqualTo(RunStatus.DELIVERED);
        assertThat(retried.run().sha256()).isEqualTo(failed.sha256());
        assertThat(Files.getLastModifiedTime(Path.of(failed.file()))).isEqualTo(modified);
        assertThat(stepRuns(failed.id(), "dailyTriageTally")).isEqualTo(1);
        assertThat(stepRuns(failed.id(), "dailyTriageFill")).isEqualTo(1);
        assertThat(stepRuns(failed.id(), "dailyTriageDeliver")).isEqualTo(2);
        smtp.waitForIncomingEmail(5000, 1);
        assertThat(smtp.getReceivedMessages()).hasSize(1);
    }

    @Test
    void anEmptyPeriodGivesAPdfThatSaysSo() throws Exception {
        smtp.start();
        ReportRun run = daily(LocalDate.of(2025, 1, 1), false).run();
        assertThat(run.status()).isEqualTo(RunStatus.DELIVERED);
        String text = text(Files.readAllBytes(Path.of(run.file())));
        assertThat(text).contains("No alerts and no incidents in this period.", "No alerts in this period.");
        assertThat(text).containsPattern("(?m)^0 0 0 \\d+ 0$");
    }

    @Test
    void cjkAccentedAndHostileNamesRenderAsTextInEmbeddedFonts() throws Exception {
        smtp.start();
        String hostile = "<script>alert('x')</script> $P{REPORT_TITLE} %s ${jndi:x}";
        ArrayNode rows = (ArrayNode) JSON.readTree(SharedData.bytes(SharedData.SAMPLE));
        ArrayNode day = JSON.createArrayNode();
        String[] names = {"東京工場-PLC-01", "上海变电站-RTU", "서울변전소-RTU", "Usine Montréal – Contrôleur Ñandú",
            hostile};
        for (int i = 0; i < names.length; i++) {
            ObjectNode row = ((ObjectNode) rows.get(i)).deepCopy();
            row.put("SystemAlertId", "report-unicode-" + i);
            row.put("TimeGenerated", "2026-10-15T0" + i + ":00:00Z");
            row.put("StartTime", "2026-10-15T0" + i + ":00:00Z");
            row.put("EndTime", "2026-10-15T0" + i + ":00:00Z");
            ObjectNode extended = (ObjectNode) JSON.readTree(row.get("ExtendedProperties").asText());
            extended.put("SourceDevice", names[i]);
            row.put("ExtendedProperties", JSON.writeValueAsString(extended));
            day.add(row);
        }
        context.getBean(AlertIntake.class).ingest(new ByteArrayInputStream(JSON.writeValueAsBytes(day)),
                IntakePath.FILE);
        Background.finish(context);

        ReportRun run = daily(LocalDate.of(2026, 10, 15), false).run();
        byte[] pdf = Files.readAllBytes(Path.of(run.file()));
        String text = text(pdf).replace("\n", " ");
        assertThat(text).contains("東京工場-PLC-01", "上海变电站-RTU", "서울변전소-RTU", "Usine Montréal – Contrôleur Ñandú",
                "<script>alert('x')</script>", "$P{REPORT_TITLE} %s ${jndi:x}");
        Set<PDFont> drawing = new HashSet<>();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            new PDFTextStripper() {
                @Override
                protected void processTextPosition(TextPosition text) {
                    if (!text.getUnicode().isBlank()) {
                        drawing.add(text.getFont());
                    }
                }
            }.getText(document);
        }
        assertThat(drawing).extracting(PDFont::getName).anyMatch(name -> name.contains("DejaVuSans"))
                .anyMatch(name -> name.contains("DroidSansFallback")).anyMatch(name -> name.contains("NanumSquare"));
        assertThat(drawing).allMatch(PDFont::isEmbedded);
    }

    @Test
    void weeklyMetricsComeFromTheIncidentsOfTheWeek() throws Exception {
        smtp.start();
        // the week holding the sample's alerts (2026-11-01) and, since the fixture works the incidents now, the
        // week holding the triage and close times
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        ReportRun alertsWeek = reports.request(ReportKind.WEEKLY,
                new ReportPeriod(LocalDate.of(2026, 10, 26), LocalDate.of(2026, 11, 2)), false, "test", true).run();
        String alertsText = text(Files.readAllBytes(Path.of(alertsWeek.file())));
        long opened = count("SELECT COUNT(*) FROM incident WHERE first_activity >= ? AND first_activity < ?",
                "2026-10-26T00:00:00Z", "2026-11-02T00:00:00Z");
        assertThat(alertsText).containsPattern("(?m)^Incidents opened " + opened + " 0 new$");

        ReportRun run = reports.request(ReportKind.WEEKLY, new ReportPeriod(today.minusDays(3), today.plusDays(4)),
                false, "test", true).run();
        assertThat(run.status()).isEqualTo(RunStatus.DELIVERED);
        String text = text(Files.readAllBytes(Path.of(run.file())));
        assertThat(text).contains("Time to triage by severity", "Time to close by owner");
        // ana closed in 20 and 50 minutes: mean 35 min, median (nearest rank) 20 min, p90 50 min
        assertThat(text).containsPattern("(?m)^ana 2 35 m 00 s 20 m 00 s 50 m 00 s$");
        // bo triaged in 10 and 30 minutes
        assertThat(text).containsPattern("(?m)^bo 2 20 m 00 s 10 m 00 s 30 m 00 s$");
        assertThat(text).containsPattern("(?m)^Incidents closed 3 0 new$");
        assertThat(text).containsPattern("(?m)^SLA breaches 2 0 new$");
        assertThat(text).contains("TruePositive", "FalsePositive", "BenignPositive");
        smtp.waitForIncomingEmail(5000, 2);
        assertThat(smtp.getReceivedMessages()[0].getSubject())
                .isEqualTo("[Watchfloor] Weekly SOC metrics 2026-10-26 to 2026-11-01");
    }

    @Test
    void theApiStartsARunListsItAndServesThePdf() throws Exception {
        smtp.start();
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(WatchfloorTest.ADMIN, WatchfloorTest.ADMIN_PASSWORD);
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<JsonNode> started = rest.postForEntity("/api/reports/daily/runs",
                new HttpEntity<>("{\"from\":\"2026-11-01\",\"to\":\"2026-11-02\",\"force\":false}", headers),
                JsonNode.class);
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        long id = started.getBody().path("run").path("id").asLong();
        JsonNode run = null;
        for (int i = 0; i < 600; i++) {
            run = rest.exchange("/api/reports/runs/" + id, org.springframework.http.HttpMethod.GET,
                    new HttpEntity<>(headers), JsonNode.class).getBody();
            if (!List.of("Running", "Filled").contains(run.path("status").asText())) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(run.path("status").asText()).isEqualTo("Delivered");
        assertThat(run.path("recipients").get(0).asText()).isEqualTo(WatchfloorTest.REPORT_RECIPIENT);
        JsonNode list = rest.exchange("/api/reports/runs", org.springframework.http.HttpMethod.GET,
                new HttpEntity<>(headers), JsonNode.class).getBody();
        assertThat(list.path("content").get(0).path("id").asLong()).isEqualTo(id);
        ResponseEntity<byte[]> pdf = rest.exchange("/api/reports/runs/" + id + "/pdf",
                org.springframework.http.HttpMethod.GET, new HttpEntity<>(headers), byte[].class);
        assertThat(pdf.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PDF);
        assertThat(new String(pdf.getBody(), 0, 4)).isEqualTo("%PDF");

        ResponseEntity<JsonNode> backwards = rest.postForEntity("/api/reports/daily/runs",
                new HttpEntity<>("{\"from\":\"2026-11-02\",\"to\":\"2026-11-01\"}", headers), JsonNode.class);
        assertThat(backwards.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(backwards.getBody().path("detail").asText()).contains("must be after");
        ResponseEntity<JsonNode> unknown = rest.postForEntity("/api/reports/monthly/runs",
                new HttpEntity<>("{}", headers), JsonNode.class);
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    private ReportService.Outcome daily(LocalDate day, boolean force) throws Exception {
        return reports.request(ReportKind.DAILY, new ReportPeriod(day, day.plusDays(1)), force, "test", true);
    }

    private long stepRuns(long run, String step) {
        return count("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION s JOIN BATCH_JOB_EXECUTION e "
                + "ON s.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID JOIN BATCH_JOB_EXECUTION_PARAMS p "
                + "ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID WHERE p.PARAMETER_NAME = 'run' "
                + "AND p.PARAMETER_VALUE = ? AND s.STEP_NAME = ?", String.valueOf(run), step);
    }

    private long count(String sql, Object... args) {
        Object[] values = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            values[i] = args[i] instanceof String s && s.endsWith("Z") && s.length() == 20
                    ? OffsetDateTime.parse(s).withOffsetSameInstant(ZoneOffset.UTC) : args[i];
        }
        return jdbc.queryForObject(sql, Long.class, values);
    }

    private static String text(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            return stripper.getText(document).replaceAll("[ \\t]+", " ").replaceAll("(?m)^ | $", "");
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
