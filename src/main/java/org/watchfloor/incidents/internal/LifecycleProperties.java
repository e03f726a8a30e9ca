package org.watchfloor.incidents.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.watchfloor.alerts.Severity;

/**
 * How the incident lifecycle runs.
 *
 * @param sla          how long triage and remediation may take per severity before they escalate to the SOC leads
 * @param pendingCheck how often incidents still waiting for their process are looked for (they are also started at
 *                     once when correlation opens or reopens them; this catches what a restart interrupted)
 * @param newAlertsInterval the least time between two new-alerts notices to one incident's process (each refreshes
 *                     the forms, mails the owner and runs the update rules); alerts attached meanwhile are told
 *                     together when it ends. A raise to High is told at once; zero tells every burst.
 * @param deferWhileDeciding how long at a time process starts and new-alerts notices wait while correlation still has
 *                     alerts to decide, so that during a flood the cores decide first; a longer flood gets one batch
 *                     of starts and of notices per wait; raises to High are told at once all the same; zero never
 *                     waits
 */
@ConfigurationProperties("watchfloor.lifecycle")
record LifecycleProperties(@DefaultValue Sla sla, @DefaultValue("30s") Duration pendingCheck,
                           @DefaultValue("1m") Duration newAlertsInterval,
                           @DefaultValue("30s") Duration deferWhileDeciding) {

    /** Durations by severity; a severity without one (or with zero) has no SLA. */
    record Sla(Map<Severity, Duration> triage, Map<Severity, Duration> remediation) {

        Sla {
            triage = triage == null ? Map.of() : Map.copyOf(triage);
            remediation = remediation == null ? Map.of() : Map.copyOf(remediation);
        }

        /** The SLA of a stage as an ISO-8601 duration for the process's timer, empty when there is none. */
        Optional<String> of(String stage, Severity severity) {
            Map<Severity, Duration> durations = switch (stage) {
                case "triage" -> triage;
                case "remediation" -> remediation;
                default -> throw new IllegalArgumentException("no SLA stage '" + stage + "'");
            };
            Duration due = durations.get(severity);
            return due == null || due.isZero() || due.isNegative() ? Optional.empty() : Optional.of(due.toString());
        }
    }
}
