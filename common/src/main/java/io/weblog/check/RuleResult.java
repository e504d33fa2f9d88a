package io.weblog.check;

import io.weblog.format.Hit;
import io.weblog.rule.Rule;
import java.io.Serializable;
import java.util.List;

/**
 * How one rule fared on one source (or, in {@link Verdict#rules()}, on all of them together).
 *
 * @param rule the rule
 * @param passed whether its expectation held
 * @param count how many hits in the window its selector picked
 * @param share that count as a fraction of all hits in the window (0 for an empty window)
 * @param samples the first selected hits, in log order, at most the configured number
 * @param latency for a percentile expectation, the duration measured at its percentile, else {@code null}
 * @param groups the selected hits grouped by path, for a rule that failed (or any rule, when asked), else
 *     {@code null}
 * @param baseline how the rule fared in the baseline before the window, and how it compares, or {@code null} when
 *     the window was judged on its own
 */
public record RuleResult(Rule rule, boolean passed, long count, double share, List<Hit> samples, Latency latency,
        PathGroups groups, BaselineComparison baseline) implements Serializable {
    /** Copies the samples. */
    public RuleResult {
        samples = List.copyOf(samples);
    }

    /** The result of a rule of a count or a share. */
    public RuleResult(Rule rule, boolean passed, long count, double share, List<Hit> samples) {
        this(rule, passed, count, share, samples, null, null, null);
    }
}
