package io.weblog.check;

import java.io.Serializable;

/**
 * What was read from a source. Every line read was either parsed or is malformed ({@code read = parsed + malformed}),
 * and lines longer than the limit are among the malformed.
 *
 * @param bytes bytes read
 * @param read lines read
 * @param parsed lines that are hits
 * @param malformed lines that are not (including those over the length limit)
 * @param tooLong lines skipped for being longer than the limit
 * @param inWindow hits inside the window, which rules and shares count
 */
public record LineCounts(long bytes, long read, long parsed, long malformed, long tooLong, long inWindow)
        implements Serializable {

    /** Nothing read. */
    public static final LineCounts NONE = new LineCounts(0, 0, 0, 0, 0, 0);

    /** The sum of two counts. */
    public LineCounts plus(LineCounts other) {
        return new LineCounts(bytes + other.bytes, read + other.read, parsed + other.parsed,
                malformed + other.malformed, tooLong + other.tooLong, inWindow + other.inWindow);
    }
}
