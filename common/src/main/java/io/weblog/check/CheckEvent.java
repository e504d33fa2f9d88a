package io.weblog.check;

import io.weblog.format.Hit;
import io.weblog.rule.Rule;
import java.time.Instant;

/**
 * Something the engine has to say while a check runs. Events are data: each front door prints them in its own way
 * (the CLI on standard error, Maven through its log, Jenkins into the build log); the engine prints nothing.
 */
public sealed interface CheckEvent {

    /** The display name of the source the event is about. */
    String source();

    /**
     * A source was opened.
     *
     * @param source the source
     * @param detail what is read, such as a path and its size
     */
    record Opened(String source, String detail) implements CheckEvent {
    }

    /**
     * A remote source is connected and authenticated.
     *
     * @param source the source
     * @param detail how it is read (shell and tail, SFTP, weblog serve) and the host key it presented
     */
    record Connected(String source, String detail) implements CheckEvent {
    }

    /**
     * The connection to a remote source dropped; it is being made again, to resume where reading stopped.
     *
     * @param source the source
     * @param attempt the attempt about to be made, from 1
     * @param reason what happened to the connection
     */
    record Reconnecting(String source, int attempt, String reason) implements CheckEvent {
    }

    /**
     * No format was configured, and the first lines told which one it is.
     *
     * @param source the source
     * @param format the format's name
     * @param parsed how many of the sampled lines it parsed
     * @param sampled how many lines were sampled
     */
    record FormatDetected(String source, String format, int parsed, int sampled) implements CheckEvent {
    }

    /**
     * The source is now followed live.
     *
     * @param source the source
     * @param until when following ends
     */
    record Following(String source, Instant until) implements CheckEvent {
    }

    /**
     * How far reading has come; sent about once a second while reading a large log, and while following one, also
     * when it is quiet.
     *
     * @param source the source
     * @param lines lines read so far
     * @param bytes bytes read so far
     * @param inWindow hits in the window so far
     */
    record Progress(String source, long lines, long bytes, long inWindow) implements CheckEvent {
    }

    /**
     * The log was rotated while followed, and reading went on in the new file.
     *
     * @param source the source
     * @param how what was seen, such as "renamed; following the new file"
     */
    record Rotated(String source, String how) implements CheckEvent {
    }

    /**
     * While following, a hit took a {@code max} rule over its bound; the check fails without waiting for the end.
     *
     * @param source the source
     * @param rule the rule
     * @param hit the hit that broke it
     */
    record Violation(String source, Rule rule, Hit hit) implements CheckEvent {
    }

    /**
     * A hit in the window that the watch selector picked, as it is read.
     *
     * @param source the source
     * @param hit the hit
     */
    record Selected(String source, Hit hit) implements CheckEvent {
    }

    /**
     * A hit matched the stop-on selector and ended the window.
     *
     * @param source the source
     * @param hit the hit
     */
    record Stopped(String source, Hit hit) implements CheckEvent {
    }

    /**
     * A mark was sent, or its line seen in the log: the window starts or ends there.
     *
     * @param source the source
     * @param detail what happened, such as {@code mark sent: GET http://web1/health?weblog-mark=... (HTTP 200)}
     */
    record Marked(String source, String detail) implements CheckEvent {
    }

    /**
     * Something a person should know that does not stop the check.
     *
     * @param source the source, or {@code ""} for the check as a whole
     * @param message the warning
     */
    record Warning(String source, String message) implements CheckEvent {
    }

    /**
     * A source is done.
     *
     * @param source the source
     * @param verdict its verdict
     */
    record Finished(String source, SourceVerdict verdict) implements CheckEvent {
    }
}
