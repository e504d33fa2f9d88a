package io.weblog.window;

import io.weblog.rule.Selector;
import java.time.Duration;
import java.time.Instant;

/**
 * Which hits count: those from {@code since} (inclusive) to {@code until} (exclusive), read back from the log, and
 * those that arrive while the log is followed live for {@code follow}; a hit matching {@code stopOn} ends the window
 * (the classic "kill URL"). Each part is optional; with none, a file is read whole.
 *
 * @param since the start, or {@code null} for the beginning of the log (or, when following, for "now")
 * @param until the end, or {@code null}
 * @param follow how long to follow the log live, or {@code null} to read what is there and stop
 * @param stopOn the hit that ends the window, or {@code null}
 * @param baseline the time before the window that it is judged against, or {@code null}
 * @param mark the request whose line starts the followed window (and whose second ends it), or {@code null}
 */
public record Window(TimeBound since, TimeBound until, Duration follow, Selector stopOn, Baseline baseline,
        Mark mark) {

    /** The whole log, read once. */
    public static Window whole() {
        return new Window(null, null, null, null, null, null);
    }

    /** Whether the log is followed live. */
    public boolean isLive() {
        return follow != null;
    }

    /** This window's bounds as instants, for a check starting at {@code now}. */
    public Resolved resolve(Instant now) {
        Resolved window = new Resolved(since == null ? null : since.resolve(now),
                until == null ? null : until.resolve(now), follow == null ? null : now.plus(follow), now, null);
        return baseline == null ? window : new Resolved(window.since(), window.until(), window.followUntil(), now,
                baseline.resolve(window));
    }

    /**
     * A window's bounds as instants.
     *
     * @param since the first instant that counts, or {@code null}
     * @param until the first instant that no longer counts, or {@code null}
     * @param followUntil when following ends, or {@code null} when not following
     * @param started when the check started
     * @param baseline the baseline's bounds, or {@code null} when the window is judged on its own
     */
    public record Resolved(Instant since, Instant until, Instant followUntil, Instant started,
            Baseline.Interval baseline) {
    }
}
