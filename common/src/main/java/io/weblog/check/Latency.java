package io.weblog.check;

import java.io.Serializable;

/**
 * A percentile of how long the server took for a rule's hits, from the durations the log holds.
 *
 * <p>It is computed in bounded memory with HdrHistogram at two significant digits, so the value is within 1% of the
 * exact percentile of the logged durations (the smallest logged value at or above that rank).
 *
 * @param percentile which percentile, such as 95
 * @param valueMicros the duration at that percentile in microseconds, or -1 when no selected hit logged a duration
 * @param measured how many selected hits logged a duration
 */
public record Latency(double percentile, long valueMicros, long measured) implements Serializable {

    /** Whether any duration was measured. */
    public boolean isMeasured() {
        return measured > 0;
    }
}
