package io.weblog.check;

import io.weblog.format.Hit;
import java.util.ArrayList;
import java.util.List;

/**
 * What has been counted so far for one source, or for one part of a file read in parallel. Parts are merged in file
 * order with {@link #absorb}, which renumbers the later part's lines. Not thread-safe.
 */
final class Tally {
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
    final List<MalformedLine> malformedSamples = new ArrayList<>();
    final TimelineBuilder timeline = new TimelineBuilder();
    EndReason decided;

    Tally(int rules, int samplesCap) {
        this.samplesCap = samplesCap;
        this.counts = new long[rules];
        this.samples = new ArrayList<>(rules);
        for (int i = 0; i < rules; i++) {
            samples.add(new ArrayList<>());
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
