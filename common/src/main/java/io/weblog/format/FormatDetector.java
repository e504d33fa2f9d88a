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
     * Tries every detectable format on the sample lines.
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
            if (count > bestCount) {
                best = candidate;
                bestCount = count;
            }
        }
        return new Detection(best, bestCount, lines.size());
    }
}
