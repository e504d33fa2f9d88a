package io.weblog.source;

import io.weblog.format.Bytes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts a stream of bytes, arriving in chunks of any size, into lines. A line split across chunks is carried over
 * until its end arrives, so a half line is never handed on; a line longer than the limit is skipped as it streams
 * past and reported once, so memory stays bounded by the limit whatever the input.
 *
 * <p>Readers either copy chunks in with {@link #feed} (network sources) or let the splitter read straight into its
 * buffer ({@link #readFrom(FileChannel, long)}, {@link #readFrom(InputStream)}).
 */
public final class LineSplitter {
    private static final int INITIAL_CAPACITY = 256 * 1024;
    private static final int READ_SIZE = 256 * 1024;

    private final LineSink sink;
    private final int maxLineBytes;
    private byte[] buffer;
    private int start;
    private int end;
    private long bufferOffset;
    private long lineNumber;
    private long bytesSeen;
    private boolean skipping;
    private boolean stopped;

    /**
     * @param sink where lines go
     * @param maxLineBytes the longest line handed on; longer ones are skipped
     * @param startOffset the offset in the source of the first byte that will arrive
     */
    public LineSplitter(LineSink sink, int maxLineBytes, long startOffset) {
        this.sink = sink;
        this.maxLineBytes = maxLineBytes;
        this.buffer = new byte[Math.min(INITIAL_CAPACITY, maxLineBytes + 2) + READ_SIZE];
        this.bufferOffset = startOffset;
    }

    /** Copies a chunk in and hands on every line it completes; {@code false} once the sink wants no more. */
    public boolean feed(byte[] chunk, int offset, int length) {
        int at = offset;
        int remaining = length;
        while (remaining > 0 && !stopped) {
            ensureRoom();
            int count = Math.min(remaining, buffer.length - end);
            System.arraycopy(chunk, at, buffer, end, count);
            end += count;
            bytesSeen += count;
            at += count;
            remaining -= count;
            drain();
        }
        return !stopped;
    }

    /**
     * Reads the next chunk of a file at {@code position} straight into the buffer and hands on the lines it completes.
     *
     * @return the number of bytes read, or -1 at the end of the file
     */
    public int readFrom(FileChannel channel, long position) throws IOException {
        return readFrom(channel, position, Long.MAX_VALUE);
    }

    /**
     * Like {@link #readFrom(FileChannel, long)}, reading no more than {@code limit} bytes.
     *
     * @return the number of bytes read, or -1 at the end of the file
     */
    public int readFrom(FileChannel channel, long position, long limit) throws IOException {
        ensureRoom();
        int length = (int) Math.min(limit, Math.min(READ_SIZE, buffer.length - end));
        int read = channel.read(ByteBuffer.wrap(buffer, end, length), position);
        if (read > 0) {
            end += read;
            bytesSeen += read;
            drain();
        }
        return read;
    }

    /** Like {@link #readFrom(FileChannel, long)} for a stream; blocks until bytes arrive. */
    public int readFrom(InputStream in) throws IOException {
        ensureRoom();
        int read = in.read(buffer, end, Math.min(READ_SIZE, buffer.length - end));
        if (read > 0) {
            end += read;
            bytesSeen += read;
            drain();
        }
        return read;
    }

    /**
     * The input ended. The unterminated last line is handed on when {@code lastLineComplete} (a file that does not end
     * with a newline), and dropped otherwise (a live log whose writer has not finished the line).
     *
     * @return {@code false} when the sink wants no more
     */
    public boolean finish(boolean lastLineComplete) {
        if (!stopped && lastLineComplete && end > start && !skipping) {
            int lineStart = start;
            int lineEnd = buffer[end - 1] == '\r' ? end - 1 : end;
            lineNumber++;
            long lineOffset = bufferOffset + lineStart;
            start = end;
            if (end - lineStart > maxLineBytes) {
                sink.tooLong(lineNumber, lineOffset);
            } else if (!sink.line(buffer, lineStart, lineEnd, lineNumber, lineOffset)) {
                stopped = true;
            }
        }
        return !stopped;
    }

    /**
     * Reading starts in the middle of a line (following a log from its end while a line was being written): the bytes
     * up to the next newline are the rest of a line that is not counted, and are dropped without a word.
     */
    public void startMidLine() {
        skipping = true;
    }

    /** Drops a partial line held back, as when a followed file is replaced by a new one. */
    public void discardPartialLine() {
        start = end;
        skipping = false;
    }

    /** Whether a partial line is held back waiting for its end. */
    public boolean hasPartialLine() {
        return end > start || skipping;
    }

    /** Lines seen so far, including skipped long ones. */
    public long lines() {
        return lineNumber;
    }

    /** Bytes received so far. */
    public long bytes() {
        return bytesSeen;
    }

    /** The offset in the source up to which bytes have been handed on as whole lines. */
    public long consumedOffset() {
        return bufferOffset + start;
    }

    /** Whether the sink asked to stop. */
    public boolean stopped() {
        return stopped;
    }

    private void drain() {
        byte[] b = buffer;
        int s = start;
        int limit = end;
        while (s < limit) {
            int newline = indexOfNewline(b, s, limit);
            if (newline < 0) {
                break;
            }
            if (skipping) {
                skipping = false;
                s = newline + 1;
                continue;
            }
            lineNumber++;
            long lineOffset = bufferOffset + s;
            if (newline - s > maxLineBytes) {
                sink.tooLong(lineNumber, lineOffset);
            } else {
                int lineEnd = newline > s && b[newline - 1] == '\r' ? newline - 1 : newline;
                if (!sink.line(b, s, lineEnd, lineNumber, lineOffset)) {
                    start = newline + 1;
                    stopped = true;
                    return;
                }
            }
            s = newline + 1;
        }
        start = s;
        if (!skipping && end - start > maxLineBytes) {
            lineNumber++;
            sink.tooLong(lineNumber, bufferOffset + start);
            skipping = true;
        }
        if (skipping) {
            start = end;
        }
    }

    /** Makes room for another read: moves the partial line to the front, growing the buffer for a long line. */
    private void ensureRoom() {
        if (start == end) {
            bufferOffset += start;
            start = 0;
            end = 0;
        }
        if (buffer.length - end >= READ_SIZE / 4) {
            return;
        }
        int pending = end - start;
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, pending);
            bufferOffset += start;
            start = 0;
            end = pending;
        }
        if (buffer.length - end < READ_SIZE / 4) {
            buffer = Arrays.copyOf(buffer, Math.min(Math.max(buffer.length * 2, pending + READ_SIZE),
                    maxLineBytes + 2 + READ_SIZE));
        }
    }

    /**
     * The whole, non-blank lines of a block of bytes read from the middle of a log, without their terminators: for
     * looking at a sample (recognising a format, finding where a window starts). Bytes after the last newline are
     * not a whole line and are left out.
     *
     * @param bytes the block
     * @param from where the first line starts
     * @param to where the block ends (exclusive)
     * @param max the most lines wanted
     */
    public static List<byte[]> wholeLines(byte[] bytes, int from, int to, int max) {
        List<byte[]> lines = new ArrayList<>();
        int start = from;
        for (int newline = indexOfNewline(bytes, start, to); newline >= 0 && lines.size() < max;
                newline = indexOfNewline(bytes, start, to)) {
            int lineEnd = newline > start && bytes[newline - 1] == '\r' ? newline - 1 : newline;
            if (lineEnd > start) {
                lines.add(Arrays.copyOfRange(bytes, start, lineEnd));
            }
            start = newline + 1;
        }
        return lines;
    }

    private static int indexOfNewline(byte[] b, int from, int to) {
        return Bytes.indexOf(b, from, to, (byte) '\n');
    }
}
