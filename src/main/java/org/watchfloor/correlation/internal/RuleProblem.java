package org.watchfloor.correlation.internal;

/** One error of a rule set, where a SOC lead finds it: file (relative to the rules folder), line, column. */
record RuleProblem(String file, int line, int column, String message) {

    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "") + ": " + message;
    }
}
