package io.weblog.report;

import io.weblog.check.Outcome;
import io.weblog.check.RuleResult;
import io.weblog.check.SourceVerdict;
import io.weblog.check.Verdict;

/** How a rule is shown in a report: it held, it failed, or it could not be judged because a source was not read. */
enum RuleStatus {
    /** The rule held. */
    PASS("pass"),
    /** The rule did not hold on what was read. */
    FAIL("FAIL"),
    /** The source could not be read, so the rule was not judged. */
    ERROR("ERROR");

    private final String label;

    RuleStatus(String label) {
        this.label = label;
    }

    /** The word shown in tables. */
    String label() {
        return label;
    }

    /** The status of a rule on one source. */
    static RuleStatus of(SourceVerdict source, RuleResult result) {
        if (source.outcome() == Outcome.ERROR) {
            return ERROR;
        }
        return result.passed() ? PASS : FAIL;
    }

    /**
     * The status of the {@code index}th rule over all sources: FAIL if it failed on a source that was read, ERROR if it
     * failed only because a source could not be read.
     */
    static RuleStatus combined(Verdict verdict, int index) {
        if (verdict.rules().get(index).passed()) {
            return PASS;
        }
        boolean unread = false;
        for (SourceVerdict source : verdict.sources()) {
            if (source.outcome() == Outcome.ERROR) {
                unread = true;
            } else if (index < source.rules().size() && !source.rules().get(index).passed()) {
                return FAIL;
            }
        }
        return unread ? ERROR : FAIL;
    }
}
