package io.weblog.check;

/** Why reading a source stopped. */
public enum EndReason {
    /** The whole log (or input) was read. */
    END_OF_INPUT,
    /** The followed window reached its end. */
    WINDOW_ENDED,
    /** The line of the end mark arrived: the window ended exactly there. */
    END_MARK,
    /** A hit matched the stop-on selector. */
    STOP_HIT,
    /** A hit took a {@code max} rule over its bound while following: the outcome could no longer change. */
    FAILED_FAST,
    /** Every rule was a {@code min} rule and all were met while following. */
    PASSED_EARLY,
    /** Another source's outcome decided the check, or the caller cancelled it. */
    CANCELLED,
    /** The source could not be read. */
    ERROR;

    /** Whether reading ended before the window did. */
    public boolean isEarly() {
        return this == FAILED_FAST || this == PASSED_EARLY || this == STOP_HIT || this == CANCELLED;
    }
}
