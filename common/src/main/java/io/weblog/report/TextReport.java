package io.weblog.report;

import io.weblog.check.MalformedLine;
import io.weblog.check.PathGroups;
import io.weblog.check.Outcome;
import io.weblog.check.RuleResult;
import io.weblog.check.SourceVerdict;
import io.weblog.check.Verdict;
import io.weblog.format.Hit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The console summary of a verdict, as text for a front door to print (the engine never prints): a headline, then
 * per source its line counts, window and a table of rules with the samples of those that failed, then a table over
 * all sources when there are several.
 *
 * <p>Everything taken from a log is cleaned first, so a crafted request cannot send escape sequences to the
 * terminal of whoever reads the output.
 */
public final class TextReport {
    /** The longest rule name shown in a table; longer ones end with an ellipsis. */
    static final int RULE_WIDTH = 48;
    private static final int TARGET_WIDTH = 100;
    private static final int REFERRER_WIDTH = 80;
    private static final int MALFORMED_WIDTH = 120;
    private static final int MALFORMED_SHOWN = 3;
    private static final int GROUPS_SHOWN = 5;
    private static final int GROUPS_IN_BRIEF = 3;
    private static final int REFERRERS_SHOWN = 3;

    private TextReport() {
    }

    /**
     * The one-line summary without colour, for build logs: {@code FAILED: 1 of 2 rules failed on /var/log/x}.
     */
    public static String headline(Verdict verdict) {
        return Printable.clean(Wording.headline(verdict));
    }

    /**
     * The verdict in a few lines, for the message of a failed build (Maven's BUILD FAILURE, a Jenkins log's last
     * words): the headline, then what went wrong on each source: its error, an empty window, each failed rule with
     * its judgement and first samples. Without colour; lines end with {@code \n}, the last one too.
     *
     * @param samplesPerRule how many of each failed rule's samples to show
     */
    public static String brief(Verdict verdict, int samplesPerRule) {
        AnsiStyle plain = new AnsiStyle(false);
        StringBuilder out = new StringBuilder(headline(verdict)).append('\n');
        boolean several = verdict.sources().size() > 1;
        for (SourceVerdict source : verdict.sources()) {
            String where = several ? Printable.clean(source.source()) + ": " : "";
            if (source.outcome() == Outcome.ERROR) {
                if (several) {
                    out.append("  ").append(where).append(Printable.clean(String.valueOf(source.error())))
                            .append('\n');
                }
                continue;
            }
            if (Wording.emptyAndNotAllowed(verdict, source)) {
                out.append("  ").append(where).append("no hits in the window: a check that saw nothing proves "
                        + "nothing\n");
            }
            for (RuleResult result : source.rules()) {
                if (result.passed()) {
                    continue;
                }
                out.append("  ").append(where).append(Printable.clean(result.rule().name())).append(": ")
                        .append(Printable.clean(Wording.judgement(result)));
                List<Hit> samples = result.samples().subList(0, Math.min(samplesPerRule, result.samples().size()));
                if (samples.isEmpty()) {
                    out.append('\n');
                    continue;
                }
                String which = Wording.samples(result, samples.size());
                out.append(which.isEmpty() ? ":\n" : ", " + which + ":\n");
                for (Hit hit : samples) {
                    out.append("    line ").append(lineNumber(hit)).append("  ");
                    summary(out, hit, plain, Wording.showsDurations(result));
                    out.append('\n');
                }
                if (result.count() > samples.size()) {
                    groups(out, result.groups(), true);
                }
            }
        }
        return out.toString();
    }

    /**
     * The whole summary, lines ending with {@code \n}.
     *
     * @param color whether to use ANSI colours (for a terminal; never for a file or a CI log that shows them raw)
     */
    public static String render(Verdict verdict, boolean color) {
        return render(verdict, color, true);
    }

    /**
     * The whole summary, lines ending with {@code \n}.
     *
     * @param color whether to use ANSI colours (for a terminal; never for a file or a CI log that shows them raw)
     * @param sourceErrors whether each source that could not be read shows its error; without, a front door that
     *     says the errors elsewhere (a build's failure message) says each once
     */
    public static String render(Verdict verdict, boolean color, boolean sourceErrors) {
        AnsiStyle style = new AnsiStyle(color);
        StringBuilder out = new StringBuilder();
        String reason = headline(verdict).substring(verdict.outcome().name().length());
        out.append(style.outcome(verdict.outcome())).append(style.paint(reason, AnsiStyle.BOLD)).append('\n');
        for (SourceVerdict source : verdict.sources()) {
            out.append('\n');
            source(out, verdict, source, style, sourceErrors);
        }
        if (verdict.sources().size() > 1) {
            out.append('\n').append(style.paint("All " + verdict.sources().size() + " sources", AnsiStyle.BOLD))
                    .append(" (").append(Wording.lines(verdict.lines())).append(")\n");
            RuleTable table = table(verdict.rules());
            for (int i = 0; i < verdict.rules().size(); i++) {
                row(table, verdict.rules().get(i), RuleStatus.combined(verdict, i), true, style);
            }
            out.append(table.render("  ", header -> style.paint(header, AnsiStyle.BOLD)));
        }
        return out.toString();
    }

