package org.watchfloor.correlation.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What another rule set does differently with the same alerts: how many incidents each opens, which alerts land
 * in an incident of another title (or in none), and how often each rule fires.
 */
record ReplayComparison(String otherRules, int incidents, int otherIncidents, List<MovedAlert> movedAlerts,
                        Map<String, RuleCount> ruleHits) {

    /**
     * An alert whose incident differs: in each run, the incident's title and the alert that opened it (numbers
     * differ between runs as soon as one more incident opens earlier), or null where it lands in none.
     */
    record MovedAlert(String systemAlertId, String incident, String otherIncident) {
    }

    record RuleCount(int hits, int otherHits) {
    }

    static ReplayComparison of(Replay.Result result, Replay.Result other, String otherRules) {
        Map<String, String> where = titles(result);
        Map<String, String> otherWhere = titles(other);
        List<MovedAlert> moved = new ArrayList<>();
        TreeSet<String> ids = new TreeSet<>(where.keySet());
        ids.addAll(otherWhere.keySet());
        for (String id : ids) {
            if (!Objects.equals(where.get(id), otherWhere.get(id))) {
                moved.add(new MovedAlert(id, where.get(id), otherWhere.get(id)));
            }
        }
        Map<String, RuleCount> hits = new TreeMap<>();
        TreeSet<String> rules = new TreeSet<>(result.ruleHits().keySet());
        rules.addAll(other.ruleHits().keySet());
        for (String rule : rules) {
            int a = result.ruleHits().getOrDefault(rule, 0);
            int b = other.ruleHits().getOrDefault(rule, 0);
            if (a != b) {
                hits.put(rule, new RuleCount(a, b));
            }
        }
        return new ReplayComparison(otherRules, result.incidents().size(), other.incidents().size(), moved, hits);
    }

    private static Map<String, String> titles(Replay.Result result) {
        Map<String, String> titles = new HashMap<>();
        result.incidents().forEach(i -> i.alertIds().forEach(id -> titles.put(id,
                i.title() + " (opened by " + i.alertIds().get(0) + ")")));
        return titles;
    }
}
