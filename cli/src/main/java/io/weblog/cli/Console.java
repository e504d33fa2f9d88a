package io.weblog.cli;

import io.weblog.check.CheckEvent;
import io.weblog.check.CheckListener;
import io.weblog.report.EventLog;
import io.weblog.report.TextReport;
import java.io.PrintWriter;

/**
 * Prints the engine's events on standard error, one line each, in the words of {@link EventLog}, for a person watching
 * a check; silent when quiet.
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
    private final EventLog events;

    Console(PrintWriter err, boolean quiet, boolean color) {
        this.err = err;
        this.quiet = quiet;
        this.color = color;
        this.events = new EventLog(this::print, EventLog.CONSOLE_PROGRESS);
    }

    /** A line of the command's own, such as a report written. */
    void note(String message) {
        emit(TextReport.printable(message));
    }

    @Override
    public void onEvent(CheckEvent event) {
        events.onEvent(event);
    }

    /** Prints a line, in red for an error and yellow for a warning when colour is on; the text is already safe. */
    private void print(EventLog.Level level, String safeText) {
        String code = switch (level) {
            case INFO -> null;
            case WARNING -> "33";
            case ERROR -> "31";
        };
        emit(color && code != null ? "\u001b[" + code + "m" + safeText + "\u001b[0m" : safeText);
    }

    private void emit(String safeLine) {
        if (!quiet) {
            err.println("weblog: " + safeLine);
            err.flush();
        }
    }
}
