package io.weblog.check;

import io.weblog.rule.Expectation;
import io.weblog.rule.Rule;
import java.util.List;

/**
 * What was counted in the baseline, the time before the window that it is judged against: the hits, how many each
 * rule selected, and the durations of each percentile rule's hits. Parts of a file read in parallel are merged with
 * {@link #absorb}. Not thread-safe.
 */
final class BaselineTally {
    final long[] counts;
    /** The durations of each percentile rule's hits; {@code null} for other rules. */
    final DurationCounts[] durations;
    /** The baseline's hits over time, by status class and rule. */
    final TimelineBuilder timeline;
    long hits;

    BaselineTally(List<Rule> rules) {
        counts = new long[rules.size()];
        durations = new DurationCounts[rules.size()];
        timeline = new TimelineBuilder(rules.size());
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).expectation().measure() == Expectation.Measure.PERCENTILE) {
                durations[i] = new DurationCounts();
            }
        }
    }

    /** Adds the counts of another part of the same baseline. */
    void absorb(BaselineTally other) {
        hits += other.hits;
        timeline.merge(other.timeline);
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
            if (durations[i] != null) {
                durations[i].add(other.durations[i]);
            }
        }
    }
}
