package org.watchfloor.incidents.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Orders MITRE tactics as an attack unfolds, so an incident reads from first foothold to impact. ATT&CK for ICS
 * tactics keep their ICS order; the enterprise tactics an IT alert brings (a multistage incident) slot in at their
 * ATT&CK position; names neither matrix knows go last, in the order they appeared.
 */
final class KillChain {

    private static final List<String> ORDER = List.of(
            "Reconnaissance", "ResourceDevelopment", "PreAttack", "InitialAccess", "Execution", "Persistence",
            "PrivilegeEscalation", "Evasion", "DefenseEvasion", "CredentialAccess", "Discovery", "LateralMovement",
            "Collection", "CommandAndControl", "Exfiltration", "InhibitResponseFunction", "ImpairProcessControl",
            "Impact");

    private static final Map<String, Integer> POSITION = new LinkedHashMap<>();

    static {
        for (int i = 0; i < ORDER.size(); i++) {
            POSITION.put(key(ORDER.get(i)), i);
        }
    }

    private KillChain() {
    }

    /**
     * The distinct tactics in kill-chain order. Names match whatever their case or spacing ({@code Initial Access}),
     * and each is kept as first written.
     */
    static List<String> order(Collection<String> tactics) {
        Map<String, String> firstSpelling = new LinkedHashMap<>();
        for (String tactic : tactics) {
            if (tactic != null && !tactic.isBlank()) {
                firstSpelling.putIfAbsent(key(tactic), tactic.trim());
            }
        }
        List<String> keys = new ArrayList<>(firstSpelling.keySet());
        // a stable sort keeps unknown names, which all share the last position, in order of appearance
        keys.sort(Comparator.comparingInt(k -> POSITION.getOrDefault(k, ORDER.size())));
        return keys.stream().map(firstSpelling::get).toList();
    }

    private static String key(String tactic) {
        return tactic.replaceAll("[\\s_-]", "").toLowerCase(Locale.ROOT);
    }
}
