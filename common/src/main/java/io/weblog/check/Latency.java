package io.weblog.check;

import io.weblog.rule.Expectation;
import java.io.Serializable;

/**
 * A percentile of how long the server took for a rule's hits, from the durations the log holds: the nearest-rank
 * percentile, the smallest logged duration with at least that share of the durations at or below it.
 *
 * <p>It is exact, a duration the log holds at its own resolution, as long as the durations are few enough to count
 * each distinct one ({@link DurationCounts}); past that it is known within 1% only: the true value lies between
 * {@code lowMicros} and {@code highMicros}, and a bound within that range is not taken as broken.
 *
 * @param percentile which percentile, such as 95
 * @param valueMicros the duration at that percentile in microseconds, or -1 when no selected hit logged a duration
 * @param measured how many selected hits logged a duration
 * @param exact whether the value is exactly a logged duration; else it is within 1%
 * @param lowMicros the least the true value can be (the value itself when exact)
 * @param highMicros the most the true value can be (the value itself when exact)
 */
public record Latency(double percentile, long valueMicros, long measured, boolean exact, long lowMicros,
        long highMicros) implements Serializable {
    /** How many distinct durations of a rule on a log are counted one by one, so that its percentiles are exact. */
    public static final int EXACT_DISTINCT_DURATIONS = 1 << 19;

    /** An exact percentile: a duration the log holds. */
    public static Latency exact(double percentile, long valueMicros, long measured) {
        return new Latency(percentile, valueMicros, measured, true, valueMicros, valueMicros);
    }

    /** No duration measured. */
    public static Latency none(double percentile) {
        return new Latency(percentile, -1, 0, true, -1, -1);
    }

    /**
     * Whether a percentile expectation holds: judged on the exact value, or where it is known within 1% only, broken
     * only when the whole range the true value can lie in is beyond the bound. Nothing measured breaks no upper bound.
     */
    public boolean meets(Expectation expectation) {
        if (!isMeasured()) {
            return expectation.holdsAt(-1);
        }
        return expectation.holdsAt(expectation.bound() == Expectation.Bound.MAX ? lowMicros : highMicros);
    }

    /** Whether any duration was measured. */
    public boolean isMeasured() {
        return measured > 0;
    }
}
