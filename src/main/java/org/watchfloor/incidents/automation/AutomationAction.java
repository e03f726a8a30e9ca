package org.watchfloor.incidents.automation;

/**
 * One action an automation rule took: {@code value} is the owner, tag, severity, task title, playbook process key or,
 * for closing, the classification; {@code comment} the closing comment.
 */
public record AutomationAction(String rule, int order, Kind kind, String value, String comment) {

    public enum Kind {
        ASSIGN_OWNER, ADD_TAG, CHANGE_SEVERITY, ADD_TASK, RUN_PLAYBOOK, CLOSE
    }
}
