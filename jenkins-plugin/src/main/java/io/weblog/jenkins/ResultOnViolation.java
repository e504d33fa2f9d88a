package io.weblog.jenkins;

/** What a failed rule, or a window without hits, makes of the build. */
public enum ResultOnViolation {
    /** The build fails and the step stops it, as a failed shell step does. */
    FAILURE,
    /** The build is marked unstable and goes on; the pipeline step returns the verdict for the script to act on. */
    UNSTABLE;

    /** How the form's dropdown names it. */
    public String getDisplayName() {
        return this == FAILURE ? Messages.ResultOnViolation_FAILURE() : Messages.ResultOnViolation_UNSTABLE();
    }

    /** Whether a failed rule fails the build, as the engine's {@link io.weblog.BuildResult} asks. */
    boolean failsTheBuild() {
        return this == FAILURE;
    }
}
