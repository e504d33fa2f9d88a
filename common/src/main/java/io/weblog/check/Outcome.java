package io.weblog.check;

/** How a check, or one source of it, ended. */
public enum Outcome {
    /** Every rule held and the window was not empty (or an empty one was allowed). */
    PASSED,
    /** A rule failed, or the window held no hits. */
    FAILED,
    /** The check could not look: a source could not be read. */
    ERROR;

    /** The worse of two outcomes: ERROR over FAILED over PASSED. */
    public Outcome worst(Outcome other) {
        return ordinal() >= other.ordinal() ? this : other;
    }
}
