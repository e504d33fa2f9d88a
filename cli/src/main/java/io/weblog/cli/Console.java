package io.weblog.cli;

import io.weblog.check.CheckEvent;
import io.weblog.check.CheckListener;
import io.weblog.report.TextReport;
import io.weblog.window.Durations;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Prints the engine's events on standard error, one line each, for a person watching a check; silent when quiet.
 * Progress is shown only while following, where a person may wonder whether anything happens.
 */
final class Console implements CheckListener {

    /** When to colour output. */
    enum ColorMode {
        AUTO, ALWAYS, NEVER;

        boolean enabled() {
            return switch (this) {
                case ALWAYS -> true;
                case NEVER -> false;
                case AUTO -> System.console() != null && (System.getenv("NO_COLOR") == null
                        || System.getenv("NO_COLOR").isEmpty())
                        && !"dumb".equals(System.getenv("TERM"));
            };
        }
    }

    private final PrintWriter err;
    private final boolean quiet;
    private final boolean color;
    private boolean following;

    Console(PrintWriter err, boolean quiet, boolean color) {
        this.err = err;
        this.quiet = quiet;
        this.color = color;
    }

    /** A line of the command's own, such as a report written. */
    void note(String message) {
        print(message);
    }

    @Override
    public void onEvent(CheckEvent event) {
        if (event instanceof CheckEvent.Connected connected) {
            print(connected.source() + ": connected, " + connected.detail());
        } else if (event instanceof CheckEvent.Reconnecting reconnecting) {
            print("33", reconnecting.source() + ": " + reconnecting.reason() + "; reconnecting (attempt "
                    + reconnecting.attempt() + ")");
        } else if (event instanceof CheckEvent.FormatDetected detected) {
            print(detected.source() + ": format " + detected.format() + " (recognised from " + detected.parsed()
                    + " of its first " + detected.sampled() + " lines)");
        } else if (event instanceof CheckEvent.Following following) {
            this.following = true;
            boolean today = following.until().isBefore(Instant.now().plus(Duration.ofHours(12)));
            print(following.source() + ": following until " + DateTimeFormatter.ofPattern(today ? "HH:mm:ss"
                    : "yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault()).format(following.until()) + " ("
                    + Durations.format(Duration.between(Instant.now(), following.until()).plusMillis(500)
                            .withNanos(0)) + ")");
        } else if (event instanceof CheckEvent.Progress progress) {
            if (following) {
                print(progress.source() + ": " + progress.lines() + " lines, " + progress.inWindow()
                        + " hits in the window");
            }
        } else if (event instanceof CheckEvent.Rotated rotated) {
            print(rotated.source() + ": log rotated: " + rotated.how());
        } else if (event instanceof CheckEvent.Violation violation) {
            print("31", violation.source() + ": rule '" + violation.rule().name()
                    + "' failed at " + TextReport.describe(violation.hit()));
        } else if (event instanceof CheckEvent.Stopped stopped) {
            print(stopped.source() + ": window ended by " + TextReport.describe(stopped.hit()));
        } else if (event instanceof CheckEvent.Finished finished && finished.verdict().error() != null) {
            print("31", finished.source() + ": " + finished.verdict().error());
        } else if (event instanceof CheckEvent.Warning warning) {
            print("33", (warning.source().isEmpty() ? "" : warning.source() + ": ") + "warning: "
                    + warning.message());
        }
    }

    /** Prints a line in a colour; the text (which holds log file names and log text) is made safe first. */
    private void print(String code, String text) {
        String safe = TextReport.printable(text);
        emit(color ? "\u001b[" + code + "m" + safe + "\u001b[0m" : safe);
    }

    private void print(String line) {
        emit(TextReport.printable(line));
    }

    private void emit(String safeLine) {
        if (!quiet) {
            err.println("weblog: " + safeLine);
            err.flush();
        }
    }
}
