package io.weblog.check;

import io.weblog.rule.Expectation;
import java.io.Serializable;

/**
 * A percentile of how long the server took for a rule's hits, from the durations the log holds: the nearest-rank
 * percentile, the smallest logged duration with at least that share of the durations at or below it.
 *
 * <p>It is exact, a duration the log holds at its own resolution, as long as the durations are few enough to count
 * each distinct one ({@link DurationCounts}); past that, or where a log store measured it with its own histogram, it
 * is known within a stated resolution only: the true value lies between {@code lowMicros} and {@code highMicros}, and
 * a bound within that range is not taken as broken.
 *
 * @param percentile which percentile, such as 95
 * @param valueMicros the duration at that percentile in microseconds, or -1 when no selected hit logged a duration
 * @param measured how many selected hits logged a duration
 * @param approximation {@code null} when the value is exactly a logged duration; else why and how closely it is known,
 *     worded for a report ({@code within 1%: more distinct durations than are counted one by one, 524,288})
 * @param lowMicros the least the true value can be (the value itself when exact)
 * @param highMicros the most the true value can be (the value itself when exact)
 */
public record Latency(double percentile, long valueMicros, long measured, String approximation, long lowMicros,
        long highMicros) implements Serializable {
    /** How many distinct durations of a rule on a log are counted one by one, so that its percentiles are exact. */
    public static final int EXACT_DISTINCT_DURATIONS = 1 << 19;

    /** An exact percentile: a duration the log holds. */
    public static Latency exact(double percentile, long valueMicros, long measured) {
        return new Latency(percentile, valueMicros, measured, null, valueMicros, valueMicros);
    }

    /**
     * A percentile known only within a range, such as one a log store measured with its HDR histogram.
     *
     * @param approximation why and how closely it is known, worded for a report
     */
    public static Latency approximate(double percentile, long valueMicros, long measured, long lowMicros,
            long highMicros, String approximation) {
        return measured == 0 ? none(percentile)
                : new Latency(percentile, valueMicros, measured, approximation, lowMicros, highMicros);
    }

    /** No duration measured. */
    public static Latency none(double percentile) {
        return new Latency(percentile, -1, 0, null, -1, -1);
    }

    /** Whether the value is exactly a logged duration, not known within a resolution only. */
    public boolean exact() {
        return approximation == null;
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
