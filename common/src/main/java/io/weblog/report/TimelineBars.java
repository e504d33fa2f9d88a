package io.weblog.report;

import io.weblog.check.Timeline;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A timeline regrouped into at most a given number of bars of equal width, empty stretches included, so that a chart
 * shows time evenly and a gap in the log shows as a gap.
 *
 * @param width the time each bar covers
 * @param bars the bars, in time order, from the first bucket with hits to the last
 */
record TimelineBars(Duration width, List<Bar> bars) {
    /** Status classes in the order they are stacked, from the bottom. */
    static final List<String> CLASSES = List.of("2xx", "3xx", "4xx", "5xx", "other");
    private static final long DAY = 86_400;

    /**
     * Hits in one bar, by status class.
     *
     * @param start when the bar starts
     * @param counts hits per class, in the order of {@link #CLASSES} (1xx counts as other)
     */
    record Bar(Instant start, long[] counts) {
        /** All hits in the bar. */
        long total() {
            long total = 0;
            for (long count : counts) {
                total += count;
            }
            return total;
        }
    }

    /** Regroups a timeline into at most {@code maxBars} bars. */
    static TimelineBars of(Timeline timeline, int maxBars) {
        long bucketSeconds = timeline.bucket() == null ? 60 : Math.max(1, timeline.bucket().getSeconds());
        if (timeline.buckets().isEmpty()) {
            return new TimelineBars(Duration.ofSeconds(bucketSeconds), List.of());
        }
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (Timeline.Bucket bucket : timeline.buckets()) {
            first = Math.min(first, bucket.start().getEpochSecond());
            last = Math.max(last, bucket.start().getEpochSecond());
        }
        long width = width(bucketSeconds, first, last, Math.max(1, maxBars));
        long origin = Math.floorDiv(first, width) * width;
        int count = (int) ((last - origin) / width + 1);
        long[][] counts = new long[count][CLASSES.size()];
        for (Timeline.Bucket bucket : timeline.buckets()) {
            long[] into = counts[(int) ((bucket.start().getEpochSecond() - origin) / width)];
            into[0] += bucket.success();
            into[1] += bucket.redirection();
            into[2] += bucket.clientError();
            into[3] += bucket.serverError();
            into[4] += bucket.other() + bucket.informational();
        }
        List<Bar> bars = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            bars.add(new Bar(Instant.ofEpochSecond(origin + i * width), counts[i]));
        }
        return new TimelineBars(Duration.ofSeconds(width), bars);
    }

    /**
     * The narrowest bar width, a whole number of buckets, that fits the span into {@code maxBars} bars; a width that
     * divides a day is preferred (up to twice as wide), so that bars start on round times such as 12:15.
     */
    private static long width(long bucketSeconds, long first, long last, int maxBars) {
        long slots = (last - first) / bucketSeconds + 1;
        long least = (slots + maxBars - 1) / maxBars;
        for (long factor = least; ; factor++) {
            long width = bucketSeconds * factor;
            long origin = Math.floorDiv(first, width) * width;
            boolean fits = (last - origin) / width + 1 <= maxBars;
            boolean round = DAY % width == 0 || width % DAY == 0;
            if (fits && (round || factor >= 2 * least) || factor >= 4 * least + 4) {
                return width;
            }
        }
    }

    /** The most hits in one bar. */
    long highest() {
        long highest = 0;
        for (Bar bar : bars) {
            highest = Math.max(highest, bar.total());
        }
        return highest;
    }
}
