package io.weblog.report;

import io.weblog.check.MalformedLine;
import io.weblog.check.Outcome;
import io.weblog.check.PathGroups;
import io.weblog.check.RuleResult;
import io.weblog.check.SourceVerdict;
import io.weblog.check.Verdict;
import io.weblog.format.Hit;
import java.io.IOException;
import java.io.Writer;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The verdict as one self-contained HTML5 page for people: the outcome, then per source its rules, a chart of hits
 * over time by status class (so a reader sees when the errors started), the samples of failed rules, malformed lines,
 * line counts and the window observed. Inline CSS and SVG only: no script, no font, nothing fetched, and a Content
 * Security Policy that forbids all of it.
 *
 * <p>Every text is escaped: the log's content is the attacker's.
 */
public final class HtmlReport {
    private static final int CELL_WIDTH = 400;
    private static final int RULE_WIDTH = 120;

    /** The page around a report: the document's colours and font, its width, the footer. */
    private static final String PAGE_CSS = """
            :root { color-scheme: light; }
            * { box-sizing: border-box; }
            body { margin: 0; background: #f6f8fa; color: #1f2328;
              font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
            main { max-width: 1200px; margin: 0 auto; padding: 8px 32px 48px; }
            footer { color: #59636e; text-align: center; font-size: 12px; padding: 0 0 24px; }
            """;

    /** The report itself: banner, sections, tables, chart; scoped to {@link #FRAGMENT_CLASS} inside another page. */
    private static final String REPORT_CSS = """
            header.banner { padding: 20px 32px; color: #fff; }
            header.banner h1 { margin: 0; font-size: 22px; font-weight: 600; }
            header.banner p { margin: 4px 0 0; opacity: .9; }
            .banner.passed { background: #1a7f37; }
            .banner.failed { background: #cf222e; }
            .banner.error { background: #8250df; }
            section { background: #fff; border: 1px solid #d0d7de; border-radius: 8px; margin: 24px 0;
              padding: 16px 24px; }
            h2 { font-size: 18px; margin: 0 0 12px; word-break: break-all; }
            h3 { font-size: 15px; margin: 20px 0 8px; }
            dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0 0 12px; }
            dt { color: #59636e; }
            dd { margin: 0; word-break: break-word; }
            table { border-collapse: collapse; width: 100%; }
            th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid #d8dee4; vertical-align: top; }
            th { background: #f6f8fa; font-weight: 600; color: #59636e; }
            td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            td.wrap { word-break: break-all; }
            td.nowrap { white-space: nowrap; }
            code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
              font-size: 12.5px; }
            .badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px;
              font-weight: 600; color: #fff; vertical-align: middle; }
            .badge.passed { background: #1a7f37; } .badge.failed { background: #cf222e; }
            .badge.error { background: #8250df; }
            .pass { color: #1a7f37; font-weight: 600; } .fail { color: #cf222e; font-weight: 600; }
            .err { color: #8250df; font-weight: 600; }
            .s2 { color: #1a7f37; } .s3 { color: #0969da; } .s4 { color: #bc4c00; } .s5 { color: #cf222e; }
            .error-message { color: #8250df; font-weight: 600; }
            .note { color: #59636e; }
            svg.chart { width: 100%; height: auto; max-width: 960px; display: block; }
            svg .grid { stroke: #d8dee4; stroke-width: 1; }
            svg text { font: 11px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; fill: #59636e; }
            """;

    /** The class of the element that holds a report {@link #fragment} and scopes its style. */
    static final String FRAGMENT_CLASS = "weblog-report";

    private HtmlReport() {
    }

    /**
     * Writes the page; flushes but does not close the writer.
     *
     * @throws IOException when the writer fails
     */
    public static void write(Verdict verdict, Writer out) throws IOException {
        StringBuilder html = new StringBuilder(16_384);
        String headline = Wording.headline(verdict);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
                .append("style-src 'unsafe-inline'\">\n")
                .append("<title>weblog: ").append(escape(headline)).append("</title>\n")
                .append("<style>\n").append(PAGE_CSS).append(REPORT_CSS).append("</style>\n</head>\n<body>\n");
        banner(html, verdict);
        html.append("<main>\n");
        sections(html, verdict);
        html.append("</main>\n<footer>weblog report</footer>\n</body>\n</html>\n");
        out.write(html.toString());
        out.flush();
    }

