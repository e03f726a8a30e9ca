package org.watchfloor.correlation.internal;

import java.time.Instant;
import java.util.List;
import org.kie.api.KieBase;

/** A built rule set: the compiled rules, the watchlists they read, where they came from and when. */
record RuleSet(KieBase kieBase, Watchlists watchlists, String origin, List<String> files, Instant builtAt) {
}
