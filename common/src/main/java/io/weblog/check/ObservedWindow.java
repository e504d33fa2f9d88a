package io.weblog.check;

import java.io.Serializable;
import java.time.Instant;

/**
 * The window as it was actually observed.
 *
 * @param since the requested start, or {@code null} for the beginning of the log (or the start of following)
 * @param until the requested end, or {@code null}
 * @param readFrom when reading started (wall clock)
 * @param readUntil when reading stopped (wall clock)
 * @param firstHit the time of the earliest hit in the window, or {@code null}
 * @param lastHit the time of the latest hit in the window, or {@code null}
 */
public record ObservedWindow(Instant since, Instant until, Instant readFrom, Instant readUntil, Instant firstHit,
        Instant lastHit) implements Serializable {
}
