package org.watchfloor.reporting.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.time.LocalDate;
import java.util.Optional;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.watchfloor.web.Page;

/** Report runs over HTTP: start one for a period, list them, download a PDF. */
@RestController
@RequestMapping("/api/reports")
class ReportController {

    private final ReportService reports;
    private final ReportRunStore runs;
    private final ReportsProperties properties;

    ReportController(ReportService reports, ReportRunStore runs, ReportsProperties properties) {
        this.reports = reports;
        this.runs = runs;
        this.properties = properties;
    }

    /**
     * The period as dates in the reports' time zone, {@code to} exclusive. Without {@code from}: the previous day or
     * week; without {@code to}: one day or week after {@code from}.
     */
    record RunRequest(LocalDate from, LocalDate to, Boolean force) {
    }

    /** The run and what the request did: {@code started} false when the period was mailed already. */
    record RunAnswer(boolean started, String note, ReportRun run) {
    }

    @PostMapping("/{name}/runs")
    ResponseEntity<RunAnswer> run(@PathVariable String name, @RequestBody(required = false) RunRequest request,
                                  Principal user) throws Exception {
        ReportKind kind = kind(name);
        RunRequest asked = request == null ? new RunRequest(null, null, false) : request;
        ReportPeriod period;
        try {
            period = asked.from() == null
                    ? kind.previousPeriod(LocalDate.now(properties.zone()))
                    : new ReportPeriod(asked.from(), asked.to() == null ? kind.defaultEnd(asked.from()) : asked.to());
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        try {
            ReportService.Outcome outcome = reports.request(kind, period, Boolean.TRUE.equals(asked.force()),
                    user.getName(), false);
            return ResponseEntity.status(outcome.started() ? HttpStatus.ACCEPTED : HttpStatus.OK)
                    .body(new RunAnswer(outcome.started(), outcome.note(), outcome.run()));
        } catch (ReportService.RunInProgressException e) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, e.getMessage()
                    + "; wait for it, or send \"force\": true to start another");
        }
    }

    @GetMapping("/runs")
    Page<ReportRun> runs(@RequestParam(required = false) String report, @RequestParam(defaultValue = "0") int page,
                         @RequestParam(defaultValue = "50") int size) {
        if (page < 0 || size < 1 || size > 1000) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "page must be 0 or more, size 1 to 1000");
        }
        Optional<ReportKind> kind = report == null ? Optional.empty() : Optional.of(kind(report));
        return Page.of(runs.list(kind, page, size), page, size, runs.count(kind));
    }

    @GetMapping("/runs/{id}")
    ReportRun run(@PathVariable long id) {
        return runs.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "no report run " + id));
    }

    @GetMapping("/runs/{id}/pdf")
    ResponseEntity<Resource> pdf(@PathVariable long id) {
        ReportRun run = run(id);
        if (run.file() == null || !Files.isRegularFile(Path.of(run.file()))) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "run " + id + " has no archived PDF ("
                    + run.status().label() + ")");
        }
        Path file = Path.of(run.file());
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(file.getFileName().toString()).build().toString())
                .header("X-Checksum-SHA256", run.sha256())
                .body(new FileSystemResource(file));
    }

    private static ReportKind kind(String name) {
        return ReportKind.of(name).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "no report '" + name + "': the reports are 'daily' and 'weekly'"));
    }
}
