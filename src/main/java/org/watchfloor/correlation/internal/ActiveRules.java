package org.watchfloor.correlation.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The rule set in force. A reload builds the new set aside and swaps it in whole only when it builds; a broken set
 * is refused with its problems and the running rules stay. The first build happens on first use and, in the
 * server, at start, so a broken rule set stops the server from starting instead of running without rules.
 */
@Component
class ActiveRules {

    private static final Logger log = LoggerFactory.getLogger(ActiveRules.class);

    /** The outcome of the last reload that was refused, shown by {@code GET /api/rules}. */
    record Refusal(Instant at, List<RuleProblem> problems) {
    }

    private final RuleSets ruleSets;
    private final RulesProperties properties;
    private final Clock clock;
    private final AtomicReference<RuleSet> current = new AtomicReference<>();
    private final AtomicReference<Refusal> lastRefusal = new AtomicReference<>();
    private final List<Consumer<RuleSet>> listeners = new CopyOnWriteArrayList<>();
    private volatile String fingerprint;

    ActiveRules(RuleSets ruleSets, RulesProperties properties, Clock clock) {
        this.ruleSets = ruleSets;
        this.properties = properties;
        this.clock = clock;
    }

    /** The rule set in force, built on first use; once built, reading it never waits for a reload. */
    RuleSet get() {
        RuleSet rules = current.get();
        return rules != null ? rules : firstBuild();
    }

    private synchronized RuleSet firstBuild() {
        RuleSet rules = current.get();
        if (rules == null) {
            try {
                rules = build();
            } catch (RuleSetException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            current.set(rules);
        }
        return rules;
    }

    Refusal lastRefusal() {
        return lastRefusal.get();
    }

    /** Called with every rule set swapped in by a reload. */
    void onReload(Consumer<RuleSet> listener) {
        listeners.add(listener);
    }

    /** Builds the configured rules aside and swaps them in; a broken set is refused and the running one stays. */
    synchronized RuleSet reload() throws RuleSetException {
        RuleSet rules;
        try {
            rules = build();
        } catch (RuleSetException e) {
            lastRefusal.set(new Refusal(clock.instant(), e.problems()));
            log.error("Refused the changed rules; the running rules stay in force. {}", e.getMessage());
            throw e;
        }
        current.set(rules);
        lastRefusal.set(null);
        log.info("Rules reloaded from {}: {} files", rules.origin(), rules.files().size());
        listeners.forEach(l -> l.accept(rules));
        return rules;
    }

    /** Reloads when a file of the rules folder changed since the last build (the hot-reload check). */
    void reloadIfChanged() {
        String now = fingerprintOfFolder();
        if (now != null && fingerprint != null && !now.equals(fingerprint)) {
            try {
                reload();
            } catch (RuleSetException e) {
                fingerprint = now;
            }
        }
    }

    private RuleSet build() throws RuleSetException {
        try {
            String before = fingerprintOfFolder();
            RuleSet rules = ruleSets.configured();
            fingerprint = before;
            return rules;
        } catch (IOException e) {
            throw new RuleSetException(properties.dir().toString(),
                    List.of(new RuleProblem(properties.dir().toString(), 0, 0, "cannot be read: " + e.getMessage())));
        }
    }

    /** Paths, sizes and modification times of the folder's rule files; null when there is no folder. */
    private String fingerprintOfFolder() {
        Path dir = properties.dir();
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(p -> p.toString().endsWith(".drl") || p.toString().endsWith(".csv")).sorted()
                    .map(p -> {
                        try {
                            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                            return p + ":" + a.size() + ":" + a.lastModifiedTime().toMillis();
                        } catch (IOException e) {
                            return p + ":gone";
                        }
                    }).collect(Collectors.joining("|"));
        } catch (IOException e) {
            return null;
        }
    }
}
