package io.weblog.check;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Hits in the window over time, by status class, in buckets of equal width: what a person needs to see when the
 * errors started. The bucket width grows with the time span so that the timeline stays small.
 *
 * @param bucket the width of each bucket
 * @param buckets the buckets that hold hits, in time order
 */
public record Timeline(Duration bucket, List<Bucket> buckets) implements Serializable {

    /** An empty timeline. */
    public static final Timeline EMPTY = new Timeline(Duration.ofMinutes(1), List.of());

    /** Copies the buckets. */
    public Timeline {
        buckets = List.copyOf(buckets);
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
     */
    public record Bucket(Instant start, long informational, long success, long redirection, long clientError,
            long serverError, long other) implements Serializable {

        /** All hits in the bucket. */
        public long total() {
            return informational + success + redirection + clientError + serverError + other;
        }
    }
}
