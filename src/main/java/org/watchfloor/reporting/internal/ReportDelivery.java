package org.watchfloor.reporting.internal;

import jakarta.mail.MessagingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.FileSystemResource;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Mails an archived report to its run's recipients. The PDF must still be the one the fill wrote (same SHA-256).
 * A period already mailed by another run is not mailed again unless the run was forced.
 */
@Component
class ReportDelivery {

    private static final Logger log = LoggerFactory.getLogger(ReportDelivery.class);

    private final ReportRunStore runs;
    private final ObjectProvider<JavaMailSender> mail;
    private final ReportsProperties properties;

    ReportDelivery(ReportRunStore runs, ObjectProvider<JavaMailSender> mail, ReportsProperties properties) {
        this.runs = runs;
        this.mail = mail;
        this.properties = properties;
    }

    void deliver(long runId) throws IOException {
        ReportRun run = runs.find(runId).orElseThrow(() -> new IllegalStateException("no report run " + runId));
        try {
            Path file = Path.of(run.file());
            if (!Files.isRegularFile(file) || !ReportArchive.sha256(file).equals(run.sha256())) {
                throw new IllegalStateException("the archived PDF " + file + " is missing or changed since the fill "
                        + "(SHA-256 differs); run the period again with force to refill it");
            }
            ReportKind kind = ReportKind.of(run.report()).orElseThrow();
            if (run.recipients().isEmpty()) {
                log.info("report run {} ({} {}) archived at {}; no recipients configured", run.id(), run.report(),
                        run.from(), file);
                runs.delivered(runId, false);
                return;
            }
            if (!run.forced() && runs.mailed(kind, new ReportPeriod(run.from(), run.to()),
                    ZoneId.of(run.timeZone()))) {
                log.info("report run {}: {} for {} was mailed already; not mailing it twice", run.id(), run.report(),
                        run.from());
                runs.delivered(runId, false);
                return;
            }
            send(run, kind, file);
            log.info("report run {} mailed to {}", run.id(), run.recipients());
            runs.delivered(runId, true);
        } catch (IOException | RuntimeException | MessagingException e) {
            String reason = e instanceof MailException || e instanceof MessagingException
                    ? "mail not sent: " + rootMessage(e) : rootMessage(e);
            log.warn("report run {}: delivery failed: {}", runId, reason);
            runs.failed(runId, RunStatus.DELIVERY_FAILED, reason);
            throw new IllegalStateException(reason, e);
        }
    }

    private void send(ReportRun run, ReportKind kind, Path file) throws MessagingException {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            throw new IllegalStateException("mail not sent: spring.mail.host is not set, so there is no SMTP server "
                    + "to send to " + run.recipients());
        }
        var message = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
        helper.setFrom(properties.sender());
        helper.setTo(run.recipients().toArray(String[]::new));
        String period = run.to().equals(run.from().plusDays(1)) ? run.from().toString()
                : run.from() + " to " + run.to().minusDays(1);
        helper.setSubject("[Watchfloor] " + kind.title() + " " + period);
        helper.setText(kind.title() + " for " + period + " (" + run.timeZone() + "), attached as PDF.\n\n"
                + "Run " + run.id() + ", SHA-256 " + run.sha256() + ".\n");
        helper.addAttachment(file.getFileName().toString(), new FileSystemResource(file), "application/pdf");
        sender.send(message);
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return e == cause || e.getMessage() == null ? message : e.getMessage() + " (" + message + ")";
    }
}
