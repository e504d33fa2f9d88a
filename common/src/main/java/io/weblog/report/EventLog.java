package io.weblog.report;

import io.weblog.check.CheckEvent;
import io.weblog.check.CheckListener;
import io.weblog.window.Durations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * Words a check's events as lines of a log that people read while the check runs: a console, a Maven build log, a
 * Jenkins build log. Every front door prints the same sentences; each decides only where a line goes and how its
 * {@link Level} shows (a colour, {@code [WARNING]}).
 *
 * <p>What a line says: connected (and how), the format recognised, following until when, progress while following,
 * rotation, reconnecting, a rule broken while following, the stop-on hit, a source's error, warnings. Nothing is said
 * per hit, so a window of a million lines does not flood a build log; progress comes at most once per interval. Text
 * taken from a log is made safe for a terminal.
 */
public final class EventLog implements CheckListener {
    /** Progress while following, at most this often in a build log: every 30 seconds. */
    public static final Duration BUILD_LOG_PROGRESS = Duration.ofSeconds(30);
    /** Progress while following, at most this often on a console someone watches: every 10 seconds. */
    public static final Duration CONSOLE_PROGRESS = Duration.ofSeconds(10);

    /** How much a line matters. */
    public enum Level {
        /** What happens, such as connected or following. */
        INFO,
        /** Something to look at that does not decide the check: reconnecting, a warning. */
        WARNING,
        /** A rule broken while following, or a source that could not be read. */
        ERROR
    }

    /** Where the lines go. */
    @FunctionalInterface
    public interface Sink {
        /**
         * Takes one line.
         *
         * @param level how much it matters
         * @param text the line, without a line end, safe to print
         */
        void line(Level level, String text);
    }

    private final Sink sink;
    private final Duration progressInterval;
    private final Clock clock;
    private boolean following;
    private Instant lastProgress;

    /**
     * @param sink where the lines go
     * @param progressInterval the least time between two progress lines ({@link Duration#ZERO}: every progress event,
     *     about once a second); progress is shown only while following, where a person (or a CI server that stops a
     *     silent build) may wonder whether anything happens, and it comes also while the log is quiet
     */
    public EventLog(Sink sink, Duration progressInterval) {
        this(sink, progressInterval, Clock.systemDefaultZone());
    }

    EventLog(Sink sink, Duration progressInterval, Clock clock) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.progressInterval = Objects.requireNonNull(progressInterval, "progressInterval");
        this.clock = clock;
    }

    @Override
    public void onEvent(CheckEvent event) {
        if (event instanceof CheckEvent.Connected connected) {
            say(Level.INFO, connected.source() + ": connected, " + connected.detail());
        } else if (event instanceof CheckEvent.Reconnecting reconnecting) {
            say(Level.WARNING, reconnecting.source() + ": " + reconnecting.reason() + "; reconnecting (attempt "
                    + reconnecting.attempt() + ")");
        } else if (event instanceof CheckEvent.FormatDetected detected) {
            say(Level.INFO, detected.source() + ": format " + detected.format() + " (recognised from "
                    + detected.parsed() + " of its first " + detected.sampled() + " lines)");
        } else if (event instanceof CheckEvent.Following follow) {
            following = true;
            say(Level.INFO, follow.source() + ": following until " + untilText(follow.until()));
        } else if (event instanceof CheckEvent.Progress progress) {
            progress(progress);
        } else if (event instanceof CheckEvent.Rotated rotated) {
            say(Level.INFO, rotated.source() + ": log rotated: " + rotated.how());
        } else if (event instanceof CheckEvent.Violation violation) {
            say(Level.ERROR, violation.source() + ": rule '" + violation.rule().name() + "' failed at "
                    + TextReport.describe(violation.hit()));
        } else if (event instanceof CheckEvent.Marked marked) {
            say(Level.INFO, marked.source() + ": " + marked.detail());
        } else if (event instanceof CheckEvent.Stopped stopped) {
            say(Level.INFO, stopped.source() + ": window ended by " + TextReport.describe(stopped.hit()));
        } else if (event instanceof CheckEvent.Finished finished && finished.verdict().error() != null) {
            say(Level.ERROR, finished.source() + ": " + finished.verdict().error());
        } else if (event instanceof CheckEvent.Warning warning) {
            say(Level.WARNING, (warning.source().isEmpty() ? "" : warning.source() + ": ") + "warning: "
                    + warning.message());
        }
    }

    private void progress(CheckEvent.Progress progress) {
        if (!following) {
            return;
        }
        Instant now = clock.instant();
        if (lastProgress != null && Duration.between(lastProgress, now).compareTo(progressInterval) < 0) {
            return;
        }
        lastProgress = now;
        say(Level.INFO, progress.source() + ": " + Wording.count(progress.lines())
                + (progress.lines() == 1 ? " line, " : " lines, ") + Wording.count(progress.inWindow())
                + (progress.inWindow() == 1 ? " hit" : " hits") + " in the window");
    }

    /** {@code 14:05:47 (2m)}, with the date when following ends on another day. */
    private String untilText(Instant until) {
        Instant now = clock.instant();
        boolean soon = until.isBefore(now.plus(Duration.ofHours(12)));
        ZoneId zone = clock.getZone();
        String at = DateTimeFormatter.ofPattern(soon ? "HH:mm:ss" : "yyyy-MM-dd HH:mm:ss").withZone(zone)
                .format(until);
        return at + " (" + Durations.format(Duration.between(now, until).plusMillis(500).withNanos(0)) + ")";
    }

    private void say(Level level, String text) {
        sink.line(level, Printable.clean(text));
    }
}