    /**
     * The report as a part of another page, such as a Jenkins build's: one {@code <div class="weblog-report">} with
     * the same banner, tables, samples and chart, its style scoped to that element so that it changes nothing else
     * on the page. Like the page, it holds no script and no inline event handler, fetches nothing, and escapes every
     * text, so it can be shown under a Content Security Policy that allows inline styles only.
     */
    public static String fragment(Verdict verdict) {
        StringBuilder html = new StringBuilder(16_384);
        html.append("<div class=\"").append(FRAGMENT_CLASS).append("\">\n<style>\n")
                .append(scoped(REPORT_CSS, "." + FRAGMENT_CLASS)).append("</style>\n");
        banner(html, verdict);
        sections(html, verdict);
        html.append("</div>\n");
        return html.toString();
    }

    private static void banner(StringBuilder html, Verdict verdict) {
        String outcome = verdict.outcome().name().toLowerCase(Locale.ROOT);
        String headline = Wording.headline(verdict);
        html.append("<header class=\"banner ").append(outcome).append("\">\n<h1>")
                .append(verdict.outcome().name()).append("</h1>\n<p>")
                .append(escape(headline.substring(verdict.outcome().name().length() + 1).strip())).append("</p>\n")
                .append("<p>Started ").append(escape(Wording.instant(verdict.started()))).append(", took ")
                .append(escape(Wording.seconds(verdict.elapsed())))
                .append(verdict.emptyAllowed() ? "; an empty window is allowed" : "").append(".</p>\n</header>\n");
    }

    private static void sections(StringBuilder html, Verdict verdict) {
        if (verdict.sources().size() > 1) {
            combined(html, verdict);
        }
        for (SourceVerdict source : verdict.sources()) {
            source(html, verdict, source);
        }
    }

    /** Style rules with every selector put under {@code scope}: {@code h2, h3 {...}} becomes {@code .x h2, .x h3 {..}}. */
    static String scoped(String css, String scope) {
        StringBuilder out = new StringBuilder(css.length() * 2);
        int at = 0;
        while (true) {
            int open = css.indexOf('{', at);
            if (open < 0) {
                return out.append(css.substring(at)).toString();
            }
            int close = css.indexOf('}', open);
            String selectors = css.substring(at, open);
            String indent = selectors.substring(0, selectors.length() - selectors.stripLeading().length());
            StringBuilder scopedSelectors = new StringBuilder();
            for (String selector : selectors.strip().split(",")) {
                scopedSelectors.append(scopedSelectors.length() == 0 ? "" : ", ").append(scope).append(' ')
                        .append(selector.strip());
            }
            out.append(indent).append(scopedSelectors).append(' ').append(css, open, close + 1);
            at = close + 1;
        }
    }

    private static void combined(StringBuilder html, Verdict verdict) {
        html.append("<section>\n<h2>All ").append(verdict.sources().size()).append(" sources</h2>\n<dl>\n");
        item(html, "Lines", Wording.lines(verdict.lines()));
        html.append("</dl>\n");
        RuleColumns columns = RuleColumns.of(verdict.rules());
        tableHead(html, columns);
        for (int i = 0; i < verdict.rules().size(); i++) {
            row(html, verdict.rules().get(i), RuleStatus.combined(verdict, i), true, columns);
        }
        html.append("</tbody>\n</table>\n</section>\n");
    }

