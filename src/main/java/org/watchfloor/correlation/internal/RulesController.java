package org.watchfloor.correlation.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.watchfloor.alerts.AlertReader;
import org.watchfloor.alerts.MalformedIntakeException;

/** The rules in force, their reload, and a replay of posted alerts through them that stores nothing. */
@RestController
@RequestMapping("/api/rules")
class RulesController {

    record RuleSetInfo(String origin, List<String> files, Instant builtAt, ActiveRules.Refusal lastRefusal) {
    }

    private final ActiveRules rules;
    private final AlertReader reader;
    private final CorrelationProperties properties;
    private final Clock clock;

    RulesController(ActiveRules rules, AlertReader reader, CorrelationProperties properties, Clock clock) {
        this.rules = rules;
        this.reader = reader;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping
    RuleSetInfo current() {
        RuleSet set = rules.get();
        return new RuleSetInfo(set.origin(), set.files(), set.builtAt(), rules.lastRefusal());
    }

    @PostMapping("/reload")
    ResponseEntity<?> reload() {
        try {
            RuleSet set = rules.reload();
            return ResponseEntity.ok(new RuleSetInfo(set.origin(), set.files(), set.builtAt(), null));
        } catch (RuleSetException e) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY,
                    "The rules do not build; the running rules stay in force.");
            problem.setProperties(Map.of("problems", e.problems()));
            return ResponseEntity.unprocessableEntity().body(problem);
        }
    }

    /** The body is alert rows in any shape the intake takes; the answer is the replay's JSON. */
    @PostMapping("/replay")
    ResponseEntity<?> replay(HttpServletRequest request) throws IOException {
        try (InputStream body = request.getInputStream()) {
            return ResponseEntity.ok(Replay.run(body, reader, rules.get(), properties.settings(), clock));
        } catch (MalformedIntakeException e) {
            return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    e.getMessage()));
        }
    }
}
