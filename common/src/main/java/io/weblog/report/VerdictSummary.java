package io.weblog.report;

import io.weblog.check.LineCounts;
import io.weblog.check.Outcome;
import io.weblog.check.RuleResult;
import io.weblog.check.SourceVerdict;
import io.weblog.check.Verdict;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a build keeps of a verdict, in one small serializable value: the outcome, the words for its log (headline and
 * brief), the HTML {@link HtmlReport#fragment fragment} for its page, and per log and rule whether the rule held, with
 * its count and share. A build tool makes it where the check ran (a Jenkins agent) and carries it back; a pipeline
 * script reads it as a map ({@link #toMap()}).
 *
 * @param outcome the check's outcome
 * @param headline the one-line summary, such as {@code FAILED: 1 of 2 rules failed on web1:/var/log/x}
 * @param brief the headline and what went wrong, as {@link TextReport#brief} words it
 * @param html the report as a fragment of a page
 * @param logs each log's outcome and rules, in the order configured
 * @param rules each rule over all logs together
 */
public record VerdictSummary(Outcome outcome, String headline, String brief, String html, List<LogSummary> logs,
        List<RuleSummary> rules) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Copies the lists, into lists that any Java serialization filter accepts. */
    public VerdictSummary {
        logs = new ArrayList<>(logs);
        rules = new ArrayList<>(rules);
    }

    /**
     * One log's part of the verdict.
     *
     * @param log the log's name, such as {@code deploy@web1:/var/log/nginx/access.log}
     * @param outcome its outcome
     * @param error why it could not be read, or {@code null}
     * @param hitsInWindow how many hits its window held
     * @param rules each rule on this log
     * @param lines what was read from it: every line before, in or after the window, or malformed
     */
    public record LogSummary(String log, Outcome outcome, String error, long hitsInWindow, List<RuleSummary> rules,
            LineCounts lines) implements Serializable {
        private static final long serialVersionUID = 1L;

        /** Copies the list. */
        public LogSummary {
            rules = new ArrayList<>(rules);
        }
    }

    /**
     * How one rule fared.
     *
     * @param name the rule's label, or its text when it has none
     * @param rule the rule's text
     * @param passed whether it held
     * @param count how many hits it selected
     * @param share that count as a fraction of the hits in the window (0 to 1)
     */
    public record RuleSummary(String name, String rule, boolean passed, long count, double share)
            implements Serializable {
        private static final long serialVersionUID = 1L;

        static RuleSummary of(RuleResult result) {
            return new RuleSummary(result.rule().name(), result.rule().text(), result.passed(), result.count(),
                    result.share());
        }
    }

    /**
     * Summarises a verdict.
     *
     * @param samplesInBrief how many offending hits of each failed rule the brief shows
     */
    public static VerdictSummary of(Verdict verdict, int samplesInBrief) {
        List<LogSummary> logs = new ArrayList<>();
        for (SourceVerdict source : verdict.sources()) {
            logs.add(new LogSummary(source.source(), source.outcome(), source.error(), source.lines().inWindow(),
                    source.rules().stream().map(RuleSummary::of).toList(), source.lines()));
        }
        return new VerdictSummary(verdict.outcome(), TextReport.headline(verdict),
                TextReport.brief(verdict, samplesInBrief), HtmlReport.fragment(verdict), logs,
                verdict.rules().stream().map(RuleSummary::of).toList());
    }

    /** Whether every rule held on every log. */
    public boolean passed() {
        return outcome == Outcome.PASSED;
    }

    /**
     * The verdict for a script, as plain maps, lists, strings, booleans and numbers that any sandbox lets a script
     * read: {@code outcome} ({@code PASSED}, {@code FAILED} or {@code ERROR}), {@code passed}, {@code summary} (the
     * headline), {@code rules} (each with {@code name}, {@code rule}, {@code passed}, {@code count}, {@code share})
     * over all logs, and {@code logs} (each with {@code log}, {@code outcome}, {@code error}, {@code hitsInWindow},
     * {@code lines} (its lines {@code read}, {@code beforeWindow}, {@code inWindow}, {@code afterWindow} and
     * {@code malformed}, which add up to those read) and its {@code rules}). Mutable and serializable, as a pipeline's variables must be.
     */
    public LinkedHashMap<String, Object> toMap() {
        LinkedHashMap<String, Object> map = new LinkedHashMap<>();
        map.put("outcome", outcome.name());
        map.put("passed", passed());
        map.put("summary", headline);
        map.put("rules", rulesAsMaps(rules));
        ArrayList<Object> logMaps = new ArrayList<>();
        for (LogSummary log : logs) {
            LinkedHashMap<String, Object> logMap = new LinkedHashMap<>();
            logMap.put("log", log.log());
            logMap.put("outcome", log.outcome().name());
            logMap.put("error", log.error());
            logMap.put("hitsInWindow", log.hitsInWindow());
            LinkedHashMap<String, Object> lines = new LinkedHashMap<>();
            lines.put("read", log.lines().read());
            lines.put("beforeWindow", log.lines().beforeWindow());
            lines.put("inWindow", log.lines().inWindow());
            lines.put("afterWindow", log.lines().afterWindow());
            lines.put("malformed", log.lines().malformed());
            logMap.put("lines", lines);
            logMap.put("rules", rulesAsMaps(log.rules()));
            logMaps.add(logMap);
        }
        map.put("logs", logMaps);
        return map;
    }

    private static ArrayList<Object> rulesAsMaps(List<RuleSummary> rules) {
        ArrayList<Object> maps = new ArrayList<>();
        for (RuleSummary rule : rules) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("name", rule.name());
            map.put("rule", rule.rule());
            map.put("passed", rule.passed());
            map.put("count", rule.count());
            map.put("share", rule.share());
            maps.add(map);
        }
        return maps;
    }
}