    private static void source(StringBuilder out, Verdict verdict, SourceVerdict source, AnsiStyle style,
            boolean error) {
        String format = source.format() == null ? "format unknown" : Printable.clean(source.format());
        out.append(style.paint(Printable.clean(source.source()), AnsiStyle.BOLD)).append("  ")
                .append(style.outcome(source.outcome()))
                .append("  (").append(format).append(", ").append(Wording.seconds(source.elapsed())).append(")\n");
        if (error && source.error() != null) {
            out.append("  error:  ").append(style.paint(Printable.clean(source.error()), AnsiStyle.MAGENTA))
                    .append('\n');
        }
        out.append("  lines:  ").append(Wording.lines(source.lines())).append('\n');
        if (source.outcome() != Outcome.ERROR || source.lines().read() > 0) {
            out.append("  window: ").append(Printable.clean(Wording.window(source))).append('\n');
            if (source.window() != null && source.window().hasBaseline()) {
                out.append("  before: ").append(Wording.baseline(source.window())).append('\n');
            }
        }
        if (source.ended() != null && source.ended().isEarly()) {
            out.append("  ended:  ").append(Wording.ended(source.ended())).append('\n');
        }
        if (Wording.emptyAndNotAllowed(verdict, source)) {
            out.append("  ").append(style.paint("no hits in the window, which fails the check", AnsiStyle.RED))
                    .append(": a check that saw nothing proves nothing\n");
        }
        out.append('\n');
        RuleTable table = table(source.rules());
        for (RuleResult result : source.rules()) {
            row(table, result, RuleStatus.of(source, result), source.outcome() != Outcome.ERROR, style);
        }
        out.append(table.render("  ", header -> style.paint(header, AnsiStyle.BOLD)));
        if (source.outcome() != Outcome.ERROR) {
            for (RuleResult result : source.rules()) {
                if (!result.passed()) {
                    samples(out, result, style);
                    if (result.count() > result.samples().size()) {
                        groups(out, result.groups(), false);
                    }
                } else if (Wording.isNoise(result)) {
                    out.append('\n').append("  ").append(style.status(RuleStatus.PASS)).append(' ')
                            .append(Printable.clean(result.rule().name())).append(": ")
                            .append(Printable.clean(Wording.judgement(result))).append('\n');
                    groups(out, result.groups(), false);
                } else if (result.groups() != null && !result.groups().paths().isEmpty()) {
                    out.append('\n').append("  ").append(Printable.clean(result.rule().name())).append(":\n");
                    groups(out, result.groups(), false);
                }
            }
        }
        malformed(out, source);
    }

    /**
     * A rule's hits by path, the most hit first: for a broken-link rule, which links broke and the pages that hold
     * them. {@code brief} shows fewer, on one line each.
     */
    private static void groups(StringBuilder out, PathGroups groups, boolean brief) {
        if (groups == null || groups.paths().isEmpty()) {
            return;
        }
        List<PathGroups.PathGroup> paths = groups.paths();
        int shown = Math.min(brief ? GROUPS_IN_BRIEF : GROUPS_SHOWN, paths.size());
        out.append("    by path").append(shown < paths.size() || groups.otherHits() > 0
                ? " (the " + shown + " most hit of " + Wording.pathCount(groups) + ")" : "").append(":\n");
        for (PathGroups.PathGroup group : paths.subList(0, shown)) {
            out.append("      ").append(Printable.shorten(Printable.clean(group.path()), TARGET_WIDTH)).append("  ")
                    .append(Wording.count(group.count())).append(group.count() == 1 ? " hit" : " hits");
            if (!brief && group.first() != null) {
                out.append(", ").append(Wording.timeOfDay(group.first()));
                if (!group.last().equals(group.first())) {
                    out.append(" .. ").append(Wording.timeOfDay(group.last()));
                }
            }
            String from = Wording.linkedFrom(group, brief ? 1 : REFERRERS_SHOWN);
            if (!from.isEmpty()) {
                out.append(", linked from ").append(Printable.clean(from));
            }
            if (group.withoutReferrer() == group.count()) {
                out.append(group.count() == 1 ? ", without a referrer" : ", all without a referrer");
            } else if (group.withoutReferrer() > 0) {
                out.append(", ").append(Wording.count(group.withoutReferrer())).append(" without a referrer");
            }
            out.append('\n');
        }
    }

    /**
     * A table of rules, with a MEASURED column when a rule measures more than count and share (a percentile), and a
     * BEFORE column when the window was judged against a baseline.
     */
    private static RuleTable table(List<RuleResult> results) {
        RuleColumns columns = RuleColumns.of(results);
        List<String> headers = new ArrayList<>(List.of("RULE", "RESULT", "COUNT", "SHARE"));
        if (columns.measured()) {
            headers.add("MEASURED");
        }
        if (columns.before()) {
            headers.add("BEFORE");
        }
        headers.add("EXPECTED");
        boolean[] right = new boolean[headers.size()];
        for (int i = 2; i < headers.size() - 1; i++) {
            right[i] = true;
        }
        return new RuleTable(new TextTable(headers, right), columns);
    }

