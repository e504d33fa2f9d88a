package io.weblog.check;

import io.weblog.format.Field;
import io.weblog.format.ParsedLine;
import io.weblog.rule.Expectation;
import io.weblog.rule.Rule;
import io.weblog.rule.Selector;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The baseline of a window that starts at a mark: the hits logged before the start mark's line and stamped no earlier
 * than the mark's own time minus the baseline's length, all measured in the log's own time, so that a server whose
 * clock is off is judged against its own minutes before the release, and no line between the baseline and the mark
 * is lost.
 *
 * <p>The mark's time is known only when its line arrives, so the hits before it are counted in slices of the log's
 * time: a second wide for a baseline of up to {@value #FINEST_SLICES} seconds, wider for a longer one so that at most
 * about that many are kept (the baseline's start is then placed to the slice, and the report says so). Slices that lie
 * wholly before the latest time seen minus the length can no longer belong to it and are dropped, so memory stays
 * bounded however long the log is read back. Not thread-safe.
 */
final class MarkedBaseline {
    /** The most slices kept of a baseline measured to the second. */
    static final int FINEST_SLICES = 600;

    private final Selector[] selectors;
    private final List<Rule> rules;
    private final long lengthMillis;
    private final long sliceMillis;
    private final TreeMap<Long, Slice> slices = new TreeMap<>();
    private long latestMillis = Long.MIN_VALUE;
    private Instant since;
    private Instant until;

    /** Hits of one slice of the log's time. */
    private static final class Slice {
        final long[] counts;
        final DurationCounts[] durations;
        final long[] statusClasses = new long[TimelineBuilder.CLASSES];
        long hits;

        Slice(int rules) {
            counts = new long[rules];
            durations = new DurationCounts[rules];
        }
    }

    /**
     * @param rules the rules, whose selected hits are counted
     * @param selectors their selectors, in the same order
     * @param length how long the baseline is, in the log's own time
     */
    MarkedBaseline(List<Rule> rules, Selector[] selectors, Duration length) {
        this.rules = rules;
        this.selectors = selectors;
        this.lengthMillis = length.toMillis();
        long seconds = (length.toSeconds() + FINEST_SLICES - 1) / FINEST_SLICES;
        this.sliceMillis = Math.max(1, seconds) * 1000;
    }

    /** How finely the baseline's start is placed: a second, or wider for a long baseline. */
    Duration resolution() {
        return Duration.ofMillis(sliceMillis);
    }

    /** Counts a hit logged before the start mark, stamped at {@code millis} by the log's clock. */
    void add(ParsedLine line, long millis) {
        long start = Math.floorDiv(millis, sliceMillis) * sliceMillis;
        if (millis > latestMillis) {
            latestMillis = millis;
            long floor = latestMillis - lengthMillis;
            Iterator<Map.Entry<Long, Slice>> oldest = slices.entrySet().iterator();
            while (oldest.hasNext() && oldest.next().getKey() + sliceMillis <= floor) {
                oldest.remove();
            }
        }
        if (start + sliceMillis <= latestMillis - lengthMillis) {
            return;
        }
        Slice slice = slices.computeIfAbsent(start, key -> new Slice(rules.size()));
        slice.hits++;
        slice.statusClasses[TimelineBuilder.statusClass(line.status())]++;
        for (int i = 0; i < selectors.length; i++) {
            if (selectors[i].matches(line)) {
                slice.counts[i]++;
                if (rules.get(i).expectation().measure() == Expectation.Measure.PERCENTILE
                        && line.has(Field.DURATION)) {
                    if (slice.durations[i] == null) {
                        slice.durations[i] = new DurationCounts();
                    }
                    slice.durations[i].record(line.durationMicros());
                }
            }
        }
    }

    /**
     * The start mark's line arrived, stamped at {@code markMillis}: the baseline is what came before it from that
     * time minus its length on (placed to the slice).
     *
     * @param into where the baseline's counts go
     * @param timeline where its hits over time go
     */
    void close(long markMillis, BaselineTally into, TimelineBuilder timeline) {
        long from = Math.floorDiv(markMillis - lengthMillis, sliceMillis) * sliceMillis;
        since = Instant.ofEpochMilli(from);
        until = Instant.ofEpochMilli(markMillis);
        for (Map.Entry<Long, Slice> entry : slices.tailMap(from, true).entrySet()) {
            Slice slice = entry.getValue();
            into.hits += slice.hits;
            for (int i = 0; i < slice.counts.length; i++) {
                into.counts[i] += slice.counts[i];
                if (slice.durations[i] != null && into.durations[i] != null) {
                    into.durations[i].add(slice.durations[i]);
                }
            }
            timeline.add(Math.floorDiv(entry.getKey(), 1000), slice.statusClasses, slice.counts);
        }
        slices.clear();
    }

    /** Where the baseline started, once the mark arrived, else {@code null}. */
    Instant since() {
        return since;
    }

    /** Where it ended: the start mark's own time, once it arrived, else {@code null}. */
    Instant until() {
        return until;
    }
}
