package io.weblog.check;

import io.weblog.rule.Expectation;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How a rule fared in the baseline, the time before the window that it is judged against, and, for a rule relative to
 * it ({@code max=+0.5%}, {@code max=2x}, {@code p95<=1.5x}), the judgement.
 *
 * <p>A relative rule fails only when the window is beyond the limit the baseline sets and chance alone is unlikely to
 * explain it: when the one-sided p-value is below the significance level. A share's rise in points ({@code max=+0.5%})
 * is tested with Fisher's exact test of the window's hits against the baseline's hits raised by the points; its growth
 * by a factor ({@code max=2x}) with the exact conditional test of the ratio of the two rates. A percentile
 * ({@code p95<=1.5x}) fails only when both the binomial test of how many of the window's durations lie beyond the
 * limit (at most 5% may lie above a p95 that holds) and Fisher's test of that count against the baseline's count beyond
 * the same limit say so, so that neither a rise past a limit measured too low in a small baseline nor a window as slow
 * as a slow baseline fails a release (the larger of the two p-values is the one reported).
 *
 * @param hits how many hits the baseline held
 * @param count how many of them the rule selected
 * @param share that count as a fraction of the baseline's hits (0 when it held none)
 * @param latency for a percentile rule, the duration at its percentile in the baseline, else {@code null}
 * @param windowHits how many hits the window held, which the rule's share in the window is of
 * @param allowed for a relative rule with something to compare with, the limit the baseline sets: a share as a
 *     fraction of 1, or a duration in microseconds; else {@code NaN}
 * @param beyond whether the window is beyond that limit
 * @param outside for a percentile rule, how many of the window's durations lie beyond the limit, else 0
 * @param outsideBefore for a percentile rule, how many of the baseline's durations lie beyond the limit, else 0
 * @param pValue for a window beyond the limit, how likely chance alone would take it that far; else {@code NaN}
 * @param adjustedPValue that p-value adjusted for the other rules relative to the baseline in the same check (Holm's
 *     method), so that several rules fail a release that is as good as before no more often together than the
 *     significance level says; the p-value itself when the rule is the only one; else {@code NaN}
 * @param family how many rules relative to the baseline were tested together (those with something to compare with)
 * @param significance the adjusted p-value below which a rule fails
 * @param overAllLogs whether this is one log's part of a rule judged over several logs together, whose judgement the
 *     log's result carries
 */
