package io.weblog.check;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Hits over time, by status class and by rule, in buckets of equal width: what a person needs to see when the errors
 * started, and, beside the window, how the baseline before it looked. The bucket width grows with the time span so
 * that the timeline stays small.
 *
 * @param bucket the width of each bucket
 * @param buckets the window's buckets that hold hits, in time order
 * @param before the baseline's buckets that hold hits, in time order; empty when the window was judged on its own
 */
public record Timeline(Duration bucket, List<Bucket> buckets, List<Bucket> before) implements Serializable {

    /** An empty timeline. */
    public static final Timeline EMPTY = new Timeline(Duration.ofMinutes(1), List.of());

    /** Copies the buckets. */
    public Timeline {
        buckets = List.copyOf(buckets);
        before = List.copyOf(before);
    }

    /** The window's hits over time, without a baseline. */
    public Timeline(Duration bucket, List<Bucket> buckets) {
        this(bucket, buckets, List.of());
    }

    /**
     * Hits that started within one bucket.
     *
     * @param start the bucket's start
     * @param informational 1xx
     * @param success 2xx
     * @param redirection 3xx
     * @param clientError 4xx
     * @param serverError 5xx
     * @param other any other status, or none
     * @param ruleHits how many of them each rule selected, in the order of the rules (empty when not counted)
     */
    public record Bucket(Instant start, long informational, long success, long redirection, long clientError,
            long serverError, long other, long[] ruleHits) implements Serializable {

        /** Hits by status class only. */
        public Bucket(Instant start, long informational, long success, long redirection, long clientError,
                long serverError, long other) {
            this(start, informational, success, redirection, clientError, serverError, other, new long[0]);
        }

        /** All hits in the bucket. */
        public long total() {
            return informational + success + redirection + clientError + serverError + other;
        }

        /** Equal when every count is, those of the rules too. */
        @Override
        public boolean equals(Object other) {
            return other instanceof Bucket that && start.equals(that.start) && informational == that.informational
                    && success == that.success && redirection == that.redirection && clientError == that.clientError
                    && serverError == that.serverError && this.other == that.other
                    && Arrays.equals(ruleHits, that.ruleHits);
        }

        @Override
        public int hashCode() {
            return Objects.hash(start, informational, success, redirection, clientError, serverError, other)
                    * 31 + Arrays.hashCode(ruleHits);
        }

        @Override
        public String toString() {
            return "Bucket[" + start + ", 1xx " + informational + ", 2xx " + success + ", 3xx " + redirection
                    + ", 4xx " + clientError + ", 5xx " + serverError + ", other " + other + ", rules "
                    + Arrays.toString(ruleHits) + "]";
        }

        /** How many hits of the bucket the rule at this index selected, 0 when not counted. */
        public long ruleHits(int rule) {
            return rule < ruleHits.length ? ruleHits[rule] : 0;
        }
    }
}
