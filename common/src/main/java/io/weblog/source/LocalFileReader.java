package io.weblog.source;

import io.weblog.check.EndReason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;

/**
 * Reads a local log: once from a given offset to its end, or followed live like {@code tail -F} until a deadline.
 *
 * <p>Following survives both kinds of rotation. When the path is renamed away and a new file appears, the old file is
 * read to its end first (the web server keeps writing to it until it reopens its log), then the new one from its
 * start, so no line is lost, as can happen with {@code tail -F}. When the file is truncated in place
 * ({@code copytruncate}), reading restarts at its beginning; a truncation that the file regrew past before the next
 * look is caught by comparing the first bytes of the file.
 */
public final class LocalFileReader {
    private static final long POLL_NANOS = 25_000_000L;
    private static final int HEAD_BYTES = 64;
    private static final long OLD_FILE_GRACE_NANOS = 1_000_000_000L;

    private final Path path;

    /** A reader of {@code path}. */
    public LocalFileReader(Path path) {
        this.path = path;
    }

    /** Opens the file for reading, with messages a user understands. */
    public static FileChannel open(Path path) throws SourceException {
        try {
            if (Files.isDirectory(path)) {
                throw new SourceException(path + " is a directory, not a log file");
            }
            return FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new SourceException("no such file: " + path);
        } catch (AccessDeniedException e) {
            throw new SourceException("permission denied: " + path);
        } catch (IOException e) {
            throw new SourceException("cannot open " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads {@code [from, to)} of the file into the splitter; the last line counts even without a newline when it
     * ends the file.
     */
    public EndReason readRange(FileChannel channel, long from, long to, LineSplitter splitter, ReadControl control)
            throws SourceException {
        long position = from;
        try {
            while (position < to) {
                if (control.cancelled()) {
                    return EndReason.CANCELLED;
                }
                int read = splitter.readFrom(channel, position, to - position);
                if (read < 0) {
                    break;
                }
                position += read;
                control.progress(splitter.bytes(), splitter.lines());
                if (splitter.stopped()) {
                    return EndReason.STOP_HIT;
                }
            }
        } catch (IOException e) {
            throw new SourceException("cannot read " + path + ": " + e.getMessage(), e);
        }
        return splitter.finish(true) ? EndReason.END_OF_INPUT : EndReason.STOP_HIT;
    }

    /**
     * Follows the file until {@link ReadControl#followUntil()}, starting at its beginning ({@code fromStart}) or at its
     * current end.
     *
     * @return why following stopped: the window ended, the sink asked to stop, or the check was cancelled
     */
    public EndReason follow(LineSplitter splitter, boolean fromStart, ReadControl control)
            throws SourceException, InterruptedException {
        Instant until = control.followUntil();
        FileChannel channel = open(path);
        FileChannel retiring = null;
        try {
            Object identity = identity(path);
            long position = fromStart ? 0 : channel.size();
            if (position > 0 && !endsWithNewline(channel, position)) {
                splitter.startMidLine();
            }
            byte[] head = head(channel);
            long retiringPosition = 0;
            long retiringQuietSince = 0;
            while (true) {
                if (control.cancelled()) {
                    return EndReason.CANCELLED;
                }
                if (!Instant.now().isBefore(until)) {
                    return EndReason.WINDOW_ENDED;
                }
                if (retiring != null) {
                    int read = splitter.readFrom(retiring, retiringPosition);
                    if (read > 0) {
                        retiringPosition += read;
                        retiringQuietSince = System.nanoTime();
                        control.progress(splitter.bytes(), splitter.lines());
                        if (splitter.stopped()) {
                            return EndReason.STOP_HIT;
                        }
                        continue;
                    }
                    if (System.nanoTime() - retiringQuietSince < OLD_FILE_GRACE_NANOS && channel.size() == 0) {
                        if (!control.idle()) {
                            return EndReason.STOP_HIT;
                        }
                        pause();
                        continue;
                    }
                    closeQuietly(retiring);
                    retiring = null;
                    splitter.discardPartialLine();
                    control.rotated("renamed; reading the new " + path.getFileName() + " from its start");
                }
                if (channel.size() < position
                        || head.length > 0 && !Arrays.equals(head(channel, head.length), head)) {
                    splitter.discardPartialLine();
                    position = 0;
                    head = head(channel);
                    control.rotated("truncated; reading " + path.getFileName() + " again from its start");
                }
                int read = splitter.readFrom(channel, position);
                if (read > 0) {
                    position += read;
                    control.progress(splitter.bytes(), splitter.lines());
                    if (splitter.stopped()) {
                        return EndReason.STOP_HIT;
                    }
                    if (head.length < HEAD_BYTES) {
                        head = head(channel);
                    }
                    continue;
                }
                Object current = identity(path);
                if (current != null && !current.equals(identity)) {
                    FileChannel next = openIfPresent(path);
                    if (next != null) {
                        retiring = channel;
                        retiringPosition = position;
                        retiringQuietSince = System.nanoTime();
                        channel = next;
                        identity = current;
                        position = 0;
                        head = head(channel);
                        continue;
                    }
                }
                if (!control.idle()) {
                    return EndReason.STOP_HIT;
                }
                pause();
            }
        } catch (IOException e) {
            throw new SourceException("cannot read " + path + ": " + e.getMessage(), e);
        } finally {
            closeQuietly(channel);
            if (retiring != null) {
                closeQuietly(retiring);
            }
        }
    }

    private static boolean endsWithNewline(FileChannel channel, long size) throws IOException {
        ByteBuffer last = ByteBuffer.allocate(1);
        return channel.read(last, size - 1) == 1 && last.get(0) == '\n';
    }

    private static void pause() throws InterruptedException {
        Thread.sleep(POLL_NANOS / 1_000_000L);
    }

    private static FileChannel openIfPresent(Path path) {
        try {
            return FileChannel.open(path, StandardOpenOption.READ);
        } catch (IOException e) {
            return null;
        }
    }

    /** The file's identity (inode and device where the platform has them), or {@code null} when it is absent. */
    private static Object identity(Path path) {
        try {
            Object key = Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
            return key != null ? key : Files.getLastModifiedTime(path);
        } catch (IOException e) {
            return null;
        }
    }

    private static byte[] head(FileChannel channel) throws IOException {
        return head(channel, HEAD_BYTES);
    }

    private static byte[] head(FileChannel channel, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, buffer.position()) <= 0) {
                break;
            }
        }
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing a read-only channel loses nothing.
        }
    }
}