public record BaselineComparison(long hits, long count, double share, Latency latency,
        long windowHits, double allowed, boolean beyond, long outside, long outsideBefore, double pValue,
        double adjustedPValue, int family, double significance, boolean overAllLogs)
        implements Serializable {

    /** Whether a relative rule had something to compare with: hits in the baseline, and for a percentile, durations. */
    public boolean isCompared() {
        return !Double.isNaN(allowed);
    }

    /**
     * Whether the window is beyond the limit by more than chance explains, with the p-value adjusted for the other
     * rules tested together: a relative rule then fails.
     */
    public boolean isSignificant() {
        return beyond && adjustedPValue < significance;
    }

    /**
     * Holm's method over the rules relative to the baseline of one check: the rules with something to compare with
     * form the family; their p-values (1 for a rule not beyond its limit) are sorted, the k-th smallest of m is
     * multiplied by m - k + 1, and each adjusted value is at least the one before it. Rejecting where the adjusted
     * value is below the significance level fails a release as good as before with at most that probability, however
     * many rules it has, while a real rise in one rule still stands out.
     *
     * @param comparisons one per rule, {@code null} for a rule judged without the baseline
     * @return the same, with adjusted p-values and the family's size
     */
    static List<BaselineComparison> adjustedTogether(List<BaselineComparison> comparisons) {
        List<Integer> family = new ArrayList<>();
        for (int i = 0; i < comparisons.size(); i++) {
            BaselineComparison comparison = comparisons.get(i);
            if (comparison != null && comparison.isCompared()) {
                family.add(i);
            }
        }
        family.sort(Comparator.comparingDouble(i -> comparisons.get(i).tested()));
        List<BaselineComparison> adjusted = new ArrayList<>(comparisons);
        int m = family.size();
        double highest = 0;
        for (int k = 0; k < m; k++) {
            BaselineComparison comparison = comparisons.get(family.get(k));
            highest = Math.max(highest, Math.min(1, (m - k) * comparison.tested()));
            adjusted.set(family.get(k), comparison.adjusted(comparison.beyond ? highest : Double.NaN, m));
        }
        return adjusted;
    }

    /** The p-value that takes part in Holm's method: 1 for a rule not beyond its limit, which chance explains fully. */
    private double tested() {
        return beyond ? pValue : 1;
    }

    private BaselineComparison adjusted(double adjusted, int familySize) {
        return new BaselineComparison(hits, count, share, latency, windowHits, allowed, beyond, outside, outsideBefore,
                pValue, adjusted, familySize, significance, overAllLogs);
    }

    /**
     * Whether a rule relative to the baseline held: unless the window is significantly beyond the limit the baseline
     * sets. With nothing to compare with (no hit in the baseline, or for a percentile measured in the window no
     * duration before it) it fails, as an empty window does, unless an empty window is allowed.
     *
     * @param latency the rule's percentile in the window, or {@code null} for a share
     */
    boolean holds(Latency latency, boolean emptyAllowed) {
        if (isEmpty() || latency != null && latency.isMeasured() && !isCompared()) {
            return emptyAllowed;
        }
        return !isSignificant();
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
    static BaselineComparison of(Expectation expectation, long count, long inWindow, DurationCounts durations,
            long baseCount, long baseHits, DurationCounts baseDurations, double significance) {
        double baseShare = Expectation.share(baseCount, baseHits);
        Latency baseLatency = baseDurations == null ? null : baseDurations.latency(expectation.percentile());
        double allowed = Double.NaN;
        boolean beyond = false;
        double pValue = Double.NaN;
        long outside = 0;
        long outsideBefore = 0;
        boolean max = expectation.bound() == Expectation.Bound.MAX;
        if (expectation.isRelative() && baseHits > 0 && expectation.measure() == Expectation.Measure.PERCENTILE) {
            if (baseLatency.isMeasured()) {
                allowed = Math.max(0, expectation.limitAfter(baseLatency.valueMicros()));
                long limit = Math.round(allowed);
                long measured = durations.total();
                double mayLieBeyond = max ? 1 - expectation.percentile() / 100 : expectation.percentile() / 100;
                outside = beyond(durations, limit, max);
                outsideBefore = beyond(baseDurations, limit, max);
                beyond = measured > 0 && outside > mayLieBeyond * measured;
                if (beyond) {
                    pValue = Math.max(Significance.moreAboveThan(outside, measured, mayLieBeyond),
                            Significance.shareRose(outside, measured, outsideBefore, baseDurations.total()));
                }
            }
        } else if (expectation.isRelative() && baseHits > 0) {
            allowed = Math.min(1, Math.max(0, expectation.limitAfter(baseShare)));
            beyond = inWindow > 0 && (max ? count > allowed * inWindow : count < allowed * inWindow);
            if (beyond) {
                pValue = shareBeyond(expectation, count, inWindow, baseCount, baseHits, allowed);
            }
        }
        return new BaselineComparison(baseHits, baseCount, baseShare, baseLatency, inWindow, allowed, beyond,
                outside, outsideBefore, pValue, pValue, expectation.isRelative() && !Double.isNaN(allowed) ? 1 : 0,
                significance, false);
    }

    /** This comparison as one log's part of a rule judged over several logs together. */
    BaselineComparison asPartOfAll() {
        return new BaselineComparison(hits, count, share, latency, windowHits, allowed, beyond, outside, outsideBefore,
                pValue, adjustedPValue, family, significance, true);
    }

    /** How many durations lie beyond the limit: above it for an upper bound, below it for a lower one. */
    private static long beyond(DurationCounts durations, long limit, boolean max) {
        return max ? durations.countAbove(limit) : durations.countBelow(limit);
    }

    /**
     * How likely a share this far beyond the limit is by chance: for points, Fisher's exact test against the
     * baseline's hits moved by the points; for a factor, the conditional test of the ratio of the two rates (given
     * the selected hits of both, how many fell in the window when its rate is the factor times the baseline's).
     */
    private static double shareBeyond(Expectation expectation, long count, long inWindow, long baseCount,
            long baseHits, double allowed) {
        boolean max = expectation.bound() == Expectation.Bound.MAX;
        if (expectation.relation() == Expectation.Relation.TIMES) {
            long both = count + baseCount;
            double windowPart = expectation.limit() * inWindow / (expectation.limit() * inWindow + baseHits);
            return max ? Significance.moreAboveThan(count, both, windowPart)
                    : Significance.moreAboveThan(both - count, both, 1 - windowPart);
        }
        double allowedInBaseline = allowed * baseHits;
        if (max) {
            long raised = Math.min(baseHits, (long) Math.ceil(allowedInBaseline - 1e-9));
            return Significance.shareRose(count, inWindow, raised, baseHits);
        }
        return Significance.shareRose((long) Math.floor(allowedInBaseline + 1e-9), baseHits, count, inWindow);
    }
}
