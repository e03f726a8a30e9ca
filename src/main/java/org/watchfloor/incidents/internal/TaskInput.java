package org.watchfloor.incidents.internal;

import java.util.Arrays;
import java.util.Locale;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * Reads what a user submitted with a task. Completing a task without a valid value is refused with a message that
 * Tasklist and the REST API show, and the task stays open.
 */
final class TaskInput {

    private TaskInput() {
    }

    static String text(DelegateTask task, String variable, boolean required) {
        Object value = task.getVariable(variable);
        if (value == null || value.toString().isBlank()) {
            if (required) {
                throw new BadUserRequestException("'" + task.getName() + "' needs '" + variable + "'");
            }
            return null;
        }
        String text = value.toString().strip();
        if (text.length() > IncidentBriefing.MAX_TEXT) {
            throw new BadUserRequestException("'" + variable + "' is longer than " + IncidentBriefing.MAX_TEXT
                    + " characters; put the details in incident comments");
        }
        return text;
    }

    static <E extends Enum<E>> E choice(DelegateTask task, String variable, Class<E> type) {
        String text = text(task, variable, true);
        return Arrays.stream(type.getEnumConstants())
                .filter(e -> e.name().equalsIgnoreCase(text))
                .findFirst()
                .orElseThrow(() -> new BadUserRequestException("'" + variable + "' must be one of "
                        + Arrays.toString(type.getEnumConstants()) + ", not '" + text + "'"));
    }

    static boolean flag(DelegateTask task, String variable) {
        Object value = task.getVariable(variable);
        return value instanceof Boolean b ? b : value != null && "true".equals(value.toString().toLowerCase(Locale.ROOT));
    }

    /** Who completed the task: the assignee, else the user Camunda authenticated. */
    static String completedBy(DelegateTask task, Actors actors) {
        String current = actors.current();
        return !current.equals(Actors.WATCHFLOOR) ? current : task.getAssignee() != null ? task.getAssignee() : current;
    }
}
