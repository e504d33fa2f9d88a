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
    final List<Rule> rules;
    final int samplesCap;
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
    final List<MalformedLine> malformedSamples = new ArrayList<>();
    final TimelineBuilder timeline = new TimelineBuilder();
    EndReason decided;

    Tally(List<Rule> rules, int samplesCap) {
        this.rules = rules;
        this.samplesCap = samplesCap;
        this.counts = new long[rules.size()];
        this.samples = new ArrayList<>(rules.size());
        this.durations = new Histogram[rules.size()];
        for (int i = 0; i < rules.size(); i++) {
            samples.add(new ArrayList<>());
            if (rules.get(i).expectation().measure() == Expectation.Measure.PERCENTILE) {
                durations[i] = Percentiles.histogram();
            }
        }
    }

    void malformed(MalformedLine line) {
        malformed++;
        if (malformedSamples.size() < samplesCap) {
            malformedSamples.add(line);
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
