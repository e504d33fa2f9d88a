package io.weblog;

import io.weblog.check.Outcome;
import java.util.Objects;

/**
 * What a build makes of a verdict, the same in every build tool: the engine reports facts, and this one decision turns
 * them into a build's result, which each plugin then names in its own world (Maven: success, a warning, BUILD FAILURE,
 * BUILD ERROR; Jenkins: SUCCESS, UNSTABLE, FAILURE, an aborted step).
 */
public enum BuildResult {
    /** Every rule held: the build goes on. */
    SUCCESS,
    /** A rule failed (or the window was empty), and the build was told to only warn about it. */
    UNSTABLE,
    /** A rule failed (or the window was empty): the release misbehaved, so the build fails. */
    FAILURE,
    /** The check could not look (a source could not be read): the build stops with an error, whatever the policy. */
    ERROR;

    /**
     * The result of a build step that ran a check.
     *
     * @param outcome the outcome of the check's verdict
     * @param failOnViolation whether a failed rule fails the build ({@link #FAILURE}) or only marks it
     *     ({@link #UNSTABLE})
     */
    public static BuildResult of(Outcome outcome, boolean failOnViolation) {
        Objects.requireNonNull(outcome, "outcome");
        return switch (outcome) {
            case PASSED -> SUCCESS;
            case FAILED -> failOnViolation ? FAILURE : UNSTABLE;
            case ERROR -> ERROR;
        };
    }
}
