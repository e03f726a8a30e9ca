package org.watchfloor.correlation.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.kie.api.builder.Message;

/**
 * Turns the errors Drools reports while building a rule set into problems a SOC lead finds in the rule files: file,
 * line and column where Drools knows them, and where Drools' own message leaves them out but its words say.
 */
final class DroolsErrors {

    /**
     * Drools' words when a rule inserts logically and its truth maintenance module is absent. It is left out on
     * purpose: with it, every rule match carries truth-maintenance bookkeeping (up to a fifth of a decision's cost
     * in the benchmark), and rules here only ask the {@code Decision}. Drools names the file but not the line.
     */
    private static final String TRUTH_MAINTENANCE = "Truth Maintenance System";
    private static final String LOGICAL_INSERT = "insertLogical";

    /**
     * Drools' parser leaves the message's column at 0 and writes the place into its text instead, "Line 12:4", the
     * column counted from 0 there; a SOC lead's editor counts from 1.
     */
    private static final Pattern PARSER_PLACE = Pattern.compile("\\bLine (\\d+):(\\d+)\\b");

    /** Drools' echo of a file that did not parse; the parser's own errors for that file already say where and why. */
    private static final String NOTHING_PARSED = "Parser returned a null Package";

    /**
     * Drools places an error in a rule's consequence, which is Java, at the rule's first line. When the compiler says
     * a name is unknown, every use of it is wrong alike, so its first use after {@code then} is the place to look.
     * Other errors (arguments of the wrong type, say) may be any one of several calls and keep the rule's line.
     */
    private static final String CONSEQUENCE = "Rule Compilation error";
    private static final Pattern UNKNOWN_NAME = Pattern.compile(
            "The (?:method|constructor) ([\\w$]+)\\([^)]*\\) is undefined|([\\w$]+) cannot be resolved");

    /**
     * Drools reports a constraint it cannot make sense of up to three times, each at the pattern's line: the part that
     * failed and the whole comparison, each with the cause and a place counted inside the constraint, and once more
     * without the cause. One problem is kept per cause, at the column where its expression starts.
     */
    private static final Pattern UNANALYSABLE = Pattern.compile("^Unable to analy[sz]e expression '?(.+?)'?(:|$)",
            Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);
    private static final Pattern CAUSE = Pattern.compile("^\\[Error: (.*)]$", Pattern.MULTILINE);

    private DroolsErrors() {
    }

    /**
     * The problems in file, line and column order. {@code folder}: where the rule files were written in Drools' file
     * system, before each file's own path.
     */
    static List<RuleProblem> place(List<Message> errors, List<RuleSource.File> rules, String folder) {
        Map<String, String[]> lines = rules.stream()
                .collect(Collectors.toMap(RuleSource.File::path, f -> f.content().split("\r?\n", -1)));
        Set<String> explained = errors.stream().filter(m -> !m.getText().contains(NOTHING_PARSED))
                .map(m -> fileOf(m, folder)).collect(Collectors.toSet());
        List<RuleProblem> problems = new ArrayList<>();
        Map<Reported, RuleProblem> unanalysable = new LinkedHashMap<>();
        for (Message message : errors) {
            String file = fileOf(message, folder);
            String[] lineTexts = lines.getOrDefault(file, new String[0]);
            String text = message.getText().trim();
            Matcher expression = UNANALYSABLE.matcher(text);
            if (text.contains(TRUTH_MAINTENANCE)) {
                problems.add(logicalInsert(file, lineTexts));
            } else if (text.startsWith(CONSEQUENCE)) {
                problems.add(inConsequence(file, lineTexts, message.getLine(), text));
            } else if (expression.find()) {
                Matcher cause = CAUSE.matcher(text);
                Reported reported = new Reported(file, message.getLine(), cause.find() ? cause.group(1) : null);
                unanalysable.putIfAbsent(reported, unanalysable(lineTexts, reported, expression.group(1)));
            } else if (!(text.contains(NOTHING_PARSED) && explained.contains(file))) {
                problems.add(new RuleProblem(file, message.getLine(), columnOf(message), text));
            }
        }
        Set<Reported> linesWithCause = unanalysable.keySet().stream().filter(r -> r.cause() != null)
                .map(r -> new Reported(r.file(), r.line(), null)).collect(Collectors.toSet());
        unanalysable.forEach((reported, problem) -> {
            if (!linesWithCause.contains(reported)) {
                problems.add(problem);
            }
        });
        problems.sort(Comparator.comparing(RuleProblem::file).thenComparingInt(RuleProblem::line)
                .thenComparingInt(RuleProblem::column));
        return problems;
    }

