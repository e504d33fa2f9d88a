package io.weblog;

/**
 * Bounds on what a check keeps and how hard it works.
 *
 * @param samples how many offending hits to keep per rule and source, and how many malformed lines
 * @param maxLineBytes the longest line that is parsed; longer lines are skipped and counted
 * @param parallelism how many sources are read at once
 */
public record Limits(int samples, int maxLineBytes, int parallelism) {
    /** Samples kept per rule unless configured. */
    public static final int DEFAULT_SAMPLES = 5;
    /** The default longest line: 1 MiB. */
    public static final int DEFAULT_MAX_LINE_BYTES = 1024 * 1024;
    /** Sources read at once unless configured. */
    public static final int DEFAULT_PARALLELISM = 16;

    /** The defaults. */
    public static Limits defaults() {
        return new Limits(DEFAULT_SAMPLES, DEFAULT_MAX_LINE_BYTES, DEFAULT_PARALLELISM);
    }
}
