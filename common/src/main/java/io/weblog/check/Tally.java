package io.weblog.check;

import io.weblog.format.Hit;
import io.weblog.rule.Expectation;
import io.weblog.rule.Rule;
import java.util.ArrayList;
import java.util.List;

/**
 * What has been counted so far for one source, or for one part of a file read in parallel. Parts are merged in file
 * order with {@link #absorb}, which renumbers the later part's lines. Not thread-safe.
 */
final class Tally {
    private static final long FAR_BEFORE_MILLIS = 5 * 60_000;
    private static final long FAR_AFTER_MILLIS = 60_000;
    final List<Rule> rules;
    final int samplesCap;
    final boolean groupAll;
    long bytes;
    long read;
    long malformed;
    long tooLong;
    /** Hits before the window: stamped before its start, or logged before its start mark (the mark's among them). */
    long beforeWindow;
    long inWindow;
    /** Hits after the window: stamped at or after its end, or the end mark or stop-on hit that ended it. */
    long afterWindow;
    long firstHitMillis = Long.MAX_VALUE;
    long lastHitMillis = Long.MIN_VALUE;
    final long[] counts;
    final List<List<Hit>> samples;
    /** The samples of each percentile rule: its slowest (or fastest) hits; {@code null} for other rules. */
    final ExtremeHits[] extremes;
    /** The durations of each percentile rule's hits; {@code null} for other rules. */
    final DurationCounts[] durations;
    /**
     * Each percentile rule's percentile where a log store measured it rather than the durations being recorded here;
     * {@code null} for others.
     */
    final Latency[] measured;
    /** Each rule's hits by path, for the rules that group them; {@code null} for others. */
    final PathGroups.Builder[] groups;
    /** What the baseline held, or {@code null} when the window is judged on its own. */
    final BaselineTally baseline;
    final List<MalformedLine> malformedSamples = new ArrayList<>();
    final TimelineBuilder timeline;
    /** The baseline of a window that starts at a mark, counted until the mark arrives; else {@code null}. */
    MarkedBaseline markedBaseline;
    EndReason decided;
    /** How many lines arrived live stamped far from the time they were read, as by a server whose clock is off. */
    long offClock;
    /** How many of those fell outside the window. */
    long offClockOutside;
    /** The sum of their offsets from the time they were read, in milliseconds. */
    long offClockMillis;

    /**
     * @param rules the rules
     * @param samplesCap how many samples and malformed lines to keep
     * @param groupAll whether every rule's hits are grouped by path, not only those of rules that can fail by them
     * @param withBaseline whether hits in a baseline before the window are counted too
     */
    Tally(List<Rule> rules, int samplesCap, boolean groupAll, boolean withBaseline) {
        this.rules = rules;
        this.baseline = withBaseline ? new BaselineTally(rules) : null;
        this.samplesCap = samplesCap;
        this.groupAll = groupAll;
        this.counts = new long[rules.size()];
        this.timeline = new TimelineBuilder(rules.size());
        this.samples = new ArrayList<>(rules.size());
        this.extremes = new ExtremeHits[rules.size()];
        this.durations = new DurationCounts[rules.size()];
        this.measured = new Latency[rules.size()];
        this.groups = new PathGroups.Builder[rules.size()];
        for (int i = 0; i < rules.size(); i++) {
            samples.add(new ArrayList<>());
            Expectation expectation = rules.get(i).expectation();
            if (expectation.measure() == Expectation.Measure.PERCENTILE) {
                durations[i] = new DurationCounts();
                extremes[i] = new ExtremeHits(samplesCap, ExtremeHits.slowest(expectation));
            } else if (groupAll || expectation.bound() == Expectation.Bound.MAX) {
                groups[i] = new PathGroups.Builder();
            }
        }
    }

    void malformed(MalformedLine line) {
        malformed++;
        if (malformedSamples.size() < samplesCap) {
            malformedSamples.add(line);
        }
    }

    /**
     * Notes a line that arrived live stamped {@code skewMillis} from the time it was read, when that is more than a
     * request may take (its line is logged when it completes, stamped when it began) or a clock may drift.
     */
    void arrivedStamped(long skewMillis, boolean outside) {
        if (skewMillis < -FAR_BEFORE_MILLIS || skewMillis > FAR_AFTER_MILLIS) {
            offClock++;
            offClockMillis += skewMillis;
            if (outside) {
                offClockOutside++;
            }
        }
    }

    void hitTime(long epochMillis) {
        if (epochMillis < firstHitMillis) {
            firstHitMillis = epochMillis;
        }
        if (epochMillis > lastHitMillis) {
            lastHitMillis = epochMillis;
        }
    }

    /** Adds the counts of the part of the file that follows this one. */
    void absorb(Tally later) {
        long lineShift = read;
        for (int i = 0; i < counts.length; i++) {
            counts[i] += later.counts[i];
            if (durations[i] != null) {
                durations[i].add(later.durations[i]);
            }
            if (groups[i] != null) {
                groups[i].absorb(later.groups[i]);
            }
            if (extremes[i] != null) {
                extremes[i].absorb(later.extremes[i], lineShift);
            }
            List<Hit> into = samples.get(i);
            for (Hit hit : later.samples.get(i)) {
                if (into.size() >= samplesCap) {
                    break;
                }
                into.add(hit.atLine(hit.position().line() + lineShift));
            }
        }
        for (MalformedLine line : later.malformedSamples) {
            if (malformedSamples.size() >= samplesCap) {
                break;
            }
            malformedSamples.add(line.atLine(line.line() + lineShift));
        }
        if (baseline != null) {
            baseline.absorb(later.baseline);
        }
        bytes += later.bytes;
        read += later.read;
        malformed += later.malformed;
        tooLong += later.tooLong;
        beforeWindow += later.beforeWindow;
        inWindow += later.inWindow;
        afterWindow += later.afterWindow;
        firstHitMillis = Math.min(firstHitMillis, later.firstHitMillis);
        lastHitMillis = Math.max(lastHitMillis, later.lastHitMillis);
        timeline.merge(later.timeline);
    }

    /** The samples of the rule at this index: its first hits, or for a percentile rule its most extreme. */
    List<Hit> samples(int rule) {
        return extremes[rule] != null ? extremes[rule].hits() : samples.get(rule);
    }

    /** The lines that are hits: before, in and after the window. */
    long parsed() {
        return beforeWindow + inWindow + afterWindow;
    }

    LineCounts lineCounts() {
        return new LineCounts(bytes, read, beforeWindow, inWindow, afterWindow, malformed, tooLong);
    }
}
