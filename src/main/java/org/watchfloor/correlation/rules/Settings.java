package org.watchfloor.correlation.rules;

import java.time.Duration;
import java.util.List;
import org.watchfloor.alerts.Severity;

/**
 * The tunable part of the rules, from configuration ({@code watchfloor.correlation.*}), so a SOC lead changes a
 * window or a filter without editing DRL.
 *
 * @param microsoftSecurityRule  the equivalent of Sentinel's Microsoft Security incident creation rule: every
 *                               Defender for IoT alert that passes the filters opens an incident
 * @param minimumSeverity        the lowest severity that opens an incident under that rule
 * @param includedNames          when not empty, only these alert names open incidents under that rule
 * @param excludedNames          alert names that never open incidents under that rule
 * @param grouping               how alerts join open incidents: {@code name-and-entity}, {@code entity}, {@code name}
 *                               or {@code off}
 * @param lookback               how long after an incident's last activity an alert may still join it
 * @param reopenWindow           how long after closing an incident an alert reopens it; zero never reopens
 * @param maxAlertsPerIncident   an incident with this many alerts is full
 * @param multistageWindow       how long after an IT alert OT alerts from its host continue its attack
 * @param repeatThreshold        how many earlier alerts of one name between the same devices within the lookback
 *                               raise the severity
 */
public record Settings(
        boolean microsoftSecurityRule,
        Severity minimumSeverity,
        List<String> includedNames,
        List<String> excludedNames,
        String grouping,
        Duration lookback,
        Duration reopenWindow,
        int maxAlertsPerIncident,
        Duration multistageWindow,
        int repeatThreshold) {

    public Settings {
        includedNames = List.copyOf(includedNames);
        excludedNames = List.copyOf(excludedNames);
    }

    /**
     * Rules read the global {@code settings} through bean getters ({@code settings.lookback}); these give them the
     * record's values.
     */
    public boolean isMicrosoftSecurityRule() {
        return microsoftSecurityRule;
    }

    public Severity getMinimumSeverity() {
        return minimumSeverity;
    }

    public List<String> getIncludedNames() {
        return includedNames;
    }

    public List<String> getExcludedNames() {
        return excludedNames;
    }

    public Duration getLookback() {
        return lookback;
    }

    public Duration getReopenWindow() {
        return reopenWindow;
    }

    public Duration getMultistageWindow() {
        return multistageWindow;
    }

    public int getRepeatThreshold() {
        return repeatThreshold;
    }

    /** Whether the alert belongs with the incident under the configured grouping, leaving time aside. */
    public boolean groups(Incident incident, Alert alert) {
        return switch (grouping) {
            case "name-and-entity" -> incident.hasAlertNamed(alert.getName()) && incident.sharesEntitiesWith(alert);
            case "entity" -> incident.sharesEntitiesWith(alert);
            case "name" -> incident.hasAlertNamed(alert.getName());
            default -> false;
        };
    }

    public boolean reopens() {
        return !reopenWindow.isZero();
    }

    public boolean passesCreationFilters(Alert alert) {
        return alert.getSeverity().compareTo(minimumSeverity) >= 0
                && (includedNames.isEmpty() || alert.isNamedIn(includedNames))
                && !alert.isNamedIn(excludedNames);
    }
}
