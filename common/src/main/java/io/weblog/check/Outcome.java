package io.weblog.check;

/** How a check, or one source of it, ended. */
public enum Outcome {
    /** Every rule held and the window was not empty (or an empty one was allowed). */
    PASSED,
    /** A rule failed, or the window held no hits. */
    FAILED,
    /** The check could not look: a source could not be read. */
    ERROR;

    /**
     * The outcome of a source that was read: FAILED when a rule failed, or when the window held no hits and an empty
     * one is not allowed; else PASSED.
     */
    static Outcome ofRead(boolean allHeld, boolean emptyWindow, boolean emptyAllowed) {
        return !allHeld || emptyWindow && !emptyAllowed ? FAILED : PASSED;
    }

    /** The worse of two outcomes: ERROR over FAILED over PASSED. */
    public Outcome worst(Outcome other) {
        return ordinal() >= other.ordinal() ? this : other;
    }
}
