package io.weblog.source;

/** Receives whole lines from a {@link LineSplitter}. */
public interface LineSink {

    /**
     * One complete line, without its terminator ({@code \n} or {@code \r\n}).
     *
     * @param buffer the bytes; valid only during the call
     * @param start where the line starts in {@code buffer}
     * @param end where it ends (exclusive)
     * @param lineNumber its 1-based number among the lines of this reading
     * @param byteOffset the offset of its first byte in the source
     * @return {@code false} when no more lines are wanted
     */
    boolean line(byte[] buffer, int start, int end, long lineNumber, long byteOffset);

    /**
     * A line longer than the limit, skipped without being held in memory.
     *
     * @param lineNumber its 1-based number
     * @param byteOffset the offset of its first byte
     */
    void tooLong(long lineNumber, long byteOffset);
}
