package org.watchfloor.incidents.internal;

import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.watchfloor.alerts.Severity;
import org.watchfloor.incidents.Comment;
import org.watchfloor.incidents.IncidentStatus;
import org.watchfloor.web.Page;

/** The incidents as analysts read them; every request needs an authenticated user (see the security module). */
@RestController
@RequestMapping("/api/incidents")
class IncidentController {

    private final IncidentViews views;
    private final IncidentCommands commands;

    IncidentController(IncidentViews views, IncidentCommands commands) {
        this.views = views;
        this.commands = commands;
    }

    /** Incidents, latest activity first; {@code from}/{@code to} bound the last activity, {@code to} exclusive. */
    @GetMapping
    Page<IncidentSummary> search(
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String severity,
            @RequestParam(required = false) String site,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        Severity wantedSeverity = severity == null ? null : Severity.of(severity).orElseThrow(
                () -> new IllegalArgumentException("unknown severity '" + severity
                        + "': use Informational, Low, Medium or High"));
        if (page < 0 || size < 1 || size > 1000) {
            throw new IllegalArgumentException("page must be 0 or more and size between 1 and 1000");
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to");
        }
        return views.search(new IncidentFilter(status(status), wantedSeverity, site, from, to), page, size);
    }

    @GetMapping("/{number}")
    ResponseEntity<IncidentDetail> get(@PathVariable long number) {
        return ResponseEntity.of(views.detail(number));
    }

    /** Changes status, owner, severity, classification or adds a comment, through the incident's process. */
    @PatchMapping("/{number}")
    IncidentDetail patch(@PathVariable long number, @RequestBody IncidentPatch patch, Principal user) {
        commands.patch(number, patch, user.getName());
        return views.detail(number).orElseThrow();
    }

    @PostMapping("/{number}/comments")
    ResponseEntity<Comment> comment(@PathVariable long number, @RequestBody NewComment comment, Principal user) {
        Comment written = commands.comment(number, comment.text(), user.getName());
        return ResponseEntity.created(URI.create("/api/incidents/" + number)).body(written);
    }

    record NewComment(String text) {
    }

    private static IncidentStatus status(String text) {
        if (text == null) {
            return null;
        }
        return Arrays.stream(IncidentStatus.values())
                .filter(s -> s.name().toLowerCase(Locale.ROOT).equals(text.trim().toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown status '" + text
                        + "': use New, Active or Closed"));
    }
}
