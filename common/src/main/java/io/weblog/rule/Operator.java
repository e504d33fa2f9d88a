package io.weblog.rule;

/** How a filter compares a field with its value. */
public enum Operator {
    /** Equal; with the value {@code -}, "the field is absent". */
    EQUALS("="),
    /** Not equal; with the value {@code -}, "the field is present". */
    NOT_EQUALS("!="),
    /** Starts with. */
    STARTS_WITH("^="),
    /** A regular expression finds a match somewhere in the value. */
    MATCHES("~"),
    /** A regular expression finds no match in the value (or the field is absent). */
    NOT_MATCHES("!~"),
    /** More than (durations). */
    GREATER_THAN(">"),
    /** At least (durations). */
    AT_LEAST(">="),
    /** Less than (durations). */
    LESS_THAN("<"),
    /** At most (durations). */
    AT_MOST("<=");

    private final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    /** Whether this operator compares magnitudes, as {@code duration>2s} does. */
    public boolean isComparison() {
        return this == GREATER_THAN || this == AT_LEAST || this == LESS_THAN || this == AT_MOST;
    }

    /** The operator as written in a rule. */
    public String symbol() {
        return symbol;
    }
}
