package org.watchfloor.alerts.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.watchfloor.alerts.AlertIntake;
import org.watchfloor.alerts.IntakePath;
import org.watchfloor.alerts.IntakeResult;
import org.watchfloor.web.Page;

/**
 * Rejected rows. A row is resubmitted corrected (the body) or as it was (no body, say after a parser fix); it is
 * checked before anything is stored, so a row that is still wrong stays in quarantine once, not twice.
 */
@RestController
@RequestMapping("/api/quarantine")
class QuarantineController {

    private final QuarantineStore quarantine;
    private final SecurityAlertParser parser;
    private final AlertIntake intake;
    private final ObjectMapper json;
    private final Clock clock;

    QuarantineController(QuarantineStore quarantine, SecurityAlertParser parser, AlertIntake intake, ObjectMapper json,
                         Clock clock) {
        this.quarantine = quarantine;
        this.parser = parser;
        this.intake = intake;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping
    Page<QuarantineStore.QuarantinedRow> list(@RequestParam(defaultValue = "false") boolean includeResubmitted,
                                              @RequestParam(defaultValue = "0") int page,
                                              @RequestParam(defaultValue = "50") int size) {
        if (page < 0 || size < 1 || size > 1000) {
            throw new IllegalArgumentException("page must be 0 or more and size between 1 and 1000");
        }
        return Page.of(quarantine.list(includeResubmitted, page, size), page, size,
                quarantine.count(includeResubmitted));
    }

    @GetMapping("/{id}")
    ResponseEntity<QuarantineStore.QuarantinedRow> get(@PathVariable long id) {
        return ResponseEntity.of(quarantine.find(id));
    }

    @PostMapping("/{id}/resubmit")
    ResponseEntity<?> resubmit(@PathVariable long id, @RequestBody(required = false) JsonNode corrected)
            throws IOException {
        var row = quarantine.find(id).orElse(null);
        if (row == null) {
            return ResponseEntity.notFound().build();
        }
        if (row.resubmittedAt() != null) {
            return ResponseEntity.status(HttpStatus.CONFLICT).body(ProblemDetail.forStatusAndDetail(
                    HttpStatus.CONFLICT, "row " + id + " was resubmitted already as " + row.resubmittedAs()));
        }
        JsonNode candidate = corrected != null ? corrected : readRaw(row.raw());
        ParsedRow check = parser.parse(0, candidate, candidate == null ? row.raw() : candidate.toString());
        if (check instanceof ParsedRow.Rejected rejected) {
            return ResponseEntity.unprocessableEntity().body(ProblemDetail.forStatusAndDetail(
                    HttpStatus.UNPROCESSABLE_ENTITY, "the row is still not an alert: " + rejected.reason()));
        }
        IntakeResult result = intake.ingest(
                new ByteArrayInputStream(candidate.toString().getBytes(StandardCharsets.UTF_8)), IntakePath.RESUBMIT);
        quarantine.markResubmitted(id, ((ParsedRow.Valid) check).alert().systemAlertId(), clock.instant());
        return ResponseEntity.ok(result);
    }

    private JsonNode readRaw(String raw) {
        try {
            return json.readTree(raw);
        } catch (IOException e) {
            return null;
        }
    }
}
