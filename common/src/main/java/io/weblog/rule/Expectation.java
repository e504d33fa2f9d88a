package io.weblog.rule;

import io.weblog.window.Durations;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * What a rule expects of the hits its selector picks: at most or at least a number of them ({@code max=0},
 * {@code min=5}), a share of all hits in the window ({@code max=0.5%}), or a percentile of how long the server took
 * for them ({@code p95<=300ms}).
 *
 * @param bound whether the limit is an upper or a lower one
 * @param measure what is measured
 * @param limit the count, the share as a fraction of 1 (0.5% is 0.005), or the duration in microseconds; against a
 *     baseline, the points a share may rise by (as a fraction), the microseconds a percentile may rise by, or the
 *     factor either may grow by
 * @param text the expectation as written
 * @param percentile for a {@link Measure#PERCENTILE}, which one (95 for p95), else 0
 * @param relation whether the limit is absolute or relative to the baseline window
 */
public record Expectation(Bound bound, Measure measure, double limit, String text, double percentile,
        Relation relation) {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);


    /** An upper or a lower limit. */
    public enum Bound {
        /** At most. */
        MAX,
        /** At least. */
        MIN
    }

    /** What an expectation measures. */
    public enum Measure {
        /** The number of selected hits. */
        COUNT,
        /** The selected hits as a share of all hits in the window. */
        SHARE,
        /** A percentile of the logged durations of the selected hits. */
        PERCENTILE
    }

    /** How the limit relates to what was measured before the window. */
    public enum Relation {
        /** A fixed limit: {@code max=0.5%}, {@code p95<=300ms}. */
        ABSOLUTE,
        /** The baseline's value plus the limit: {@code max=+0.5%} (points), {@code p95<=+100ms}. */
        PLUS,
        /** The baseline's value times the limit: {@code max=2x}, {@code p95<=1.5x}. */
        TIMES
    }

    /** An absolute expectation of a count or a share. */
    public Expectation(Bound bound, Measure measure, double limit, String text) {
        this(bound, measure, limit, text, 0, Relation.ABSOLUTE);
    }

    /** At most ({@code p95<=300ms}) or at least a duration at a percentile, absolute or relative to the baseline. */
    public static Expectation percentile(Bound bound, double percentile, double limit, String text,
            Relation relation) {
        return new Expectation(bound, Measure.PERCENTILE, limit, text, percentile, relation);
    }

    /** At most ({@code max=+0.5%}, {@code max=2x}) or at least a share relative to the baseline's. */
    public static Expectation relativeShare(Bound bound, double limit, String text, Relation relation) {
        return new Expectation(bound, Measure.SHARE, limit, text, 0, relation);
    }

    /** Whether the limit is relative to the baseline window, which is then needed to judge it. */
    public boolean isRelative() {
        return relation != Relation.ABSOLUTE;
    }

    /**
     * The limit for a value measured before the window: the baseline's value plus the points or microseconds, or
     * times the factor; the absolute limit itself when it is absolute.
     */
    public double limitAfter(double baseline) {
        return switch (relation) {
            case ABSOLUTE -> limit;
            case PLUS -> bound == Bound.MAX ? baseline + limit : baseline - limit;
            case TIMES -> baseline * limit;
        };
    }

    /** At most {@code n} hits. */
    public static Expectation maxCount(long n) {
        return new Expectation(Bound.MAX, Measure.COUNT, n, "max=" + n);
    }

    /** At least {@code n} hits. */
    public static Expectation minCount(long n) {
        return new Expectation(Bound.MIN, Measure.COUNT, n, "min=" + n);
    }

    /**
     * Whether the measured value meets the limit. A share is compared exactly, as {@code count * 100} against the
     * percentage as written times the total, so no rounding can pass 1 of 3 against {@code max=33.333333333333%}.
     */
    public boolean holds(long count, long total) {
        if (measure == Measure.PERCENTILE || isRelative()) {
            throw new IllegalStateException("a percentile or a comparison with the baseline is not judged by counts");
        }
        if (measure == Measure.COUNT) {
            return bound == Bound.MAX ? count <= limit : count >= limit;
        }
        int comparison = BigDecimal.valueOf(count).multiply(HUNDRED)
                .compareTo(percentAsWritten().multiply(BigDecimal.valueOf(total)));
        return bound == Bound.MAX ? comparison <= 0 : comparison >= 0;
    }

    private BigDecimal percentAsWritten() {
        int equals = text.indexOf('=');
        int percent = text.lastIndexOf('%');
        if (equals >= 0 && percent > equals) {
            try {
                return new BigDecimal(text.substring(equals + 1, percent));
            } catch (NumberFormatException e) {
                return BigDecimal.valueOf(limit).multiply(HUNDRED);
            }
        }
        return BigDecimal.valueOf(limit).multiply(HUNDRED);
    }

    /**
     * Whether a percentile expectation holds for the duration measured at its percentile, or for none measured (no
     * selected hit logged a duration): an upper bound then holds, as nothing exceeded it, and a lower bound fails.
     *
     * @param valueMicros the duration at the percentile in microseconds, or a negative number when none was measured
     */
    public boolean holdsAt(long valueMicros) {
        if (valueMicros < 0) {
            return bound == Bound.MAX;
        }
        return bound == Bound.MAX ? valueMicros <= limit : valueMicros >= limit;
    }

    /**
     * Whether a live check can stop judging this rule early: a {@code max=N} count that is exceeded can never hold
     * again, and a {@code min=N} count that is reached can never fail again. Shares can move either way.
     */
    public boolean isDecidedBy(long count) {
        if (measure != Measure.COUNT || isRelative()) {
            return false;
        }
        return bound == Bound.MAX ? count > limit : count >= limit;
    }

    /** Whether this is an upper limit on a count, which the first hit over it decides. */
    public boolean isMaxCount() {
        return bound == Bound.MAX && measure == Measure.COUNT;
    }

    /** Whether this is a lower limit on a count, which is met once and for all. */
    public boolean isMinCount() {
        return bound == Bound.MIN && measure == Measure.COUNT;
    }

    /** The share {@code count / total}, 0 for an empty window. */
    public static double share(long count, long total) {
        return total == 0 ? 0 : (double) count / total;
    }

    /** The limit as written: a whole count, a percentage without trailing zeros, or a duration. */
    public String limitText() {
        if (isRelative()) {
            return text.substring(text.indexOf('=') + 1);
        }
        if (measure == Measure.PERCENTILE) {
            return Durations.format(Duration.ofNanos((long) limit * 1000));
        }
        if (measure == Measure.COUNT) {
            return Long.toString((long) limit);
        }
        return BigDecimal.valueOf(limit * 100).stripTrailingZeros().toPlainString() + "%";
    }

    @Override
    public String toString() {
        return text;
    }
}
