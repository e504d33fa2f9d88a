package io.weblog.check;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * What one source said: how each rule fared on its hits, what was read, the window observed.
 *
 * @param source the source's display name
 * @param outcome PASSED, FAILED (a rule failed or the window was empty) or ERROR (see {@code error})
 * @param format the name of the format used, or {@code null} if none was found
 * @param rules one result per rule, in the order of the configuration
 * @param lines what was read
 * @param malformed the first lines that were not hits
 * @param window the window observed
 * @param timeline hits in the window over time
 * @param ended why reading stopped
 * @param error what went wrong when the outcome is ERROR, else {@code null}
 * @param elapsed how long the source took
 * @param remedy what a person can change to get past the error, or {@code null} when there is none or no setting
 *     fixes it
 */
public record SourceVerdict(String source, Outcome outcome, String format, List<RuleResult> rules, LineCounts lines,
        List<MalformedLine> malformed, ObservedWindow window, Timeline timeline, EndReason ended, String error,
        Duration elapsed, Remedy remedy) implements Serializable {

    /** Copies the lists. */
    public SourceVerdict {
        rules = List.copyOf(rules);
        malformed = List.copyOf(malformed);
    }

    /** A source's verdict without a remedy. */
    public SourceVerdict(String source, Outcome outcome, String format, List<RuleResult> rules, LineCounts lines,
            List<MalformedLine> malformed, ObservedWindow window, Timeline timeline, EndReason ended, String error,
            Duration elapsed) {
        this(source, outcome, format, rules, lines, malformed, window, timeline, ended, error, elapsed, null);
    }

    /** Whether the window held no hits at all. */
    public boolean isEmptyWindow() {
        return outcome != Outcome.ERROR && lines.inWindow() == 0;
    }
}
