package io.weblog.report;

import io.weblog.check.Timeline;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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
    private static final int TOP = 12;
    private static final int PLOT_HEIGHT = 170;

    private TimelineChart() {
    }

    /** The chart as an {@code <svg>} element, or {@code null} when the timeline holds no hits. */
    static String svg(Timeline timeline) {
        if (timeline == null) {
            return null;
        }
        TimelineBars bars = TimelineBars.of(timeline, MAX_BARS);
        if (bars.bars().isEmpty()) {
            return null;
        }
        long scale = niceCeiling(bars.highest());
        int plotWidth = WIDTH - LEFT - RIGHT;
        double barWidth = (double) plotWidth / bars.bars().size();
        double gap = barWidth >= 4 ? 1 : 0;
        int bottom = TOP + PLOT_HEIGHT;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"Hits over time by status class\" ")
                .append("xmlns=\"http://www.w3.org/2000/svg\">\n");
        for (int step = 0; step <= 2; step++) {
            double y = bottom - PLOT_HEIGHT * step / 2.0;
            svg.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT)
                    .append("\" y1=\"").append(number(y)).append("\" y2=\"").append(number(y)).append("\"/>")
                    .append("<text class=\"scale\" x=\"").append(LEFT - 6).append("\" y=\"").append(number(y + 4))
                    .append("\" text-anchor=\"end\">").append(Wording.count(scale * step / 2)).append("</text>\n");
        }
        for (int i = 0; i < bars.bars().size(); i++) {
            bar(svg, bars.bars().get(i), bars.width(), LEFT + i * barWidth, barWidth - gap, scale, bottom);
        }
        timeLabels(svg, bars, bottom);
        legend(svg, bottom + 44);
        return svg.append("</svg>").toString();
    }

    private static void bar(StringBuilder svg, TimelineBars.Bar bar, Duration width, double x, double w, long scale,
            int bottom) {
        if (bar.total() == 0) {
            return;
        }
        svg.append("<g><title>").append(MarkupText.escape(tooltip(bar, width))).append("</title>");
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

    private static void timeLabels(StringBuilder svg, TimelineBars bars, int bottom) {
        List<TimelineBars.Bar> list = bars.bars();
        Instant start = list.get(0).start();
        Instant end = list.get(list.size() - 1).start().plus(bars.width());
        Instant middle = start.plus(Duration.between(start, end).dividedBy(2));
        int y = bottom + 18;
        int right = WIDTH - RIGHT;
        svg.append(text(LEFT, y, "start", label(start, bars.width(), true)));
        svg.append(text((LEFT + right) / 2.0, y, "middle", label(middle, bars.width(), false)));
        svg.append(text(right, y, "end", label(end, bars.width(), !sameDay(start, end))));
        svg.append(text(right, y + 26, "end", "UTC, " + describe(bars.width()) + " per bar"));
    }

    private static void legend(StringBuilder svg, int y) {
        double x = LEFT;
        for (int c = 0; c < TimelineBars.CLASSES.size(); c++) {
            svg.append("<rect x=\"").append(number(x)).append("\" y=\"").append(y - 10)
                    .append("\" width=\"12\" height=\"12\" rx=\"2\" fill=\"").append(COLORS.get(c)).append("\"/>");
            svg.append(text(x + 18, y, "start", TimelineBars.CLASSES.get(c)));
            x += 80;
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
