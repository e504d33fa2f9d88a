package io.weblog.source.store;

import io.weblog.format.Field;
import io.weblog.rule.Rule;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What a check asks of a log store when it plans: the rules, the window and baseline as instants, and what else it
 * needs of every document.
 *
 * @param rules the rules, in order
 * @param neededFields every part of a hit the check reads (the rules', stop-on's and watch's fields, time and status)
 * @param readSince where reading starts (the baseline's start when it is earlier than the window's), or {@code null}
 * @param since the window's start, or {@code null}
 * @param until the window's end, or {@code null}
 * @param baselineSince the baseline's start, or {@code null} without a baseline
 * @param baselineUntil the baseline's end, or {@code null}
 * @param streamReason why documents must be read one by one whatever the rules (following, stop-on, watching hits,
 *     saving the window, a mark), or {@code null}
 * @param samples how many hits each rule keeps
 * @param groupAll whether every rule's hits are grouped by path, not only those of rules that can fail by them
 */
public record CountRequest(List<Rule> rules, Set<Field> neededFields, Instant readSince, Instant since,
        Instant until, Instant baselineSince, Instant baselineUntil, String streamReason, int samples,
        boolean groupAll) {

    /** Copies the collections. */
    public CountRequest {
        rules = List.copyOf(rules);
        neededFields = Set.copyOf(neededFields);
    }
}
