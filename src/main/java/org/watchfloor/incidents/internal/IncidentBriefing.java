package org.watchfloor.incidents.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.watchfloor.alerts.AlertQueries;
import org.watchfloor.alerts.AlertSummary;
import org.watchfloor.alerts.IotDevice;
import org.watchfloor.alerts.SecurityAlert;
import org.watchfloor.alerts.StoredAlert;

/**
 * What the lifecycle's forms show about an incident, as process variables: text an analyst reads in Tasklist. Each
 * text is capped below Camunda's 4,000 characters for a string variable; the incident API has the whole story.
 */
@Component
@Transactional(readOnly = true)
class IncidentBriefing {

    static final int MAX_TEXT = 3_900;
    private static final int RELATED_PER_ADDRESS = 20;
    /** About as many alert lines as fit in {@link #MAX_TEXT}: looking further would only be cut off. */
    private static final int MAX_RELATED = 40;
    private static final Duration RELATED_WINDOW = Duration.ofHours(24);

    private final IncidentStore incidents;
    private final AlertQueries alerts;

    IncidentBriefing(IncidentStore incidents, AlertQueries alerts) {
        this.incidents = incidents;
        this.alerts = alerts;
    }

    /** The variables the forms read, plus the incident's title and severity for gateways and mail. */
    Map<String, Object> of(long number) {
        IncidentRow incident = incidents.find(number).orElseThrow(() -> new NoSuchElementException(
                "no incident " + number));
        List<String> ids = incidents.alerts(incident.id()).stream().map(AlertRef::systemAlertId).toList();
        List<StoredAlert> stored = alerts.findAll(ids);
        List<SecurityAlert> incidentAlerts = stored.stream().map(StoredAlert::alert).toList();
        Map<String, Object> variables = new HashMap<>();
        variables.put("incidentTitle", incident.title());
        variables.put("severity", incident.severity().label());
        variables.put("incidentSummary", cap(summary(incident)));
        variables.put("alertsSummary", cap(alertLines(incidentAlerts)));
        variables.put("devicesSummary", cap(deviceLines(incidentAlerts)));
        variables.put("techniquesSummary", cap(techniques(incident, incidentAlerts)));
        variables.put("sitesSummary", cap(sites(incidentAlerts)));
        variables.put("remediationSteps", cap(remediation(incidentAlerts)));
        variables.put("relatedAlertsSummary", cap(related(incident, stored)));
        return variables;
    }

    private static String summary(IncidentRow i) {
        return "Incident " + i.number() + ": " + i.title() + "\n"
                + "Severity " + i.severity().label() + ", status " + i.status() + ", " + i.alertCount() + " alert"
                + (i.alertCount() == 1 ? "" : "s") + "\n"
                + "First activity " + i.firstActivity() + ", last activity " + i.lastActivity() + "\n"
                + (i.tags().isEmpty() ? "" : "Tags: " + String.join(", ", i.tags()) + "\n")
                + (i.sites().isEmpty() ? "" : "Sites: " + String.join(", ", i.sites()) + "\n")
                + (i.multistageHost() == null ? "" : "Multistage attack from IT host " + i.multistageHost() + "\n");
    }

    private static String alertLines(List<SecurityAlert> alerts) {
        return lines(alerts.stream().map(a -> new AlertSummary(a.systemAlertId(), a.timeGenerated(), a.severity(),
                a.alertName(), a.details().sourceDeviceAddress(), a.details().destinationDeviceAddress())).toList());
    }

    private static String lines(List<AlertSummary> alerts) {
        return alerts.stream().map(a -> a.timeGenerated() + "  " + a.severity() + "  " + a.alertName()
                        + "  " + nonNull(a.sourceAddress()) + " → " + nonNull(a.destinationAddress())
                        + "  (" + a.systemAlertId() + ")")
                .collect(Collectors.joining("\n"));
    }

    private static String deviceLines(List<SecurityAlert> alerts) {
        Map<String, IotDevice> devices = new LinkedHashMap<>();
        alerts.forEach(a -> a.devices().forEach(d -> devices.putIfAbsent(d.name() + "@" + d.ipAddress(), d)));
        return devices.values().stream().map(d -> nonNull(d.name()) + "  " + nonNull(d.ipAddress())
                        + "  " + nonNull(d.type()) + ", " + nonNull(d.vendor()) + " " + nonNull(d.model())
                        + "  importance " + nonNull(d.importance()) + ", Purdue level " + nonNull(d.purdueLevel())
                        + (d.owners().isEmpty() ? "" : ", owners " + String.join(", ", d.owners())))
                .collect(Collectors.joining("\n"));
    }

    private static String techniques(IncidentRow incident, List<SecurityAlert> alerts) {
        Set<String> techniques = new LinkedHashSet<>(incident.techniques());
        alerts.forEach(a -> techniques.addAll(a.techniques()));
        return "Tactics (kill-chain order): " + String.join(" → ", incident.tactics()) + "\n"
                + "Techniques: " + String.join(", ", techniques);
    }

    private static String sites(List<SecurityAlert> alerts) {
        Set<String> lines = new LinkedHashSet<>();
        alerts.forEach(a -> lines.add("Site " + nonNull(a.site()) + ", zone " + nonNull(a.zone()) + ", sensor "
                + nonNull(a.sensor())));
        return String.join("\n", lines);
    }

    private static String remediation(List<SecurityAlert> alerts) {
        Map<String, Set<String>> steps = new LinkedHashMap<>();
        alerts.forEach(a -> steps.computeIfAbsent(nonNull(a.alertName()), n -> new LinkedHashSet<>())
                .addAll(a.remediationSteps()));
        List<String> lines = new ArrayList<>();
        steps.forEach((name, list) -> {
            if (!list.isEmpty()) {
                lines.add(name + ":");
                list.forEach(step -> lines.add("  - " + step));
            }
        });
        return lines.isEmpty() ? "Defender for IoT gave no remediation steps for these alerts." : String.join("\n", lines);
    }

    /** Alerts on the incident's addresses within a day of its activity that are not in it. */
    private String related(IncidentRow incident, List<StoredAlert> own) {
        Set<String> addresses = new LinkedHashSet<>();
        own.forEach(a -> {
            addIfPresent(addresses, a.alert().details().sourceDeviceAddress());
            addIfPresent(addresses, a.alert().details().destinationDeviceAddress());
        });
        List<AlertSummary> related = alerts.latestOnDevices(List.copyOf(addresses),
                incident.firstActivity().minus(RELATED_WINDOW), incident.lastActivity().plus(RELATED_WINDOW),
                own.stream().map(StoredAlert::id).toList(), RELATED_PER_ADDRESS, MAX_RELATED);
        return related.isEmpty() ? "No other alerts on these devices within a day of the incident." : lines(related);
    }

    private static void addIfPresent(Set<String> set, String value) {
        if (value != null && !value.isBlank()) {
            set.add(value);
        }
    }

    private static String nonNull(String s) {
        return s == null ? "–" : s;
    }

    static String cap(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "\n… (the incident API shows all)";
    }
}