    /** A table of rules and which of the optional columns it has. */
    private record RuleTable(TextTable table, RuleColumns columns) {
        String render(String indent, UnaryOperator<String> headerPaint) {
            return table.render(indent, headerPaint);
        }
    }

    private static void row(RuleTable rules, RuleResult result, RuleStatus status, boolean judged,
            AnsiStyle style) {
        List<String> cells = new ArrayList<>(List.of(
                Printable.shorten(Printable.clean(result.rule().name()), RULE_WIDTH),
                status.label(),
                judged ? Wording.count(result.count()) : "-",
                judged ? Wording.share(result) : "-"));
        if (rules.columns().measured()) {
            cells.add(judged ? Wording.measured(result) : "-");
        }
        if (rules.columns().before()) {
            cells.add(judged ? Wording.before(result) : "-");
        }
        cells.add(Printable.clean(result.rule().expectation().text()));
        TextTable table = rules.table();
        List<UnaryOperator<String>> styles = new ArrayList<>(Collections.nCopies(cells.size(),
                null));
        styles.set(1, label -> style.status(status));
        table.add(cells, styles);
    }

    private static void samples(StringBuilder out, RuleResult result, AnsiStyle style) {
        out.append('\n').append("  ").append(style.status(RuleStatus.FAIL)).append(' ')
                .append(Printable.clean(result.rule().name())).append(": ")
                .append(Printable.clean(Wording.judgement(result)));
        List<Hit> samples = result.samples();
        if (samples.isEmpty()) {
            out.append('\n');
            return;
        }
        String which = Wording.samples(result, samples.size());
        out.append(which.isEmpty() ? ":\n" : ", " + which + ":\n");
        int numberWidth = 0;
        int durationWidth = 0;
        boolean durations = Wording.showsDurations(result);
        for (Hit hit : samples) {
            numberWidth = Math.max(numberWidth, Long.toString(lineNumber(hit)).length());
            durationWidth = Math.max(durationWidth, Wording.duration(hit).length());
        }
        for (Hit hit : samples) {
            out.append("    line ").append(pad(Long.toString(lineNumber(hit)), numberWidth)).append("  ");
            if (durations) {
                out.append(pad(Wording.duration(hit), durationWidth)).append("  ");
            }
            summary(out, hit, style, false);
            out.append('\n');
        }
    }

    /**
     * One hit on one line, as the samples show it and as front doors print events about a hit:
     * {@code line 7: 14:05:47+02:00  502 POST /checkout <- https://shop.example.com/cart}. Text from the log is made
     * safe for a terminal.
     */
    public static String describe(Hit hit) {
        StringBuilder out = new StringBuilder("line ").append(lineNumber(hit)).append(": ");
        summary(out, hit, new AnsiStyle(false), false);
        return out.toString();
    }

    /** Text from a log made safe for a terminal: control characters, which could carry escape sequences, become '?'. */
    public static String printable(String text) {
        return Printable.clean(text);
    }

    /** A hit on one line; with {@code duration}, the time it took comes first, as in a latency rule's samples. */
    private static void summary(StringBuilder out, Hit hit, AnsiStyle style, boolean duration) {
        if (duration) {
            out.append(Wording.duration(hit)).append("  ");
        }
        out.append(Wording.clock(hit.time())).append("  ")
                .append(Wording.status(hit.status())).append(' ')
                .append(hit.method() == null ? "-" : Printable.shorten(Printable.clean(hit.method()), 16))
                .append(' ').append(target(hit));
        if (hit.referrer() != null) {
            out.append(style.paint(" <- ", AnsiStyle.DIM))
                    .append(Printable.shorten(Printable.clean(hit.referrer()), REFERRER_WIDTH));
        }
    }

    private static void malformed(StringBuilder out, SourceVerdict source) {
        List<MalformedLine> lines = source.malformed();
        if (lines.isEmpty()) {
            return;
        }
        int shown = Math.min(MALFORMED_SHOWN, lines.size());
        long total = Math.max(source.lines().malformed(), lines.size());
        out.append("\n  malformed lines")
                .append(shown < total ? " (first " + shown + " of " + Wording.count(total) + ")" : "")
                .append(":\n");
        for (MalformedLine line : lines.subList(0, shown)) {
            out.append("    line ").append(line.line()).append(": ").append(Printable.clean(line.reason()))
                    .append(": ").append(Printable.shorten(Printable.clean(line.text()), MALFORMED_WIDTH)).append('\n');
        }
    }

    private static String target(Hit hit) {
        String target = hit.target();
        if (target == null) {
            target = hit.request();
        }
        return target == null ? "-" : Printable.shorten(Printable.clean(target), TARGET_WIDTH);
    }

    private static long lineNumber(Hit hit) {
        return hit.position() == null ? 0 : hit.position().line();
    }

    private static String pad(String text, int width) {
        return " ".repeat(Math.max(0, width - text.length())) + text;
    }
}
