package io.weblog.report;

import io.weblog.check.RuleResult;
import java.util.List;

/**
 * The optional columns of a table of rules, the same in every report that has one.
 *
 * @param measured whether a rule measures more than count and share (a percentile): a MEASURED column
 * @param before whether the window was judged against a baseline, whose values then stand beside the window's: a
 *     BEFORE column
 */
record RuleColumns(boolean measured, boolean before) {

    /** The columns a table of these results needs. */
    static RuleColumns of(List<RuleResult> results) {
        return new RuleColumns(results.stream().anyMatch(result -> !Wording.measured(result).isEmpty()),
                results.stream().anyMatch(result -> result.baseline() != null));
    }
}
