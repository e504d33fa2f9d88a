package io.weblog.report;

import io.weblog.check.RuleResult;
import io.weblog.check.Timeline;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws a timeline as an inline SVG chart of stacked bars by status class, with time labels at both ends and in the
 * middle, a count scale and a legend; each bar has a tooltip with its counts. Needs no script and no external
 * resource, so the page it is in stays self-contained.
 */
final class TimelineChart {
    /** The most bars drawn; finer timelines are regrouped. */
    static final int MAX_BARS = 120;
    /** Fill colours of the classes, in the order of {@link TimelineBars#CLASSES}. */
    static final List<String> COLORS = List.of("#2da44e", "#3b82f6", "#f08c00", "#d1242f", "#8c959f");

    private static final int WIDTH = 960;
    private static final int HEIGHT = 240;
    private static final int LEFT = 56;
    private static final int RIGHT = 12;
    /** The right margin when a share scale stands there. */
    private static final int RIGHT_WITH_RATE = 52;
    /** Empty bars between the baseline's and the window's. */
    private static final int GAP_BARS = 2;
    /** The height of the legend's line for the rules' shares. */
    private static final int RATE_LEGEND_HEIGHT = 22;
    /** Colours of the share lines of the rules, at most this many. */
    static final List<String> RATE_COLORS = List.of("#6f42c1", "#0a3069", "#bf3989");
    private static final int TOP = 12;
    private static final int PLOT_HEIGHT = 170;

    private TimelineChart() {
    }

    /** The chart as an {@code <svg>} element, or {@code null} when the timeline holds no hits. */
    static String svg(Timeline timeline) {
        return svg(timeline, List.of());
    }

