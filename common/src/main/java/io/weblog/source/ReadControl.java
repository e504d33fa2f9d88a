package io.weblog.source;

import java.time.Instant;

/** What a reader needs from the check while it reads: when to stop, and where to report what it sees. */
public interface ReadControl {

    /**
     * The start of the window, or {@code null}: a reader may skip what lies surely before it (a remote reader reads
     * only the end of a large log), and a followed log is read from its start rather than its end when it is set.
     */
    Instant since();

    /** When following ends, or {@code null} when the source is read once and not followed. */
    Instant followUntil();

    /** Whether the check no longer needs this source (cancelled, or decided elsewhere). */
    boolean cancelled();

    /** Called after bytes were read; the check decides how often to tell anyone. */
    void progress(long bytesRead, long linesRead);

    /** The followed log was rotated; {@code how} says what was seen and done. */
    void rotated(String how);

    /** A followed log has no new data right now. */
    void idle();

    /** Something a person should know. */
    void warn(String message);
}
