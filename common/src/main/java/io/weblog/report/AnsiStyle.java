package io.weblog.report;

import io.weblog.check.Outcome;

/** Paints console text with ANSI escape sequences, or leaves it plain when colour is off. */
final class AnsiStyle {
    static final String BOLD = "1";
    static final String RED = "31";
    static final String GREEN = "32";
    static final String YELLOW = "33";
    static final String MAGENTA = "35";
    static final String DIM = "2";

    private final boolean color;

    AnsiStyle(boolean color) {
        this.color = color;
    }

    /** The text wrapped in the given SGR codes (such as {@link #BOLD}, {@link #RED}), or as it is without colour. */
    String paint(String text, String... codes) {
        if (!color || codes.length == 0 || text.isEmpty()) {
            return text;
        }
        return "\u001b[" + String.join(";", codes) + "m" + text + "\u001b[0m";
    }

    /** The colour of a rule's status: green pass, red FAIL, yellow ERROR. */
    String status(RuleStatus status) {
        return switch (status) {
            case PASS -> paint(status.label(), GREEN);
            case FAIL -> paint(status.label(), BOLD, RED);
            case ERROR -> paint(status.label(), BOLD, YELLOW);
        };
    }

    /** The colour of an outcome's name: green PASSED, red FAILED, magenta ERROR. */
    String outcome(Outcome outcome) {
        return switch (outcome) {
            case PASSED -> paint(outcome.name(), BOLD, GREEN);
            case FAILED -> paint(outcome.name(), BOLD, RED);
            case ERROR -> paint(outcome.name(), BOLD, MAGENTA);
        };
    }
}