    /**
     * The chart as an {@code <svg>} element, or {@code null} when the timeline holds no hits: the baseline's bars (when
     * the window was judged against one) paler, beside the window's, and for the rules worth following over time (those
     * judged against the baseline, and those that failed) a line of the share of hits each selected, on a scale of its
     * own at the right, so that a rise from 0.25% to 2% shows however few hits it is.
     *
     * @param rules the source's rules, in the order of the timeline's rule counts
     */
    static String svg(Timeline timeline, List<RuleResult> rules) {
        if (timeline == null) {
            return null;
        }
        TimelineBars bars = TimelineBars.of(timeline, MAX_BARS);
        if (bars.bars().isEmpty() && bars.before().isEmpty()) {
            return null;
        }
        List<Integer> rated = rated(rules, bars);
        long scale = niceCeiling(bars.highest());
        int right = rated.isEmpty() ? RIGHT : RIGHT_WITH_RATE;
        int plotWidth = WIDTH - LEFT - right;
        int gap = bars.before().isEmpty() ? 0 : GAP_BARS;
        int slots = bars.before().size() + gap + bars.bars().size();
        double barWidth = (double) plotWidth / slots;
        double barGap = barWidth >= 4 ? 1 : 0;
        int bottom = TOP + PLOT_HEIGHT;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT + (rated.isEmpty() ? 0 : RATE_LEGEND_HEIGHT))
                .append("\" role=\"img\" aria-label=\"Hits over time by status class")
                .append(gap > 0 ? ", the baseline beside the window" : "").append("\" ")
                .append("xmlns=\"http://www.w3.org/2000/svg\">\n");
        for (int step = 0; step <= 2; step++) {
            double y = bottom - PLOT_HEIGHT * step / 2.0;
            svg.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - right)
                    .append("\" y1=\"").append(number(y)).append("\" y2=\"").append(number(y)).append("\"/>")
                    .append("<text class=\"scale\" x=\"").append(LEFT - 6).append("\" y=\"").append(number(y + 4))
                    .append("\" text-anchor=\"end\">").append(Wording.count(scale * step / 2)).append("</text>\n");
        }
        double windowX = LEFT + (bars.before().size() + gap) * barWidth;
        for (int i = 0; i < bars.before().size(); i++) {
            bar(svg, bars.before().get(i), bars.width(), LEFT + i * barWidth, barWidth - barGap, scale, bottom, true,
                    rules, rated);
        }
        for (int i = 0; i < bars.bars().size(); i++) {
            bar(svg, bars.bars().get(i), bars.width(), windowX + i * barWidth, barWidth - barGap, scale, bottom, false,
                    rules, rated);
        }
        if (gap > 0) {
            double divider = windowX - gap * barWidth / 2;
            svg.append("<line class=\"grid\" x1=\"").append(number(divider)).append("\" x2=\"")
                    .append(number(divider)).append("\" y1=\"").append(TOP).append("\" y2=\"").append(bottom)
                    .append("\" stroke-dasharray=\"4 3\"/>\n");
            svg.append(text(LEFT, TOP + 10, "start", "before (baseline)"));
            svg.append(text(windowX, TOP + 10, "start", "window"));
        }
        if (!rated.isEmpty()) {
            rates(svg, bars, rated, windowX, barWidth, bottom, right);
        }
        timeLabels(svg, bars, windowX, bottom, right);
        legend(svg, bottom + 44, rules, rated);
        return svg.append("</svg>").toString();
    }

    /**
     * The rules whose share of hits is drawn as a line: those judged against the baseline, then those that failed,
     * at most as many as there are {@link #RATE_COLORS}, and only rules that select some hits but not all of them.
     */
    private static List<Integer> rated(List<RuleResult> rules, TimelineBars bars) {
        List<Integer> rated = new ArrayList<>();
        for (boolean relative : new boolean[] {true, false}) {
            for (int i = 0; i < rules.size() && rated.size() < RATE_COLORS.size(); i++) {
                RuleResult result = rules.get(i);
                boolean wanted = relative ? result.rule().expectation().isRelative()
                        : !result.passed() && !result.rule().expectation().isRelative();
                if (wanted && !rated.contains(i) && selectsSome(bars, i)) {
                    rated.add(i);
                }
            }
        }
        return rated;
    }

    private static boolean selectsSome(TimelineBars bars, int rule) {
        long selected = 0;
        long total = 0;
        for (List<TimelineBars.Bar> list : List.of(bars.before(), bars.bars())) {
            for (TimelineBars.Bar bar : list) {
                selected += bar.ruleHits(rule);
                total += bar.total();
            }
        }
        return selected > 0 && selected < total;
    }

    /** A line per rated rule of the share of each bar's hits it selected, with its scale at the right. */
    private static void rates(StringBuilder svg, TimelineBars bars, List<Integer> rated, double windowX,
            double barWidth, int bottom, int right) {
        double highest = 0;
        for (int rule : rated) {
            for (List<TimelineBars.Bar> list : List.of(bars.before(), bars.bars())) {
                for (TimelineBars.Bar bar : list) {
                    if (bar.total() > 0) {
                        highest = Math.max(highest, (double) bar.ruleHits(rule) / bar.total());
                    }
                }
            }
        }
        double top = niceShare(highest);
        int axis = WIDTH - right;
        for (int step = 0; step <= 2; step++) {
            double y = bottom - PLOT_HEIGHT * step / 2.0;
            svg.append(text(axis + 6, y + 4, "start", Wording.percent(top * step / 2)));
        }
        for (int r = 0; r < rated.size(); r++) {
            int rule = rated.get(r);
            String color = RATE_COLORS.get(r);
            line(svg, bars.before(), rule, LEFT, barWidth, top, bottom, color, true);
            line(svg, bars.bars(), rule, windowX, barWidth, top, bottom, color, false);
        }
    }

    private static void line(StringBuilder svg, List<TimelineBars.Bar> bars, int rule, double x0, double barWidth,
            double top, int bottom, String color, boolean before) {
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < bars.size(); i++) {
            TimelineBars.Bar bar = bars.get(i);
            if (bar.total() == 0) {
                continue;
            }
            double share = (double) bar.ruleHits(rule) / bar.total();
            points.append(points.length() == 0 ? "" : " ").append(number(x0 + (i + 0.5) * barWidth)).append(',')
                    .append(number(bottom - PLOT_HEIGHT * share / top));
        }
        if (points.length() > 0) {
            svg.append("<polyline class=\"rate\" points=\"").append(points).append("\" fill=\"none\" stroke=\"")
                    .append(color).append("\" stroke-width=\"2\"").append(before ? " stroke-dasharray=\"5 3\"" : "")
                    .append("/>\n");
        }
    }

    /** The top of the share scale: a round share not below {@code share}, at most 100%. */
    private static double niceShare(double share) {
        for (double step : new double[] {1e-4, 2e-4, 5e-4, 1e-3, 2e-3, 5e-3, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1}) {
            if (share <= step) {
                return step;
            }
        }
        return 1;
    }

    private static void bar(StringBuilder svg, TimelineBars.Bar bar, Duration width, double x, double w, long scale,
            int bottom, boolean before, List<RuleResult> rules, List<Integer> rated) {
        if (bar.total() == 0) {
            return;
        }
        svg.append("<g").append(before ? " fill-opacity=\"0.45\"" : "").append("><title>")
                .append(MarkupText.escape((before ? "before: " : "") + tooltip(bar, width) + rates(bar, rules, rated)))
                .append("</title>");
        double y = bottom;
        long[] counts = bar.counts();
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] == 0) {
                continue;
            }
            double h = (double) PLOT_HEIGHT * counts[c] / scale;
            y -= h;
            svg.append("<rect x=\"").append(number(x)).append("\" y=\"").append(number(y))
                    .append("\" width=\"").append(number(Math.max(w, 0.5))).append("\" height=\"")
                    .append(number(Math.max(h, 0.5))).append("\" fill=\"").append(COLORS.get(c)).append("\"/>");
        }
        svg.append("</g>\n");
    }

    /** A bar's hits of each rated rule, for its tooltip: {@code ; errors 12 (2%)}. */
    private static String rates(TimelineBars.Bar bar, List<RuleResult> rules, List<Integer> rated) {
        StringBuilder text = new StringBuilder();
        for (int rule : rated) {
            text.append("; ").append(rules.get(rule).rule().name()).append(' ')
                    .append(Wording.count(bar.ruleHits(rule))).append(" (")
                    .append(Wording.percent((double) bar.ruleHits(rule) / bar.total())).append(')');
        }
        return text.toString();
    }

    private static String tooltip(TimelineBars.Bar bar, Duration width) {
        StringBuilder text = new StringBuilder()
                .append(label(bar.start(), width, true)).append(" to ")
                .append(label(bar.start().plus(width), width, false)).append(" UTC: ")
                .append(Wording.count(bar.total())).append(bar.total() == 1 ? " hit" : " hits");
        long[] counts = bar.counts();
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] > 0) {
                text.append(", ").append(TimelineBars.CLASSES.get(c)).append(' ').append(Wording.count(counts[c]));
            }
        }
        return text.toString();
    }

    private static void timeLabels(StringBuilder svg, TimelineBars bars, double windowX, int bottom, int right) {
        int y = bottom + 18;
        int end = WIDTH - right;
        List<TimelineBars.Bar> window = bars.bars();
        List<TimelineBars.Bar> before = bars.before();
        if (!before.isEmpty()) {
            svg.append(text(LEFT, y, "start", label(before.get(0).start(), bars.width(), true)));
        }
        if (!window.isEmpty()) {
            Instant start = window.get(0).start();
            Instant stop = window.get(window.size() - 1).start().plus(bars.width());
            svg.append(text(before.isEmpty() ? LEFT : windowX, y, "start", label(start, bars.width(),
                    before.isEmpty() || !sameDay(before.get(0).start(), start))));
            if (before.isEmpty()) {
                Instant middle = start.plus(Duration.between(start, stop).dividedBy(2));
                svg.append(text((LEFT + end) / 2.0, y, "middle", label(middle, bars.width(), false)));
            }
            svg.append(text(end, y, "end", label(stop, bars.width(), !sameDay(start, stop))));
        }
        svg.append(text(end, y + 26, "end", "UTC, " + describe(bars.width()) + " per bar"));
    }

    private static void legend(StringBuilder svg, int y, List<RuleResult> rules, List<Integer> rated) {
        double x = LEFT;
        for (int c = 0; c < TimelineBars.CLASSES.size(); c++) {
            svg.append("<rect x=\"").append(number(x)).append("\" y=\"").append(y - 10)
                    .append("\" width=\"12\" height=\"12\" rx=\"2\" fill=\"").append(COLORS.get(c)).append("\"/>");
            svg.append(text(x + 18, y, "start", TimelineBars.CLASSES.get(c)));
            x += 80;
        }
        x = LEFT;
        y += RATE_LEGEND_HEIGHT;
        for (int r = 0; r < rated.size(); r++) {
            svg.append("<line x1=\"").append(number(x)).append("\" x2=\"").append(number(x + 16))
                    .append("\" y1=\"").append(y - 4).append("\" y2=\"").append(y - 4).append("\" stroke=\"")
                    .append(RATE_COLORS.get(r)).append("\" stroke-width=\"2\"/>");
            String name = Printable.shorten(rules.get(rated.get(r)).rule().name(), 28) + " (% of hits)";
            svg.append(text(x + 22, y, "start", name));
            x += 22 + 6.5 * name.length() + 16;
        }
    }

    private static String text(double x, double y, String anchor, String content) {
        return "<text class=\"axis\" x=\"" + number(x) + "\" y=\"" + number(y) + "\" text-anchor=\"" + anchor + "\">"
                + MarkupText.escape(content) + "</text>\n";
    }

    private static String label(Instant time, Duration width, boolean withDay) {
        String pattern = (withDay ? "yyyy-MM-dd " : "") + (width.getSeconds() % 60 != 0 ? "HH:mm:ss" : "HH:mm");
        return DateTimeFormatter.ofPattern(pattern, Locale.ROOT).withZone(ZoneOffset.UTC).format(time);
    }

    private static boolean sameDay(Instant a, Instant b) {
        return a.getEpochSecond() / 86_400 == (b.getEpochSecond() - 1) / 86_400;
    }

    private static String describe(Duration width) {
        long seconds = width.getSeconds();
        if (seconds % 3600 == 0) {
            return seconds / 3600 + " h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + " min";
        }
        return seconds + " s";
    }

    /** The top of the count scale: a round number not below {@code value}, with a whole number at its middle. */
    private static long niceCeiling(long value) {
        if (value <= 10) {
            return Math.max(2, value + (value & 1));
        }
        if (value > Long.MAX_VALUE / 20) {
            return value;
        }
        long magnitude = 1;
        while (magnitude <= value / 10) {
            magnitude *= 10;
        }
        for (long step : new long[] {10, 12, 15, 20, 25, 30, 40, 50, 60, 80, 100}) {
            long candidate = step * (magnitude / 10);
            if (candidate >= value && candidate % 2 == 0) {
                return candidate;
            }
        }
        return 10 * magnitude;
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