    private static void source(StringBuilder html, Verdict verdict, SourceVerdict source) {
        String outcome = source.outcome().name();
        html.append("<section>\n<h2>").append(escape(source.source())).append(" <span class=\"badge ")
                .append(outcome.toLowerCase(Locale.ROOT)).append("\">").append(outcome).append("</span></h2>\n");
        html.append("<dl>\n");
        if (source.error() != null) {
            html.append("<dt>Error</dt><dd class=\"error-message\">").append(escape(source.error()))
                    .append("</dd>\n");
        }
        item(html, "Format", source.format() == null ? "unknown" : source.format());
        item(html, "Lines", Wording.lines(source.lines()));
        if (source.outcome() != Outcome.ERROR || source.lines().read() > 0) {
            item(html, "Window", Wording.window(source));
            if (source.window() != null && source.window().hasBaseline()) {
                item(html, "Before", Wording.baseline(source.window()));
            }
        }
        if (source.ended() != null) {
            item(html, "Reading", Wording.ended(source.ended()) + ", in " + Wording.seconds(source.elapsed()));
        }
        if (Wording.emptyAndNotAllowed(verdict, source)) {
            html.append("<dt>Hits</dt><dd class=\"fail\">No hits in the window, which fails the check.</dd>\n");
        }
        html.append("</dl>\n");
        RuleColumns columns = RuleColumns.of(source.rules());
        tableHead(html, columns);
        for (RuleResult result : source.rules()) {
            row(html, result, RuleStatus.of(source, result), source.outcome() != Outcome.ERROR, columns);
        }
        html.append("</tbody>\n</table>\n");
        String chart = TimelineChart.svg(source.timeline(), source.rules());
        if (chart != null) {
            html.append("<h3>Hits over time by status class</h3>\n").append(chart).append('\n');
        }
        if (source.outcome() != Outcome.ERROR) {
            for (RuleResult result : source.rules()) {
                if (!result.passed()) {
                    samples(html, result);
                } else if (Wording.isNoise(result)) {
                    html.append("<h3>Held: <code>").append(escape(result.rule().name())).append("</code></h3>\n")
                            .append("<p class=\"note\">").append(escape(Wording.judgement(result)))
                            .append(".</p>\n");
                }
                groups(html, result);
            }
        }
        malformed(html, source);
        html.append("</section>\n");
    }

    private static void tableHead(StringBuilder html, RuleColumns columns) {
        html.append("<table>\n<thead><tr><th>Rule</th><th>Result</th><th class=\"num\">Count</th>")
                .append("<th class=\"num\">Share</th>")
                .append(columns.measured() ? "<th class=\"num\">Measured</th>" : "")
                .append(columns.before() ? "<th class=\"num\">Before</th>" : "")
                .append("<th>Expected</th></tr></thead>\n<tbody>\n");
    }

    private static void row(StringBuilder html, RuleResult result, RuleStatus status, boolean judged,
            RuleColumns columns) {
        String css = switch (status) {
            case PASS -> "pass";
            case FAIL -> "fail";
            case ERROR -> "err";
        };
        html.append("<tr><td class=\"wrap\"><code>")
                .append(escape(Printable.shorten(result.rule().name(), RULE_WIDTH))).append("</code></td>")
                .append("<td class=\"").append(css).append("\">").append(status.label()).append("</td>")
                .append("<td class=\"num\">").append(judged ? Wording.count(result.count()) : "-").append("</td>")
                .append("<td class=\"num\">").append(judged ? escape(Wording.share(result)) : "-")
                .append("</td>");
        if (columns.measured()) {
            html.append("<td class=\"num\">").append(judged ? escape(Wording.measured(result)) : "-").append("</td>");
        }
        if (columns.before()) {
            html.append("<td class=\"num\">").append(judged ? escape(Wording.before(result)) : "-").append("</td>");
        }
        html.append("<td><code>").append(escape(result.rule().expectation().text())).append("</code></td></tr>\n");
    }

