package io.weblog.server;

import io.weblog.source.LocalFileReader;
import io.weblog.source.SourceException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Map;

/**
 * The commands for weblog's own client: a file's identity and size, and its raw bytes by offset. The client splits
 * lines and notices rotation itself; these only answer exactly what was asked, about the log or its predecessor.
 */
final class ByteStream {
    private static final int CHUNK = 64 * 1024;
    private static final int HEAD_BYTES = 64;
    private static final long BURST = 16L * CHUNK;

    private final StreamContext context;
    private final ByteBuffer buffer = ByteBuffer.allocate(CHUNK);

    ByteStream(StreamContext context) {
        this.context = context;
    }

    /** Answers {@code <inode> <size> <file name>\n} of the log or its predecessor. */
    StreamResult stat(boolean previous) {
        Path file = ServeRequest.file(context.log(), previous);
        String identity;
        long size;
        try {
            Map<String, Object> attributes = Files.readAttributes(file, "unix:ino,size,isDirectory,isRegularFile");
            if (Boolean.TRUE.equals(attributes.get("isDirectory"))) {
                return StreamResult.failed(ServeProtocol.EXIT_NO_FILE, file + " is a directory, not a log file");
            }
            if (!Boolean.TRUE.equals(attributes.get("isRegularFile"))) {
                return StreamResult.failed(ServeProtocol.EXIT_NO_FILE, file + " is not a regular file");
            }
            identity = attributes.get("ino").toString();
            size = (Long) attributes.get("size");
        } catch (UnsupportedOperationException | IllegalArgumentException notUnix) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                identity = Long.toString(attributes.creationTime().toMillis());
                size = attributes.size();
            } catch (IOException e) {
                return unreadable(file, e);
            }
        } catch (IOException e) {
            return unreadable(file, e);
        }
        try {
            context.out().write((identity + " " + size + " " + file.getFileName() + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            context.out().flush();
        } catch (IOException clientGone) {
            return StreamResult.done("stopped");
        }
        return StreamResult.done(identity + " " + size);
    }

    /** Sends the bytes from {@code offset}, at most {@code length} of them ({@code -1}: to the end as it is now). */
    StreamResult read(boolean previous, long offset, long length) {
        Path file = ServeRequest.file(context.log(), previous);
        try (FileChannel channel = LocalFileReader.open(file)) {
            long size = channel.size();
            if (offset > size) {
                return beyondEnd(offset, size);
            }
            long end = length < 0 ? size : offset + Math.min(length, size - offset);
            copy(channel, offset, end);
            flush();
            return StreamResult.done("sent " + offset + ".." + end);
        } catch (SourceException e) {
            return StreamResult.failed(ServeProtocol.EXIT_NO_FILE, e.getMessage());
        } catch (ClientGone e) {
            return StreamResult.done("stopped");
        } catch (IOException e) {
            return context.stopped() ? StreamResult.done("stopped") : unreadable(file, e);
        }
    }

    /**
     * Sends the log's bytes from {@code offset}, then keeps reading the file opened at the start, whatever its name
     * becomes, until the stream is stopped; ends with {@code truncated} when the file shrinks below what was sent or
     * its first bytes change (truncated and written again before this looked).
     */
    StreamResult follow(long offset) {
        Path file = context.log();
        try (FileChannel channel = LocalFileReader.open(file)) {
            long size = channel.size();
            if (offset > size) {
                return beyondEnd(offset, size);
            }
            long position = offset;
            byte[] head = head(channel, HEAD_BYTES);
            while (!context.stopped()) {
                size = channel.size();
                if (size < position || !Arrays.equals(head(channel, head.length), head)) {
                    return StreamResult.failed(ServeProtocol.EXIT_BAD_OFFSET, ServeProtocol.TRUNCATED);
                }
                if (head.length < HEAD_BYTES && size > head.length) {
                    head = head(channel, HEAD_BYTES);
                }
                if (size > position) {
                    position = copy(channel, position, Math.min(size, position + BURST));
                    flush();
                    continue;
                }
                StreamContext.pause();
            }
            return StreamResult.done("stopped");
        } catch (SourceException e) {
            return StreamResult.failed(ServeProtocol.EXIT_NO_FILE, e.getMessage());
        } catch (ClientGone e) {
            return StreamResult.done("stopped");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return StreamResult.done("stopped");
        } catch (IOException e) {
            return context.stopped() ? StreamResult.done("stopped") : unreadable(file, e);
        }
    }

    /** Copies {@code [from, to)}, or less if the file shrank meanwhile; returns the position reached. */
    private long copy(FileChannel channel, long from, long to) throws IOException, ClientGone {
        long position = from;
        while (position < to && !context.stopped()) {
            buffer.clear();
            buffer.limit((int) Math.min(CHUNK, to - position));
            int read = channel.read(buffer, position);
            if (read <= 0) {
                break;
            }
            try {
                context.out().write(buffer.array(), 0, read);
            } catch (IOException e) {
                throw new ClientGone();
            }
            position += read;
        }
        return position;
    }

    private void flush() throws ClientGone {
        try {
            context.out().flush();
        } catch (IOException e) {
            throw new ClientGone();
        }
    }

    private static byte[] head(FileChannel channel, int length) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(length);
        while (head.hasRemaining() && channel.read(head, head.position()) > 0) {
            // Reads until the buffer is full or the file ends.
        }
        return Arrays.copyOf(head.array(), head.position());
    }

    private static StreamResult beyondEnd(long offset, long size) {
        return StreamResult.failed(ServeProtocol.EXIT_BAD_OFFSET,
                "offset " + offset + " is beyond the end (" + size + ")");
    }

    private static StreamResult unreadable(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return StreamResult.failed(ServeProtocol.EXIT_NO_FILE, "no such file: " + file);
        }
        return StreamResult.failed(ServeProtocol.EXIT_NO_FILE, "cannot read " + file + ": " + e.getMessage());
    }

    /** Writing to the client failed: it went away. */
    private static final class ClientGone extends Exception {
        private static final long serialVersionUID = 1L;

        ClientGone() {
            super(null, null, false, false);
        }
    }
}
