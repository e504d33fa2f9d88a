package io.weblog.check;

import io.weblog.format.Hit;
import io.weblog.rule.Expectation;
import io.weblog.rule.Rule;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

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
    long parsed;
    long malformed;
    long tooLong;
    long inWindow;
    long firstHitMillis = Long.MAX_VALUE;
    long lastHitMillis = Long.MIN_VALUE;
    final long[] counts;
    final List<List<Hit>> samples;
    /** The durations of each percentile rule's hits; {@code null} for other rules. */
    final Histogram[] durations;
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
    final TimelineBuilder timeline = new TimelineBuilder();
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
        this.samples = new ArrayList<>(rules.size());
        this.durations = new Histogram[rules.size()];
        this.measured = new Latency[rules.size()];
        this.groups = new PathGroups.Builder[rules.size()];
        for (int i = 0; i < rules.size(); i++) {
            samples.add(new ArrayList<>());
            Expectation expectation = rules.get(i).expectation();
            if (expectation.measure() == Expectation.Measure.PERCENTILE) {
                durations[i] = Percentiles.histogram();
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
        parsed += later.parsed;
        malformed += later.malformed;
        tooLong += later.tooLong;
        inWindow += later.inWindow;
        firstHitMillis = Math.min(firstHitMillis, later.firstHitMillis);
        lastHitMillis = Math.max(lastHitMillis, later.lastHitMillis);
        timeline.merge(later.timeline);
    }

    LineCounts lineCounts() {
        return new LineCounts(bytes, read, parsed, malformed, tooLong, inWindow);
    }
}
