package io.weblog.check;

import org.HdrHistogram.Histogram;

/** The histograms that percentiles of durations are read from: bounded in memory, within 1% of the exact value. */
final class Percentiles {
    /** Two significant digits: every value is kept within 1% of itself, in a few KiB whatever the count. */
    private static final int SIGNIFICANT_DIGITS = 2;

    private Percentiles() {
    }

    /** An empty histogram of durations in microseconds, growing to the largest one recorded. */
    static Histogram histogram() {
        return new Histogram(SIGNIFICANT_DIGITS);
    }

    /** The percentile of the recorded durations. */
    static Latency latency(Histogram histogram, double percentile) {
        long measured = histogram.getTotalCount();
        return new Latency(percentile, measured == 0 ? -1 : histogram.getValueAtPercentile(percentile), measured);
    }
}
