package org.watchfloor.correlation.rules;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.kie.api.runtime.rule.RuleContext;
import org.watchfloor.alerts.Severity;
import org.watchfloor.incidents.RuleHit;

/**
 * What the rules ask for one alert. Rules only ask; the engine resolves the asks once all rules have fired, in a
 * fixed order — suppress, then multistage, then join or reopen an incident, then open one — so a rule's effect does
 * not depend on the order in which Drools happens to fire rules of equal salience. Every ask is recorded with the
 * rule's name and the facts it matched: that is the explanation an analyst reads.
 */
public final class Decision {

    /** An ask to open an incident: the first one made (rules of higher salience fire first) gives the title. */
    public record Creation(String rule, String title, Severity severity) {
    }

    public record Suppression(String rule, String reason) {
    }

    public record SeverityRaise(String rule, Severity severity, String reason) {
    }

    private final Alert alert;
    private final List<Incident> incidentsInReach;
    private final List<ItAlert> itAlertsInReach;
    private final List<RuleHit> hits = new ArrayList<>();
    private final List<Creation> creations = new ArrayList<>();
    private final List<Incident> joinCandidates = new ArrayList<>();
    private final List<Incident> reopenCandidates = new ArrayList<>();
    private final List<ItAlert> multistageSources = new ArrayList<>();
    private final List<SeverityRaise> raises = new ArrayList<>();
    private final Set<String> tags = new LinkedHashSet<>();
    private Suppression suppression;

    /**
     * @param incidentsInReach the incidents the alert could be grouped with under the configured grouping; the
     *                         grouping rules read them with {@code from $d.incidentsInReach} and apply the windows
     * @param itAlertsInReach  the IT alerts held for multistage correlation on the alert's source host
     */
    public Decision(Alert alert, List<Incident> incidentsInReach, List<ItAlert> itAlertsInReach) {
        this.alert = alert;
        this.incidentsInReach = incidentsInReach;
        this.itAlertsInReach = itAlertsInReach;
    }

    public Alert getAlert() {
        return alert;
    }

    public List<Incident> getIncidentsInReach() {
        return incidentsInReach;
    }

    public List<ItAlert> getItAlertsInReach() {
        return itAlertsInReach;
    }

    /** Asks for an incident with at least {@code severity}: the alert's own severity when that is higher. */
    public void createIncident(RuleContext rule, String title, Severity severity) {
        Severity atLeast = severity.compareTo(alert.getSeverity()) > 0 ? severity : alert.getSeverity();
        creations.add(new Creation(name(rule), title, atLeast));
        hit(rule, "open incident '" + title + "' (" + atLeast + ")");
    }

    public void join(RuleContext rule, Incident incident) {
        if (!joinCandidates.contains(incident)) {
            joinCandidates.add(incident);
        }
        hit(rule, "join incident " + incident.getNumber());
    }

    public void reopen(RuleContext rule, Incident incident) {
        if (!reopenCandidates.contains(incident)) {
            reopenCandidates.add(incident);
        }
        hit(rule, "reopen incident " + incident.getNumber());
    }

    public void continueMultistage(RuleContext rule, ItAlert itAlert) {
        if (!multistageSources.contains(itAlert)) {
            multistageSources.add(itAlert);
        }
        hit(rule, "multistage attack from " + itAlert.hostOf(alert));
    }

    public void suppress(RuleContext rule, String reason) {
        if (suppression == null) {
            suppression = new Suppression(name(rule), reason);
        }
        hit(rule, "suppress: " + reason);
    }

    public void raiseSeverity(RuleContext rule, Severity severity, String reason) {
        raises.add(new SeverityRaise(name(rule), severity, reason));
        hit(rule, "raise severity to " + severity + ": " + reason);
    }

    /**
     * One step up from the alert's own severity. Several such rules firing for one alert raise it one step, not
     * several: each weighs the alert, none stacks on another.
     */
    public void raiseSeverityOneStep(RuleContext rule, String reason) {
        Severity[] all = Severity.values();
        raiseSeverity(rule, all[Math.min(alert.getSeverity().ordinal() + 1, all.length - 1)], reason);
    }

    public void tag(RuleContext rule, String tag) {
        tags.add(tag);
        hit(rule, "tag '" + tag + "'");
    }

    /** The alert's severity after every raise asked for so far. */
    public Severity highestSeverity() {
        Severity highest = alert.getSeverity();
        for (SeverityRaise raise : raises) {
            if (raise.severity().compareTo(highest) > 0) {
                highest = raise.severity();
            }
        }
        return highest;
    }

    public boolean isSuppressed() {
        return suppression != null;
    }

    public Suppression getSuppression() {
        return suppression;
    }

    public List<Creation> getCreations() {
        return creations;
    }

    public List<Incident> getJoinCandidates() {
        return joinCandidates;
    }

    public List<Incident> getReopenCandidates() {
        return reopenCandidates;
    }

    public List<ItAlert> getMultistageSources() {
        return multistageSources;
    }

    public List<SeverityRaise> getRaises() {
        return raises;
    }

    public Set<String> getTags() {
        return tags;
    }

    public List<RuleHit> getHits() {
        return hits;
    }

    private void hit(RuleContext rule, String action) {
        List<String> matched = new ArrayList<>();
        for (Object fact : rule.getMatch().getObjects()) {
            if (fact == this) {
                matched.add(String.valueOf(alert));
            } else {
                matched.add(String.valueOf(fact));
            }
        }
        Object technique = rule.getRule().getMetaData().get("technique");
        hits.add(new RuleHit(name(rule), technique == null ? action : action + " [" + technique + "]", matched));
    }

    private static String name(RuleContext rule) {
        return rule.getRule().getName();
    }

    @Override
    public String toString() {
        return "Decision for " + alert;
    }
}
