package io.weblog.check;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts hits per time bucket and status class. Buckets start a minute wide and double in width whenever there would
 * be more than {@link #MAX_BUCKETS}, so memory stays bounded for a log of any span. Not thread-safe.
 */
final class TimelineBuilder {
    static final int MAX_BUCKETS = 1500;
    private static final int CLASSES = 6;

    private long width = 60;
    private final TreeMap<Long, long[]> buckets = new TreeMap<>();
    private long currentKey = Long.MIN_VALUE;
    private long[] current;

    void add(long epochSecond, int status) {
        long key = epochSecond - Math.floorMod(epochSecond, width);
        if (key != currentKey) {
            current = buckets.computeIfAbsent(key, k -> new long[CLASSES]);
            currentKey = key;
            if (buckets.size() > MAX_BUCKETS) {
                coarsen(width * 2);
                key = epochSecond - Math.floorMod(epochSecond, width);
                current = buckets.get(key);
                currentKey = key;
            }
        }
        current[statusClass(status)]++;
    }

    /**
     * Adds hits counted elsewhere (by a log store) in a bucket that starts at {@code epochSecond}, by status class:
     * 1xx, 2xx, 3xx, 4xx, 5xx and any other.
     */
    void add(long epochSecond, long[] byClass) {
        for (int c = 0; c < CLASSES && c < byClass.length; c++) {
            if (byClass[c] > 0) {
                add(epochSecond, c == CLASSES - 1 ? 0 : (c + 1) * 100);
                current[c] += byClass[c] - 1;
            }
        }
    }

    /** Adds another timeline's counts, at the coarser of the two widths. */
    void merge(TimelineBuilder other) {
        long common = Math.max(width, other.width);
        coarsen(common);
        for (Map.Entry<Long, long[]> entry : other.buckets.entrySet()) {
            long key = entry.getKey() - Math.floorMod(entry.getKey(), common);
            long[] into = buckets.computeIfAbsent(key, k -> new long[CLASSES]);
            long[] from = entry.getValue();
            for (int c = 0; c < CLASSES; c++) {
                into[c] += from[c];
            }
        }
        currentKey = Long.MIN_VALUE;
        while (buckets.size() > MAX_BUCKETS) {
            coarsen(width * 2);
        }
    }

    Timeline build() {
        List<Timeline.Bucket> out = new ArrayList<>(buckets.size());
        for (Map.Entry<Long, long[]> entry : buckets.entrySet()) {
            long[] c = entry.getValue();
            out.add(new Timeline.Bucket(Instant.ofEpochSecond(entry.getKey()), c[0], c[1], c[2], c[3], c[4], c[5]));
        }
        return new Timeline(Duration.ofSeconds(width), out);
    }

    private void coarsen(long newWidth) {
        if (newWidth <= width) {
            return;
        }
        TreeMap<Long, long[]> old = new TreeMap<>(buckets);
        buckets.clear();
        width = newWidth;
        for (Map.Entry<Long, long[]> entry : old.entrySet()) {
            long key = entry.getKey() - Math.floorMod(entry.getKey(), width);
            long[] into = buckets.computeIfAbsent(key, k -> new long[CLASSES]);
            long[] from = entry.getValue();
            for (int c = 0; c < CLASSES; c++) {
                into[c] += from[c];
            }
        }
        currentKey = Long.MIN_VALUE;
    }

    private static int statusClass(int status) {
        return status >= 100 && status < 600 ? status / 100 - 1 : CLASSES - 1;
    }
}
