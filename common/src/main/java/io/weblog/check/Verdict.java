package io.weblog.check;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The answer of a check: its outcome, each source's verdict, and each rule's result over all sources.
 *
 * <p>The outcome is ERROR when any source could not be read, else FAILED when any source failed (a rule did not
 * hold, or its window was empty and that was not allowed), else PASSED.
 *
 * @param outcome the overall outcome
 * @param sources one verdict per source, in the order configured
 * @param rules each rule over all sources together: passed only if it passed on every source (a source that could
 *     not be read judges no rule); count and share over the sources that were read; the first samples
 * @param lines what was read from all sources
 * @param started when the check started
 * @param elapsed how long it took
 * @param emptyAllowed whether an empty window was allowed to pass
 */
public record Verdict(Outcome outcome, List<SourceVerdict> sources, List<RuleResult> rules, LineCounts lines,
        Instant started, Duration elapsed, boolean emptyAllowed) implements Serializable {

    /** Copies the lists. */
    public Verdict {
        sources = List.copyOf(sources);
        rules = List.copyOf(rules);
    }

    /** Whether every source passed. */
    public boolean passed() {
        return outcome == Outcome.PASSED;
    }
}
