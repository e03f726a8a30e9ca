package org.watchfloor.alerts.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.watchfloor.alerts.AlertFilter;
import org.watchfloor.alerts.AlertIntake;
import org.watchfloor.alerts.AlertQueries;
import org.watchfloor.alerts.IntakePath;
import org.watchfloor.alerts.IntakeResult;
import org.watchfloor.alerts.Severity;
import org.watchfloor.alerts.StoredAlert;
import org.watchfloor.web.Page;

@RestController
@RequestMapping("/api/alerts")
class AlertController {

    private final AlertIntake intake;
    private final AlertQueries alerts;
    private final IntakeProperties properties;

    AlertController(AlertIntake intake, AlertQueries alerts, IntakeProperties properties) {
        this.intake = intake;
        this.alerts = alerts;
        this.properties = properties;
    }

    /** Takes one row, an array of rows or a query-API answer, streamed; the body is never held whole in memory. */
    @PostMapping
    ResponseEntity<?> receive(HttpServletRequest request) throws IOException {
        long limit = properties.maxBodySize().toBytes();
        if (request.getContentLengthLong() > limit) {
            return tooLarge(limit);
        }
        try (InputStream body = new BoundedInputStream(request.getInputStream(), limit)) {
            return ResponseEntity.ok(intake.ingest(body, IntakePath.API));
        } catch (BoundedInputStream.TooLargeException e) {
            return tooLarge(limit);
        }
    }

    /** The file import over HTTP: a multipart upload of an export or a query-API answer, part name {@code file}. */
    @PostMapping(path = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    IntakeResult upload(@RequestPart("file") MultipartFile file) throws IOException {
        try (InputStream in = file.getInputStream()) {
            return intake.ingest(in, IntakePath.UPLOAD);
        }
    }

    @GetMapping
    Page<StoredAlert> search(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @RequestParam(required = false) String severity,
            @RequestParam(required = false) String site,
            @RequestParam(required = false) String product,
            @RequestParam(required = false) String deviceAddress,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        Severity wanted = severity == null ? null : Severity.of(severity).orElseThrow(
                () -> new IllegalArgumentException("unknown severity '" + severity
                        + "': use Informational, Low, Medium or High"));
        if (page < 0 || size < 1 || size > 1000) {
            throw new IllegalArgumentException("page must be 0 or more and size between 1 and 1000");
        }
        AlertFilter filter = new AlertFilter(from, to, wanted, site, product, deviceAddress);
        return Page.of(alerts.search(filter, page, size), page, size, alerts.count(filter));
    }

    @GetMapping("/{systemAlertId}")
    ResponseEntity<StoredAlert> get(@PathVariable String systemAlertId) {
        return ResponseEntity.of(alerts.find(systemAlertId));
    }

    private static ResponseEntity<ProblemDetail> tooLarge(long limit) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
                "The body is larger than " + limit + " bytes (watchfloor.intake.max-body-size): send it in parts "
                        + "or import the file with `java -jar watchfloor.jar import FILE`.");
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(problem);
    }
}
