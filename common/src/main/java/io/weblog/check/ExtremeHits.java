package io.weblog.check;

import io.weblog.format.Hit;
import io.weblog.rule.Expectation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The samples of a percentile rule: the slowest of its hits (for an upper bound such as {@code p95<=300ms}), or the
 * fastest (for a lower one), since those are the hits that took its percentile beyond the bound; the first hits are
 * as likely to be fast as any. Bounded: only as many as the samples kept, and a hit is made from its line only when
 * it is among them so far. Of hits that took as long, the earlier is kept. Not thread-safe.
 */
final class ExtremeHits {
    private final int cap;
    private final boolean slowest;
    /** The kept hits, the one to give up first at the head. */
    private final PriorityQueue<Hit> kept;

    /**
     * @param cap how many hits to keep
     * @param slowest whether to keep the slowest, else the fastest
     */
    ExtremeHits(int cap, boolean slowest) {
        this.cap = cap;
        this.slowest = slowest;
        Comparator<Hit> lessExtreme = Comparator.comparingLong(ExtremeHits::micros);
        if (!slowest) {
            lessExtreme = lessExtreme.reversed();
        }
        kept = new PriorityQueue<>(Math.max(1, cap),
                lessExtreme.thenComparing(Comparator.comparingLong(ExtremeHits::line).reversed()));
    }

    /** Whether a hit that took this long would be kept: worth making a hit of its line. */
    boolean wants(long micros) {
        if (cap == 0) {
            return false;
        }
        if (kept.size() < cap) {
            return true;
        }
        long least = micros(kept.peek());
        return slowest ? micros > least : micros < least;
    }

    /** Keeps a hit that {@link #wants} wanted. */
    void add(Hit hit) {
        kept.add(hit);
        if (kept.size() > cap) {
            kept.poll();
        }
    }

    /** Adds the hits another part or log kept, their lines moved on by {@code lineShift}. */
    void absorb(ExtremeHits other, long lineShift) {
        for (Hit hit : other.kept) {
            if (wants(micros(hit))) {
                add(lineShift == 0 ? hit : hit.atLine(hit.position().line() + lineShift));
            }
        }
    }

    /** The kept hits, the most extreme first. */
    List<Hit> hits() {
        List<Hit> sorted = new ArrayList<>(kept);
        sorted.sort(kept.comparator().reversed());
        return sorted;
    }

    /** Whether a percentile rule's samples are its slowest hits (an upper bound), else its fastest. */
    static boolean slowest(Expectation expectation) {
        return expectation.bound() == Expectation.Bound.MAX;
    }

    /**
     * The hits beyond the limit a percentile rule sets, of those kept: above it for an upper bound, below it for a
     * lower one. The limit is the rule's own, or the one its baseline set; with no limit known, all of them.
     */
    static List<Hit> beyondLimit(List<Hit> hits, Expectation expectation, BaselineComparison comparison) {
        long limit;
        if (!expectation.isRelative()) {
            limit = (long) expectation.limit();
        } else if (comparison != null && comparison.isCompared()) {
            limit = Math.round(comparison.allowed());
        } else {
            return hits;
        }
        boolean max = slowest(expectation);
        return hits.stream().filter(hit -> max ? micros(hit) > limit : micros(hit) >= 0 && micros(hit) < limit)
                .toList();
    }

    /** The most extreme of several logs' kept hits, the most extreme first. */
    static List<Hit> mostExtreme(List<List<Hit>> hits, int cap, boolean slowest) {
        ExtremeHits all = new ExtremeHits(cap, slowest);
        for (List<Hit> each : hits) {
            for (Hit hit : each) {
                if (all.wants(micros(hit))) {
                    all.add(hit);
                }
            }
        }
        return all.hits();
    }

    private static long micros(Hit hit) {
        return hit.duration() == null ? -1 : hit.duration().toNanos() / 1000;
    }

    private static long line(Hit hit) {
        return hit.position() == null ? 0 : hit.position().line();
    }
}
