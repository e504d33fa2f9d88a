package io.weblog.check;

import java.io.Serializable;
import java.time.Duration;
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
 * @param baselineSince the start of the baseline the window is judged against, or {@code null} when there is none
 * @param baselineUntil the first instant after the baseline, or {@code null}
 * @param baselineHits how many hits the baseline held
 * @param startMarkLine the line number of the mark that started the window, or 0 when a mark did not start it
 * @param endMarkLine the line number of the mark that ended the window, or 0 when a mark did not end it
 * @param baselineFromMark whether the baseline ended at the start mark and was measured back from its time in the log
 * @param baselineResolution how finely the start of a baseline measured from the mark was placed: to the second, or
 *     wider for a long baseline; {@code null} when not measured from the mark
 */
public record ObservedWindow(Instant since, Instant until, Instant readFrom, Instant readUntil, Instant firstHit,
        Instant lastHit, Instant baselineSince, Instant baselineUntil, long baselineHits, long startMarkLine,
        long endMarkLine, boolean baselineFromMark, Duration baselineResolution) implements Serializable {

    /** A window judged on its own. */
    public ObservedWindow(Instant since, Instant until, Instant readFrom, Instant readUntil, Instant firstHit,
            Instant lastHit) {
        this(since, until, readFrom, readUntil, firstHit, lastHit, null, null, 0, 0, 0, false, null);
    }

    /** Whether the window was judged against a baseline before it. */
    public boolean hasBaseline() {
        return baselineSince != null;
    }
}
