package io.weblog.check;

import java.io.Serializable;

/**
 * What was read from a source, every line accounted for once: each line read is a hit before the window (the
 * baseline's among them, and the mark that starts a marked window), a hit in it, a hit after it (the mark or stop-on
 * hit that ends it, and what follows), or malformed, and these parts add up to what was read. Lines longer than the
 * limit are among the malformed.
 *
 * @param bytes bytes read
 * @param read lines read
 * @param beforeWindow hits that came before the window: stamped before its start, or logged before its start mark
 * @param inWindow hits inside the window, which rules and shares count
 * @param afterWindow hits that came after the window: stamped at or after its end, or the mark or stop-on hit that
 *     ended it
 * @param malformed lines that are not hits (including those over the length limit)
 * @param tooLong lines skipped for being longer than the limit
 */
public record LineCounts(long bytes, long read, long beforeWindow, long inWindow, long afterWindow, long malformed,
        long tooLong) implements Serializable {

    /** Nothing read. */
    public static final LineCounts NONE = new LineCounts(0, 0, 0, 0, 0, 0, 0);

    /** The lines that are hits: before, in and after the window. */
    public long parsed() {
        return beforeWindow + inWindow + afterWindow;
    }

    /** Whether the parts add up to what was read, as they must. */
    public boolean addsUp() {
        return beforeWindow + inWindow + afterWindow + malformed == read;
    }

    /** The sum of two counts. */
    public LineCounts plus(LineCounts other) {
        return new LineCounts(bytes + other.bytes, read + other.read, beforeWindow + other.beforeWindow,
                inWindow + other.inWindow, afterWindow + other.afterWindow, malformed + other.malformed,
                tooLong + other.tooLong);
    }
}
