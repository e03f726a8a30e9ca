package org.watchfloor.correlation.internal;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.watchfloor.alerts.Severity;
import org.watchfloor.correlation.rules.Settings;

/**
 * Correlation settings ({@code watchfloor.correlation.*} and {@code watchfloor.rules.*}); see the README.
 *
 * @param microsoftSecurityRule the Microsoft Security incident creation rule (one incident per Defender for IoT
 *                              alert) and its filters
 * @param grouping              {@code name-and-entity}, {@code entity}, {@code name} or {@code off}
 * @param lookback              how long after an incident's last activity an alert may join it
 * @param reopenWindow          how long after closing an incident a matching alert reopens it; 0 never reopens
 * @param maxAlertsPerIncident  alerts an incident holds before the next one starts a new incident
 * @param multistageWindow      how long after an IT alert OT alerts from its host continue the attack
 * @param repeatThreshold       repeats between the same devices within the lookback that raise the severity
 * @param suppressLearnedTraffic whether traffic closed as Learn is suppressed from then on
 */
@ConfigurationProperties("watchfloor.correlation")
record CorrelationProperties(
        @DefaultValue MicrosoftSecurityRule microsoftSecurityRule,
        @DefaultValue("name-and-entity") String grouping,
        @DefaultValue("24h") Duration lookback,
        @DefaultValue("0s") Duration reopenWindow,
        @DefaultValue("150") int maxAlertsPerIncident,
        @DefaultValue("24h") Duration multistageWindow,
        @DefaultValue("10") int repeatThreshold,
        @DefaultValue("true") boolean suppressLearnedTraffic) {

    private static final List<String> GROUPINGS = List.of("name-and-entity", "entity", "name", "off");

    /**
     * @param enabled         whether every Defender for IoT alert that passes the filters opens an incident
     * @param minimumSeverity the lowest alert severity that does
     * @param includedNames   when not empty, only these alert names do
     * @param excludedNames   alert names that never do under this rule
     */
    record MicrosoftSecurityRule(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("Informational") String minimumSeverity,
            @DefaultValue List<String> includedNames,
            @DefaultValue List<String> excludedNames) {
    }

    CorrelationProperties {
        if (!GROUPINGS.contains(grouping)) {
            throw new IllegalArgumentException("watchfloor.correlation.grouping must be one of " + GROUPINGS
                    + ", not '" + grouping + "'");
        }
        if (maxAlertsPerIncident < 1) {
            throw new IllegalArgumentException("watchfloor.correlation.max-alerts-per-incident must be at least 1");
        }
    }

    Settings settings() {
        Severity minimum = Severity.of(microsoftSecurityRule.minimumSeverity()).orElseThrow(() ->
                new IllegalArgumentException("watchfloor.correlation.microsoft-security-rule.minimum-severity must be "
                        + "Informational, Low, Medium or High"));
        return new Settings(microsoftSecurityRule.enabled(), minimum, microsoftSecurityRule.includedNames(),
                microsoftSecurityRule.excludedNames(), grouping, lookback, reopenWindow, maxAlertsPerIncident,
                multistageWindow, repeatThreshold);
    }
}
