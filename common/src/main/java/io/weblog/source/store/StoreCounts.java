package io.weblog.source.store;

import io.weblog.format.Hit;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a log store counted for one source of a check in its aggregations, instead of the documents being read one by
 * one: the same numbers a reading would give, which the check judges as it judges any reading.
 *
 * @param read the documents in the range read (the window and, with one, the baseline)
 * @param parsed those that are hits (a status and a request, as a reading requires of a document)
 * @param inWindow the hits in the window
 * @param firstHit the time of the earliest hit in the window, or {@code null}
 * @param lastHit the time of the latest hit in the window, or {@code null}
 * @param rules what each rule selected, in the order of the check's rules
 * @param baselineHits the hits in the baseline before the window (0 without one)
 * @param timeline hits in the window by bucket and status class, in time order
 * @param timelineBucket the width of the timeline's buckets
 */
public record StoreCounts(long read, long parsed, long inWindow, Instant firstHit, Instant lastHit,
        List<RuleCount> rules, long baselineHits, List<TimelineBucket> timeline, Duration timelineBucket) {

    /** Copies the lists. */
    public StoreCounts {
        rules = List.copyOf(rules);
        timeline = List.copyOf(timeline);
    }

    /**
     * What one rule selected.
     *
     * @param count the hits in the window it selected
     * @param samples the first of them in time order, as many as the check keeps
     * @param percentileMicros for a percentile rule, the duration at its percentile by the store's HDR histogram, in
     *     microseconds, or -1 when none was measured; else -1
     * @param measured for a percentile rule, how many selected hits have a duration; else 0
     * @param paths for a rule whose hits are grouped, the most hit paths, most hits first; else empty
     * @param otherPathHits hits on paths not among them
     * @param baselineCount the hits in the baseline it selected (0 without one)
     * @param overallPercentileMicros for a percentile rule, its percentile over every source the store was split
     *     into (all hosts), else -1
     * @param overallMeasured for a percentile rule, how many hits of all sources have a duration; else -1
     */
    public record RuleCount(long count, List<Hit> samples, long percentileMicros, long measured,
            List<PathCount> paths, long otherPathHits, long baselineCount, long overallPercentileMicros,
            long overallMeasured) {
        /** Copies the lists. */
        public RuleCount {
            samples = List.copyOf(samples);
            paths = List.copyOf(paths);
        }
    }

    /**
     * The hits of one path.
     *
     * @param path the path
     * @param count its hits
     * @param first the time of the earliest
     * @param last the time of the latest
     * @param referrers its most frequent referrers with their hits, most first
     * @param otherReferrers hits from referrers not among them
     * @param withoutReferrer hits without a referrer
     */
    public record PathCount(String path, long count, Instant first, Instant last, List<ReferrerCount> referrers,
            long otherReferrers, long withoutReferrer) {
        /** Copies the list. */
        public PathCount {
            referrers = List.copyOf(referrers);
        }
    }

    /**
     * A referrer and its hits on a path.
     *
     * @param referrer the referrer
     * @param count its hits
     */
    public record ReferrerCount(String referrer, long count) {
    }

    /**
     * Hits that started within one bucket of the timeline, by status class.
     *
     * @param start the bucket's start
     * @param byClass hits with a 1xx, 2xx, 3xx, 4xx, 5xx and any other status, in that order
     */
    public record TimelineBucket(Instant start, long[] byClass) {
    }
}
