package org.watchfloor.incidents.automation;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The global {@code actions} of the automation rules: what the rules that fired want done. The actions are carried
 * out in the rules' order ({@code @order(n)}, lowest first, as in Sentinel; rules without one come last), and a rule
 * past its {@code @expiresAt("2026-12-31T18:00:00Z")} takes no action.
 */
public final class AutomationActions {

    /** The order of a rule that does not say. */
    public static final int LAST = 1000;

    private final Instant now;
    private final List<AutomationAction> actions = new ArrayList<>();
    private String rule;
    private int order = LAST;
    private boolean expired;

    public AutomationActions(Instant now) {
        this.now = now;
    }

    /** Called as each rule fires, with its metadata; an expiry that cannot be read is the rule author's mistake. */
    public void firing(String ruleName, Object orderMetadata, Object expiresAtMetadata) {
        this.rule = ruleName;
        this.order = orderMetadata == null ? LAST : Integer.parseInt(orderMetadata.toString().trim());
        try {
            this.expired = expiresAtMetadata != null && !now.isBefore(Instant.parse(expiresAtMetadata.toString().trim()));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("automation rule '" + ruleName + "': @expiresAt must be an ISO-8601 "
                    + "instant such as 2026-12-31T18:00:00Z, not '" + expiresAtMetadata + "'", e);
        }
    }

    public void assignOwner(String owner) {
        add(AutomationAction.Kind.ASSIGN_OWNER, required(owner, "owner"), null);
    }

    public void addTag(String tag) {
        add(AutomationAction.Kind.ADD_TAG, required(tag, "tag"), null);
    }

    /** Informational, Low, Medium or High. */
    public void changeSeverity(String severity) {
        add(AutomationAction.Kind.CHANGE_SEVERITY, required(severity, "severity"), null);
    }

    /** A task for the analysts, beside the lifecycle's own. */
    public void addTask(String title) {
        add(AutomationAction.Kind.ADD_TASK, required(title, "task"), null);
    }

    /** Starts the playbook process with this key for the incident. */
    public void runPlaybook(String processKey) {
        add(AutomationAction.Kind.RUN_PLAYBOOK, required(processKey, "playbook"), null);
    }

    /** Closes the incident: TruePositive, BenignPositive, FalsePositive or Undetermined, with a comment. */
    public void close(String classification, String comment) {
        add(AutomationAction.Kind.CLOSE, required(classification, "classification"), comment);
    }

    /** The actions in the order they are carried out. */
    public List<AutomationAction> ordered() {
        List<AutomationAction> ordered = new ArrayList<>(actions);
        ordered.sort(Comparator.comparingInt(AutomationAction::order));
        return ordered;
    }

    private void add(AutomationAction.Kind kind, String value, String comment) {
        if (!expired) {
            actions.add(new AutomationAction(Objects.requireNonNull(rule, "no rule is firing"), order, kind, value,
                    comment));
        }
    }

    private static String required(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("an automation action needs a " + what);
        }
        return value.strip();
    }
}
