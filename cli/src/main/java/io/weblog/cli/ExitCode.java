package io.weblog.cli;

import io.weblog.check.Outcome;

/** The exit codes that scripts and other CI systems rely on. */
final class ExitCode {
    /** Every rule held. */
    static final int PASSED = 0;
    /** A rule failed, or the window held no hits. */
    static final int FAILED = 1;
    /** Usage or configuration error. */
    static final int USAGE = 2;
    /** A source could not be read. */
    static final int SOURCE = 3;

    private ExitCode() {
    }

    static int of(Outcome outcome) {
        return switch (outcome) {
            case PASSED -> PASSED;
            case FAILED -> FAILED;
            case ERROR -> SOURCE;
        };
    }
}
