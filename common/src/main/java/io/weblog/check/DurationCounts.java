package io.weblog.check;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * How many of a rule's hits took each logged duration, exactly, so that a percentile is a value the log holds (the
 * nearest-rank percentile: the smallest logged duration with at least that share of the durations at or below it) and
 * a bound is judged on it. A log writes durations at its own resolution (nginx's {@code $request_time} in
 * milliseconds, Apache's {@code %D} in microseconds), so few distinct values recur however many hits there are: up to
 * {@link #MAX_DISTINCT} of them are counted exactly. Past that, memory stays bounded by counting in an HdrHistogram at
 * two significant digits instead, within 1% of each value, and the percentile says so ({@link Latency#exact()}).
 * Not thread-safe.
 */
final class DurationCounts {
    /** How many distinct durations are counted exactly, per rule and log: 16 MiB at most. */
    static final int MAX_DISTINCT = Latency.EXACT_DISTINCT_DURATIONS;
    private static final int SIGNIFICANT_DIGITS = 2;
    private static final long EMPTY = -1;
    private static final String APPROXIMATION = "within 1%: more distinct durations than are counted one by one, "
            + String.format(Locale.ROOT, "%,d", MAX_DISTINCT);

    private long[] keys = emptyTable(64);
    private long[] counts = new long[64];
    private int distinct;
    private long total;
    /** The counts once there were more than {@link #MAX_DISTINCT} distinct durations, else {@code null}. */
    private Histogram approximate;

    /** Counts a duration in microseconds; a negative one counts as 0. */
    void record(long micros) {
        record(Math.max(0, micros), 1);
    }

    private void record(long micros, long count) {
        total += count;
        if (approximate != null) {
            approximate.recordValueWithCount(micros, count);
            return;
        }
        int slot = slot(keys, micros);
        if (keys[slot] == micros) {
            counts[slot] += count;
            return;
        }
        keys[slot] = micros;
        counts[slot] = count;
        distinct++;
        if (distinct > MAX_DISTINCT) {
            toApproximate();
        } else if (distinct * 2 > keys.length) {
            grow();
        }
    }

    /** Adds the counts of another part of the same log, or of another log. */
    void add(DurationCounts other) {
        if (other.approximate != null) {
            if (approximate == null) {
                toApproximate();
            }
            total += other.total;
            approximate.add(other.approximate);
            return;
        }
        for (int i = 0; i < other.keys.length; i++) {
            if (other.keys[i] != EMPTY) {
                record(other.keys[i], other.counts[i]);
            }
        }
    }

    /** How many durations were counted. */
    long total() {
        return total;
    }

    /** Whether every duration is counted exactly, at the log's own resolution. */
    boolean exact() {
        return approximate == null;
    }

    /** The durations at a percentile: exact, or where there were too many distinct ones, within 1%. */
    Latency latency(double percentile) {
        if (total == 0) {
            return Latency.none(percentile);
        }
        long rank = BigDecimal.valueOf(percentile).multiply(BigDecimal.valueOf(total))
                .divide(BigDecimal.valueOf(100), 0, RoundingMode.CEILING).longValueExact();
        rank = Math.min(total, Math.max(1, rank));
        if (approximate != null) {
            long value = approximate.getValueAtPercentile(percentile);
            return Latency.approximate(percentile, approximate.medianEquivalentValue(value), total,
                    approximate.lowestEquivalentValue(value), approximate.highestEquivalentValue(value), APPROXIMATION);
        }
        long[] sorted = sortedKeys();
        long seen = 0;
        for (long key : sorted) {
            seen += counts[slot(keys, key)];
            if (seen >= rank) {
                return Latency.exact(percentile, key, total);
            }
        }
        throw new IllegalStateException("counted " + seen + " durations of " + total);
    }

    /** How many durations lie above the limit; within 1% of the limit only when not {@link #exact()}. */
    long countAbove(long limitMicros) {
        if (approximate != null) {
            return total - approximate.getCountBetweenValues(0, Math.max(0, limitMicros));
        }
        long above = 0;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY && keys[i] > limitMicros) {
                above += counts[i];
            }
        }
        return above;
    }

    /** How many durations lie below the limit; within 1% of the limit only when not {@link #exact()}. */
    long countBelow(long limitMicros) {
        if (limitMicros <= 0) {
            return 0;
        }
        if (approximate != null) {
            return approximate.getCountBetweenValues(0, limitMicros - 1);
        }
        long below = 0;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY && keys[i] < limitMicros) {
                below += counts[i];
            }
        }
        return below;
    }

    private long[] sortedKeys() {
        long[] sorted = new long[distinct];
        int n = 0;
        for (long key : keys) {
            if (key != EMPTY) {
                sorted[n++] = key;
            }
        }
        Arrays.sort(sorted);
        return sorted;
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldCounts = counts;
        keys = emptyTable(oldKeys.length * 2);
        counts = new long[keys.length];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                int slot = slot(keys, oldKeys[i]);
                keys[slot] = oldKeys[i];
                counts[slot] = oldCounts[i];
            }
        }
    }

    private void toApproximate() {
        Histogram histogram = new Histogram(SIGNIFICANT_DIGITS);
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY) {
                histogram.recordValueWithCount(keys[i], counts[i]);
            }
        }
        approximate = histogram;
        keys = emptyTable(1);
        counts = new long[1];
        distinct = 0;
    }

    /** The slot that holds the key, or the empty one where it would go (linear probing; tables are a power of 2). */
    private static int slot(long[] table, long key) {
        int mask = table.length - 1;
        long mixed = key * 0x9E3779B97F4A7C15L;
        int slot = (int) (mixed ^ (mixed >>> 32)) & mask;
        while (table[slot] != EMPTY && table[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private static long[] emptyTable(int size) {
        long[] table = new long[size];
        Arrays.fill(table, EMPTY);
        return table;
    }
}