    private static void samples(StringBuilder html, RuleResult result) {
        html.append("<h3>Failed: <code>").append(escape(result.rule().name())).append("</code></h3>\n")
                .append("<p class=\"note\">").append(escape(Wording.judgement(result)));
        List<Hit> samples = result.samples();
        if (samples.isEmpty()) {
            html.append(".</p>\n");
            return;
        }
        String which = Wording.samples(result, samples.size());
        boolean durations = Wording.showsDurations(result);
        html.append(which.isEmpty() ? ":" : "; " + escape(which) + ":")
                .append("</p>\n<table>\n<thead><tr><th class=\"num\">Line</th><th>Time</th><th>Status</th>")
                .append(durations ? "<th class=\"num\">Duration</th>" : "")
                .append("<th>Method</th><th>Target</th><th>Referrer</th><th>User agent</th><th>Client</th>")
                .append("</tr></thead>\n<tbody>\n");
        for (Hit hit : samples) {
            html.append("<tr><td class=\"num\">").append(hit.position() == null ? "" : hit.position().line())
                    .append("</td><td class=\"mono nowrap\">")
                    .append(hit.time() == null ? "-" : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(hit.time()))
                    .append("</td><td class=\"mono ").append(statusClass(hit.status())).append("\">")
                    .append(Wording.status(hit.status())).append("</td>");
            if (durations) {
                html.append("<td class=\"num mono\">").append(escape(Wording.duration(hit))).append("</td>");
            }
            cell(html, "mono nowrap", hit.method());
            cell(html, "wrap mono", hit.target() == null ? hit.request() : hit.target());
            cell(html, "wrap mono", hit.referrer());
            cell(html, "wrap mono", hit.agent());
            cell(html, "mono nowrap", hit.client());
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }

    /** A rule's hits by path, the most hit first, with the pages that link to each. */
    private static void groups(StringBuilder html, RuleResult result) {
        PathGroups groups = result.groups();
        if (groups == null || groups.paths().isEmpty()) {
            return;
        }
        html.append("<h3>By path: <code>").append(escape(result.rule().name())).append("</code></h3>\n")
                .append("<p class=\"note\">").append(escape(Wording.pathCount(groups)))
                .append(", the most hit first.</p>\n<table>\n<thead><tr><th>Path</th><th class=\"num\">Hits</th>")
                .append("<th>First</th><th>Last</th><th>Linked from</th></tr></thead>\n<tbody>\n");
        for (PathGroups.PathGroup group : groups.paths()) {
            html.append("<tr>");
            cell(html, "wrap mono", group.path());
            html.append("<td class=\"num\">").append(Wording.count(group.count())).append("</td>")
                    .append("<td class=\"mono nowrap\">").append(escape(Wording.instant(group.first()))).append("</td>")
                    .append("<td class=\"mono nowrap\">").append(escape(Wording.instant(group.last()))).append("</td>");
            cell(html, "wrap mono", Wording.linkedFrom(group, PathGroups.MAX_REFERRERS));
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }

    private static void malformed(StringBuilder html, SourceVerdict source) {
        List<MalformedLine> lines = source.malformed();
        if (lines.isEmpty()) {
            return;
        }
        long total = Math.max(source.lines().malformed(), lines.size());
        html.append("<h3>Malformed lines</h3>\n<p class=\"note\">")
                .append(lines.size() < total ? "The first " + lines.size() + " of " + Wording.count(total) + "."
                        : Wording.count(total) + (total == 1 ? " line." : " lines."))
                .append("</p>\n<table>\n<thead><tr><th class=\"num\">Line</th><th>Reason</th><th>Text</th></tr>")
                .append("</thead>\n<tbody>\n");
        for (MalformedLine line : lines) {
            html.append("<tr><td class=\"num\">").append(line.line()).append("</td><td>").append(escape(line.reason()))
                    .append("</td><td class=\"wrap mono\">").append(escape(Printable.shorten(line.text(), CELL_WIDTH)))
                    .append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }

    private static void item(StringBuilder html, String term, String description) {
        html.append("<dt>").append(term).append("</dt><dd>").append(escape(description)).append("</dd>\n");
    }

    private static void cell(StringBuilder html, String css, String value) {
        html.append("<td class=\"").append(css).append("\">")
                .append(value == null ? "-" : escape(Printable.shorten(value, CELL_WIDTH))).append("</td>");
    }

    private static String statusClass(int status) {
        return status >= 200 && status < 600 ? "s" + status / 100 : "";
    }

    private static String escape(String text) {
        return MarkupText.escape(text);
    }
}
