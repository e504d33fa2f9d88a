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
    NOT_MATCHES("!~");

    private final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    /** The operator as written in a rule. */
    public String symbol() {
        return symbol;
    }
}
