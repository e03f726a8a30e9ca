package org.watchfloor.incidents.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.watchfloor.incidents.RuleHit;

/**
 * A decision's rule hits as {@code correlation_decision.hits} holds them: each matched fact described once, and each
 * hit pointing at its facts by position. Nearly every hit matches the alert decided on, so its description was most
 * of a decision's stored text (1,400 characters on average over 30,000 generated alerts).
 */
record StoredHits(List<String> facts, List<Hit> hits) {

    record Hit(String rule, String action, List<Integer> matched) {
    }

    static StoredHits of(List<RuleHit> hits) {
        List<String> facts = new ArrayList<>();
        Map<String, Integer> positions = new HashMap<>();
        List<Hit> stored = new ArrayList<>(hits.size());
        for (RuleHit hit : hits) {
            List<Integer> matched = new ArrayList<>(hit.matched().size());
            for (String fact : hit.matched()) {
                matched.add(positions.computeIfAbsent(fact, f -> {
                    facts.add(f);
                    return facts.size() - 1;
                }));
            }
            stored.add(new Hit(hit.rule(), hit.action(), matched));
        }
        return new StoredHits(facts, stored);
    }

    List<RuleHit> ruleHits() {
        return hits.stream().map(h -> new RuleHit(h.rule(), h.action(), h.matched().stream().map(facts::get).toList()))
                .toList();
    }
}
