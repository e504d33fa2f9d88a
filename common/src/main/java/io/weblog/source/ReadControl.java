package io.weblog.source;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** What a reader needs from the check while it reads: when to stop, and where to report what it sees. */
public interface ReadControl {

    /**
     * The start of the window, or {@code null}: a reader may skip what lies surely before it (a remote reader reads
     * only the end of a large log), and a followed log is read from its start rather than its end when it is set.
     */
    Instant since();

    /**
     * How far back from the log's own latest hit a followed log without a {@link #since()} is read first, or
     * {@code null} to start at its end: for a window that starts at a mark, whose baseline is measured in the log's own
     * times, which may disagree with this machine's clock.
     */
    default Duration lookBack() {
        return null;
    }

    /**
     * The end of the window, or {@code null}: a reader that can ask its source for a range (a log store) reads no
     * further.
     */
    default Instant until() {
        return null;
    }

    /** When following ends, or {@code null} when the source is read once and not followed. */
    Instant followUntil();

    /**
     * Whether a followed window's hits are told by their time alone (it starts at {@link #since()}, not at a mark), so
     * that a reader that connects only after following should have ended can still judge it: it reads back what the
     * log holds from the start instead of following, and only the lines stamped in the window count. A slow login
     * (reverse DNS, PAM, a jump host) then costs time, not the window. By default, whenever there is a start.
     */
    default boolean readableAfterTheWindow() {
        return since() != null;
    }

    /** Whether the check no longer needs this source (cancelled, or decided elsewhere). */
    boolean cancelled();

    /** Called after bytes were read; the check decides how often to tell anyone. */
    void progress(long bytesRead, long linesRead);

    /** The followed log was rotated; {@code how} says what was seen and done. */
    void rotated(String how);

    /**
     * A followed log has no new data right now.
     *
     * @return {@code false} when reading should stop: the lines held back until now decided the outcome
     */
    boolean idle();

    /** Something a person should know. */
    void warn(String message);

    /** A remote source is connected; {@code detail} says how it is read. */
    default void connected(String detail) {
    }

    /** The connection dropped and is being made again. */
    default void reconnecting(int attempt, String reason) {
    }

    /**
     * The earliest and latest request time among these lines, parsed with the check's format (or the one they are
     * recognised to be in), or {@code null} when none is a hit with a time. Lets a remote reader find where in a large
     * log a window starts without reading all of it. By default nothing is known, and such a reader reads it all.
     */
    default TimeRange hitTimes(List<byte[]> lines) {
        return null;
    }

    /**
     * The earliest and latest time of some hits.
     *
     * @param earliest the earliest
     * @param latest the latest
     */
    record TimeRange(Instant earliest, Instant latest) {
    }
}
