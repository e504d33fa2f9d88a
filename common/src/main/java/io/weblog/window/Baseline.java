package io.weblog.window;

import io.weblog.ConfigException;
import io.weblog.Setting;
import java.time.Duration;
import java.time.Instant;

/**
 * The time before a window that it is judged against, read from the same log in the same check: the same length of
 * time just before the window ({@code before}), a given length just before it ({@code 1h}), or fixed bounds
 * ({@code 2024-10-10T10:00:00Z..2024-10-10T11:00:00Z}, or durations ago such as {@code 2h..1h}).
 *
 * @param text the baseline as written
 * @param length how long before the window it reaches, or {@code null} for as long as the window, or for fixed bounds
 * @param since the fixed start, or {@code null}
 * @param until the fixed end, or {@code null}
 */
public record Baseline(String text, Duration length, TimeBound since, TimeBound until) {

    /**
     * Parses a baseline: {@code before}, a duration, or {@code WHEN..WHEN}.
     *
     * @throws ConfigException for {@link Setting#BASELINE}, naming what was expected
     */
    public static Baseline parse(String text) throws ConfigException {
        if (text == null || text.isBlank()) {
            throw ConfigException.of(Setting.BASELINE, text, "expected before, a duration such as 1h, or "
                    + "WHEN..WHEN");
        }
        String trimmed = text.strip();
        if (trimmed.equalsIgnoreCase("before")) {
            return new Baseline(trimmed, null, null, null);
        }
        int dots = trimmed.indexOf("..");
        if (dots >= 0) {
            TimeBound since = TimeBound.parse(trimmed.substring(0, dots), Setting.BASELINE);
            TimeBound until = TimeBound.parse(trimmed.substring(dots + 2), Setting.BASELINE);
            Instant now = Instant.now();
            if (!since.resolve(now).isBefore(until.resolve(now))) {
                throw ConfigException.of(Setting.BASELINE, text, "the baseline ends before it starts");
            }
            return new Baseline(trimmed, null, since, until);
        }
        Duration length = Durations.parse(trimmed, Setting.BASELINE);
        if (length.isZero()) {
            throw ConfigException.of(Setting.BASELINE, text, "a baseline of no time holds no hit; expected such as 1h");
        }
        return new Baseline(trimmed, length, null, null);
    }

    /**
     * The baseline's bounds for a window, or {@code null} when the window has no start to be before (a whole log).
     * A window followed from when the check starts begins then.
     *
     * @param window the window, resolved at the start of the check
     */
    public Interval resolve(Window.Resolved window) {
        if (since != null) {
            return new Interval(since.resolve(window.started()), until.resolve(window.started()));
        }
        Instant start = window.since() != null ? window.since()
                : window.followUntil() != null ? window.started() : null;
        if (start == null) {
            return null;
        }
        Instant end = window.until() != null ? window.until()
                : window.followUntil() != null ? window.followUntil() : window.started();
        Duration before = length != null ? length : Duration.between(start, end);
        return new Interval(start.minus(before), start);
    }

    /** Whether the baseline has fixed bounds rather than a place just before the window. */
    public boolean isFixed() {
        return since != null;
    }

    @Override
    public String toString() {
        return text;
    }

    /**
     * A stretch of time.
     *
     * @param since its first instant
     * @param until the first instant after it
     */
    public record Interval(Instant since, Instant until) {
    }
}
