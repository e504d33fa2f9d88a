package io.weblog.format;

import java.util.List;

/**
 * Recognises the format of a log from its first lines: the predefined format that parses the most of them wins,
 * the most specific first on a tie ({@code vhost_combined} before {@code combined} before {@code common}).
 */
public final class FormatDetector {

    /**
     * What detection found.
     *
     * @param format the best format, or {@code null} when no candidate parsed a single line
     * @param parsed how many of the sample lines it parsed
     * @param sampled how many lines were tried
     */
    public record Detection(LogFormat format, int parsed, int sampled) {
    }

    private FormatDetector() {
    }

    /**
     * Tries every detectable format on the sample lines, richest first ({@code vhost_combined}, {@code combined},
     * {@code common}, then JSON). A poorer format wins only by parsing more than twice the lines of the richer one:
     * {@code common} also parses combined lines (it ignores what follows), so a log that turned from common to
     * combined would otherwise be read as common, without the referrer and agent its rules ask about, and the lines
     * the richer format cannot parse are counted as malformed, where they show.
     *
     * @param lines the first lines of a log, each without its terminator
     */
    public static Detection detect(List<byte[]> lines) {
        LogFormat best = null;
        int bestCount = 0;
        ParsedLine scratch = new ParsedLine();
        for (LogFormat candidate : LogFormats.detectable()) {
            LogFormat.LineParser parser = candidate.newParser();
            int count = 0;
            for (byte[] line : lines) {
                if (parser.parse(line, 0, line.length, scratch)) {
                    count++;
                }
            }
            if (count > 2 * bestCount) {
                best = candidate;
                bestCount = count;
            }
        }
        return new Detection(best, bestCount, lines.size());
    }
}
