package io.weblog.format;

import java.util.Set;

/**
 * A way of writing hits as lines: turns the bytes of one line into a {@link ParsedLine}, or says why not.
 *
 * <p>Formats are immutable and shared; each thread that parses asks for its own {@link LineParser}, which may keep
 * caches (the last time stamp converted, say). Obtain formats from {@link LogFormats}.
 */
public interface LogFormat {

    /** The name a user gives to select this format, such as {@code combined} or {@code nginx:<log_format>}. */
    String name();

    /** The fields that lines of this format carry. */
    Set<Field> fields();

    /** A parser for one thread. */
    LineParser newParser();

    /**
     * A parser for one thread that needs to extract only {@code needed}: a format may then skip values that come
     * after the last needed one, so long as the line still ends the way the format does. Lines it reads this way are
     * marked {@linkplain ParsedLine#isComplete() incomplete}; parse them again with {@link #newParser()} to see every
     * field. By default, every field is parsed.
     */
    default LineParser newParser(Set<Field> needed) {
        return newParser();
    }

    /** Parses lines of one {@link LogFormat}; not thread-safe. */
    interface LineParser {
        /**
         * Parses {@code buffer[start..end)}, one line without its terminator, into {@code into} (which this method
         * resets first). Returns {@code false} when the line is not a hit; {@link ParsedLine#failure()} says why.
         */
        boolean parse(byte[] buffer, int start, int end, ParsedLine into);
    }
}