    private static String fileOf(Message message, String folder) {
        String path = message.getPath();
        return path == null ? "(rules)" : path.startsWith(folder) ? path.substring(folder.length()) : path;
    }

    private static int columnOf(Message message) {
        if (message.getColumn() > 0) {
            return message.getColumn();
        }
        Matcher place = PARSER_PLACE.matcher(message.getText());
        return place.find() && Integer.parseInt(place.group(1)) == message.getLine()
                ? Integer.parseInt(place.group(2)) + 1 : 0;
    }

    private static RuleProblem logicalInsert(String file, String[] lines) {
        String message = LOGICAL_INSERT + " is not supported: Watchfloor runs Drools without truth maintenance."
                + " Ask the decision instead ($d.createIncident, $d.join, $d.suppress, $d.tag, ...)";
        return firstUse(Pattern.compile(LOGICAL_INSERT), lines, 0, lines.length)
                .map(at -> new RuleProblem(file, at.line(), at.column(), message))
                .orElse(new RuleProblem(file, 0, 0, message));
    }

    private static RuleProblem inConsequence(String file, String[] lines, int ruleLine, String text) {
        RuleProblem atTheRule = new RuleProblem(file, ruleLine, 0, text);
        Matcher unknown = UNKNOWN_NAME.matcher(text);
        if (ruleLine < 1 || !unknown.find()) {
            return atTheRule;
        }
        String name = unknown.group(1) != null ? unknown.group(1) : unknown.group(2);
        int then = thenAfter(lines, ruleLine - 1);
        int end = then;
        while (end < lines.length && !lines[end].trim().equals("end")) {
            end++;
        }
        Pattern use = Pattern.compile("(?<![\\w$])" + Pattern.quote(name) + "(?![\\w$])");
        return firstUse(use, lines, then + 1, end)
                .map(at -> new RuleProblem(file, at.line(), at.column(), text))
                .orElse(atTheRule);
    }

    /** Drools names the line where the pattern starts; a pattern may go on over several lines, up to {@code then}. */
    private static RuleProblem unanalysable(String[] lines, Reported reported, String expression) {
        String text = "unable to analyse expression '" + expression + "'"
                + (reported.cause() == null ? "" : ": " + reported.cause());
        return firstUse(Pattern.compile(Pattern.quote(expression)), lines, reported.line() - 1,
                thenAfter(lines, reported.line() - 1))
                .map(at -> new RuleProblem(reported.file(), at.line(), at.column(), text))
                .orElse(new RuleProblem(reported.file(), reported.line(), 0, text));
    }

    /**
     * A constraint Drools could not make sense of, and why, where Drools says so. Kept once for each cause at a line,
     * and without a cause only at a line where Drools said none.
     */
    private record Reported(String file, int line, String cause) {
    }

    /** The index of the first line from {@code from} on that starts a rule's consequence, or past the last line. */
    private static int thenAfter(String[] lines, int from) {
        int then = Math.max(from, 0);
        while (then < lines.length && !lines[then].trim().startsWith("then")) {
            then++;
        }
        return then;
    }

    /** Where in a file, both counted from 1. */
    private record Place(int line, int column) {
    }

    /** The first match in the lines from {@code from} (inclusive) to {@code to}, counted from 0. */
    private static Optional<Place> firstUse(Pattern use, String[] lines, int from, int to) {
        for (int i = Math.max(from, 0); i < Math.min(to, lines.length); i++) {
            Matcher found = use.matcher(lines[i]);
            if (found.find()) {
                return Optional.of(new Place(i + 1, found.start() + 1));
            }
        }
        return Optional.empty();
    }
}
