package io.weblog.check;

import io.weblog.rule.Expectation;
import java.io.Serializable;
import org.HdrHistogram.Histogram;

/**
 * How a rule fared in the baseline, the time before the window that it is judged against, and, for a rule relative to
 * it ({@code max=+0.5%}, {@code max=2x}, {@code p95<=1.5x}), the judgement.
 *
 * <p>A relative rule fails only when the window is beyond the limit the baseline sets and chance alone is unlikely to
 * explain it: when the one-sided p-value is below the significance level. A share is tested with Fisher's exact test
 * of the window's hits against the baseline's hits raised to the limit; a percentile with the binomial test of how
 * many of the window's durations lie beyond the limit (at most 5% may lie above a p95 that holds).
 *
 * @param hits how many hits the baseline held
 * @param count how many of them the rule selected
 * @param share that count as a fraction of the baseline's hits (0 when it held none)
 * @param latency for a percentile rule, the duration at its percentile in the baseline, else {@code null}
 * @param windowHits how many hits the window held, which the rule's share in the window is of
 * @param allowed for a relative rule with something to compare with, the limit the baseline sets: a share as a
 *     fraction of 1, or a duration in microseconds; else {@code NaN}
 * @param beyond whether the window is beyond that limit
 * @param outside for a percentile rule beyond the limit, how many of the window's durations lie beyond it, else 0
 * @param pValue for a window beyond the limit, how likely chance alone would take it that far; else {@code NaN}
 * @param significance the p-value below which a rule fails
 */
public record BaselineComparison(long hits, long count, double share, Latency latency,
        long windowHits, double allowed, boolean beyond, long outside, double pValue, double significance)
        implements Serializable {

    /** Whether a relative rule had something to compare with: hits in the baseline, and for a percentile, durations. */
    public boolean isCompared() {
        return !Double.isNaN(allowed);
    }

    /** Whether the window is beyond the limit by more than chance explains: a relative rule then fails. */
    public boolean isSignificant() {
        return beyond && pValue < significance;
    }

    /** Whether the baseline held no hits at all. */
    public boolean isEmpty() {
        return hits == 0;
    }

    /**
     * Compares a rule's window with its baseline, on one source or over several.
     *
     * @param expectation the rule's expectation; only a relative one is judged
     * @param count the hits the rule selected in the window
     * @param inWindow all hits in the window
     * @param durations the durations of the selected hits in the window, for a percentile rule, else {@code null}
     * @param baseCount the hits the rule selected in the baseline
     * @param baseHits all hits in the baseline
     * @param baseDurations the durations of the selected hits in the baseline, for a percentile rule
     * @param significance the p-value below which a rule fails
     */
    static BaselineComparison of(Expectation expectation, long count, long inWindow, Histogram durations,
            long baseCount, long baseHits, Histogram baseDurations, double significance) {
        double baseShare = Expectation.share(baseCount, baseHits);
        Latency baseLatency = baseDurations == null ? null
                : Percentiles.latency(baseDurations, expectation.percentile());
        double allowed = Double.NaN;
        boolean beyond = false;
        double pValue = Double.NaN;
        long outside = 0;
        boolean max = expectation.bound() == Expectation.Bound.MAX;
        if (!expectation.isRelative() || baseHits == 0) {
            return new BaselineComparison(baseHits, baseCount, baseShare, baseLatency, inWindow, allowed, false,
                    outside, pValue, significance);
        }
        if (expectation.measure() == Expectation.Measure.PERCENTILE) {
            if (baseLatency.isMeasured()) {
                allowed = Math.max(0, expectation.limitAfter(baseLatency.valueMicros()));
                long limit = (long) Math.floor(allowed);
                long measured = durations.getTotalCount();
                Latency latency = Percentiles.latency(durations, expectation.percentile());
                beyond = latency.isMeasured() && (max ? latency.valueMicros() > allowed
                        : latency.valueMicros() < allowed);
                if (beyond) {
                    outside = max ? measured - durations.getCountBetweenValues(0, limit)
                            : limit == 0 ? 0 : durations.getCountBetweenValues(0, (long) Math.ceil(allowed) - 1);
                    double expectedOutside = max ? 1 - expectation.percentile() / 100 : expectation.percentile() / 100;
                    pValue = Significance.moreAboveThan(outside, measured, expectedOutside);
                }
            }
        } else {
            allowed = Math.min(1, Math.max(0, expectation.limitAfter(baseShare)));
            beyond = inWindow > 0 && (max ? count > allowed * inWindow : count < allowed * inWindow);
            if (beyond) {
                double allowedInBaseline = allowed * baseHits;
                pValue = max
                        ? Significance.shareRose(count, inWindow,
                                Math.min(baseHits, (long) Math.ceil(allowedInBaseline - 1e-9)), baseHits)
                        : Significance.shareRose((long) Math.floor(allowedInBaseline + 1e-9), baseHits, count,
                                inWindow);
            }
        }
        return new BaselineComparison(baseHits, baseCount, baseShare, baseLatency, inWindow, allowed, beyond,
                outside, pValue, significance);
    }
}
