package io.weblog.report;

import io.weblog.check.Timeline;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A timeline regrouped into at most a given number of bars of equal width, empty stretches included, so that a chart
 * shows time evenly and a gap in the log shows as a gap; the baseline's bars, when there is one, have the same width
 * as the window's, so that the two can be compared bar by bar.
 *
 * @param width the time each bar covers
 * @param bars the window's bars, in time order, from the first bucket with hits to the last
 * @param before the baseline's bars likewise; empty when the window was judged on its own
 */
record TimelineBars(Duration width, List<Bar> bars, List<Bar> before) {
    /** Status classes in the order they are stacked, from the bottom. */
    static final List<String> CLASSES = List.of("2xx", "3xx", "4xx", "5xx", "other");
    private static final long DAY = 86_400;

    /**
     * Hits in one bar, by status class and by rule.
     *
     * @param start when the bar starts
     * @param counts hits per class, in the order of {@link #CLASSES} (1xx counts as other)
     * @param ruleHits hits each rule selected, in the order of the rules (empty when not counted)
     */
    record Bar(Instant start, long[] counts, long[] ruleHits) {
        /** All hits in the bar. */
        long total() {
            long total = 0;
            for (long count : counts) {
                total += count;
            }
            return total;
        }

        /** The hits of the rule at this index, 0 when not counted. */
        long ruleHits(int rule) {
            return rule < ruleHits.length ? ruleHits[rule] : 0;
        }
    }

    /** Regroups a timeline into at most {@code maxBars} bars, the baseline's and the window's together. */
    static TimelineBars of(Timeline timeline, int maxBars) {
        long bucketSeconds = timeline.bucket() == null ? 60 : Math.max(1, timeline.bucket().getSeconds());
        if (timeline.buckets().isEmpty() && timeline.before().isEmpty()) {
            return new TimelineBars(Duration.ofSeconds(bucketSeconds), List.of(), List.of());
        }
        long[] window = span(timeline.buckets());
        long[] before = span(timeline.before());
        long width = width(bucketSeconds, window, before, Math.max(1, maxBars));
        return new TimelineBars(Duration.ofSeconds(width), bars(timeline.buckets(), window, width),
                bars(timeline.before(), before, width));
    }

    /** The first and last bucket's start in epoch seconds, or {@code null} when there are none. */
    private static long[] span(List<Timeline.Bucket> buckets) {
        if (buckets.isEmpty()) {
            return null;
        }
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (Timeline.Bucket bucket : buckets) {
            first = Math.min(first, bucket.start().getEpochSecond());
            last = Math.max(last, bucket.start().getEpochSecond());
        }
        return new long[] {first, last};
    }

    private static List<Bar> bars(List<Timeline.Bucket> buckets, long[] span, long width) {
        if (span == null) {
            return List.of();
        }
        long origin = Math.floorDiv(span[0], width) * width;
        int count = (int) ((span[1] - origin) / width + 1);
        int rules = 0;
        for (Timeline.Bucket bucket : buckets) {
            rules = Math.max(rules, bucket.ruleHits().length);
        }
        long[][] counts = new long[count][CLASSES.size()];
        long[][] ruleHits = new long[count][rules];
        for (Timeline.Bucket bucket : buckets) {
            int index = (int) ((bucket.start().getEpochSecond() - origin) / width);
            long[] into = counts[index];
            into[0] += bucket.success();
            into[1] += bucket.redirection();
            into[2] += bucket.clientError();
            into[3] += bucket.serverError();
            into[4] += bucket.other() + bucket.informational();
            for (int r = 0; r < bucket.ruleHits().length; r++) {
                ruleHits[index][r] += bucket.ruleHits()[r];
            }
        }
        List<Bar> bars = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            bars.add(new Bar(Instant.ofEpochSecond(origin + i * width), counts[i], ruleHits[i]));
        }
        return bars;
    }

    /**
     * The narrowest bar width, a whole number of buckets, that fits both spans into {@code maxBars} bars together; a
     * width that divides a day is preferred (up to twice as wide), so that bars start on round times such as 12:15.
     */
    private static long width(long bucketSeconds, long[] window, long[] before, int maxBars) {
        long slots = slots(window, bucketSeconds) + slots(before, bucketSeconds);
        long least = (slots + maxBars - 1) / maxBars;
        for (long factor = Math.max(1, least); ; factor++) {
            long width = bucketSeconds * factor;
            boolean fits = bars(window, width) + bars(before, width) <= maxBars;
            boolean round = DAY % width == 0 || width % DAY == 0;
            if (fits && (round || factor >= 2 * least) || factor >= 4 * least + 4) {
                return width;
            }
        }
    }

    private static long slots(long[] span, long bucketSeconds) {
        return span == null ? 0 : (span[1] - span[0]) / bucketSeconds + 1;
    }

    private static long bars(long[] span, long width) {
        if (span == null) {
            return 0;
        }
        long origin = Math.floorDiv(span[0], width) * width;
        return (span[1] - origin) / width + 1;
    }

    /** The most hits in one bar, of the window's and the baseline's. */
    long highest() {
        long highest = 0;
        for (List<Bar> list : List.of(bars, before)) {
            for (Bar bar : list) {
                highest = Math.max(highest, bar.total());
            }
        }
        return highest;
    }
}
