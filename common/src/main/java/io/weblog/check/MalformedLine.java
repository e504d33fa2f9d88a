package io.weblog.check;

import java.io.Serializable;

/**
 * A line that is not a hit, kept as a sample so a person can see what the format did not expect.
 *
 * @param line its 1-based line number
 * @param byteOffset the offset of its first byte
 * @param reason why it did not parse
 * @param text the line, shortened to at most {@link #MAX_TEXT} characters
 */
public record MalformedLine(long line, long byteOffset, String reason, String text) implements Serializable {
    /** How much of a malformed line is kept. */
    public static final int MAX_TEXT = 512;

    /** The same line at another line number. */
    public MalformedLine atLine(long lineNumber) {
        return new MalformedLine(lineNumber, byteOffset, reason, text);
    }
}
