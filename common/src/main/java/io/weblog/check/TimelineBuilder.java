package io.weblog.check;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts hits per time bucket, by status class and by the rules that select them. Buckets start a minute wide and
 * double in width whenever there would be more than {@link #MAX_BUCKETS}, so memory stays bounded for a log of any
 * span. Not thread-safe.
 */
final class TimelineBuilder {
    static final int MAX_BUCKETS = 1500;
    /** Status classes counted: 1xx to 5xx, and any other. */
    static final int CLASSES = 6;

    private final int rules;
    private long width = 60;
    private final TreeMap<Long, long[]> buckets = new TreeMap<>();
    private long currentKey = Long.MIN_VALUE;
    private long[] current;

    /** @param rules how many rules' hits are counted per bucket */
    TimelineBuilder(int rules) {
        this.rules = rules;
    }

    /** Counts a hit; {@link #selected} then counts it for the rules that select it. */
    void add(long epochSecond, int status) {
        long key = epochSecond - Math.floorMod(epochSecond, width);
        if (key != currentKey) {
            current = buckets.computeIfAbsent(key, k -> new long[CLASSES + rules]);
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

    /** The hit counted last was selected by the rule at this index. */
    void selected(int rule) {
        current[CLASSES + rule]++;
    }

    /** Counts many hits at once: so many per status class, so many per rule. */
    void add(long epochSecond, long[] statusClasses, long[] ruleHits) {
        long key = epochSecond - Math.floorMod(epochSecond, width);
        long[] into = buckets.computeIfAbsent(key, k -> new long[CLASSES + rules]);
        for (int c = 0; c < CLASSES; c++) {
            into[c] += statusClasses[c];
        }
        for (int r = 0; r < Math.min(rules, ruleHits.length); r++) {
            into[CLASSES + r] += ruleHits[r];
        }
        currentKey = Long.MIN_VALUE;
        while (buckets.size() > MAX_BUCKETS) {
            coarsen(width * 2);
        }
    }

    /** Adds another timeline's counts, at the coarser of the two widths. */
    void merge(TimelineBuilder other) {
        coarsen(Math.max(width, other.width));
        other.coarsen(width);
        for (Map.Entry<Long, long[]> entry : other.buckets.entrySet()) {
            long[] into = buckets.computeIfAbsent(entry.getKey(), k -> new long[CLASSES + rules]);
            long[] from = entry.getValue();
            for (int c = 0; c < into.length; c++) {
                into[c] += from[c];
            }
        }
        currentKey = Long.MIN_VALUE;
        while (buckets.size() > MAX_BUCKETS) {
            coarsen(width * 2);
        }
    }

    /** The window's timeline. */
    Timeline build() {
        return new Timeline(Duration.ofSeconds(width), buckets(), List.of());
    }

    /** The window's timeline with the baseline's beside it, both in buckets of the same width. */
    Timeline build(TimelineBuilder before) {
        long common = Math.max(width, before.width);
        coarsen(common);
        before.coarsen(common);
        return new Timeline(Duration.ofSeconds(width), buckets(), before.buckets());
    }

    private List<Timeline.Bucket> buckets() {
        List<Timeline.Bucket> out = new ArrayList<>(buckets.size());
        for (Map.Entry<Long, long[]> entry : buckets.entrySet()) {
            long[] c = entry.getValue();
            out.add(new Timeline.Bucket(Instant.ofEpochSecond(entry.getKey()), c[0], c[1], c[2], c[3], c[4], c[5],
                    Arrays.copyOfRange(c, CLASSES, c.length)));
        }
        return out;
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
            long[] into = buckets.computeIfAbsent(key, k -> new long[CLASSES + rules]);
            long[] from = entry.getValue();
            for (int c = 0; c < into.length; c++) {
                into[c] += from[c];
            }
        }
        currentKey = Long.MIN_VALUE;
    }

    /** The index of a status's class: 1xx to 5xx as 0 to 4, anything else 5. */
    static int statusClass(int status) {
        return status >= 100 && status < 600 ? status / 100 - 1 : CLASSES - 1;
    }
}
