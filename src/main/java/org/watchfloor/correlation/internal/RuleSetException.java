package org.watchfloor.correlation.internal;

import java.util.List;
import java.util.stream.Collectors;

/** A rule set that does not build; the running rules, if any, stay in force. */
class RuleSetException extends Exception {

    private final transient List<RuleProblem> problems;

    RuleSetException(String origin, List<RuleProblem> problems) {
        super("the rules in " + origin + " do not build:\n" + problems.stream().map(p -> "  " + p)
                .collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    List<RuleProblem> problems() {
        return problems;
    }
}
