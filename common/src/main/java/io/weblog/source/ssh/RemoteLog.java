package io.weblog.source.ssh;

import io.weblog.source.SourceException;
import java.io.IOException;
import java.time.Instant;

/**
 * What reading a remote log needs, whatever carries it: a POSIX shell with {@code tail}, a {@code weblog serve}
 * endpoint, or SFTP. The reader above it decides where to start, follows rotation and resumes after a dropped
 * connection; a remote log only answers for one file at a time.
 */
interface RemoteLog extends AutoCloseable {

    /** The log itself, or its rotated predecessor ({@code access.log.1}). */
    enum Which {
        CURRENT, PREVIOUS
    }

    /**
     * A file's identity (its inode, where the carrier can tell; else {@code null}) and size.
     *
     * @param identity the inode, or {@code null} when unknown
     * @param size the size in bytes
     */
    record FileState(String identity, long size) {
    }

    /** How the log is read, for messages: "sh and tail", "weblog serve", "SFTP". */
    String describe();

    /** The file's state, or {@code null} when it does not exist. */
    FileState stat(Which which) throws IOException, SourceException;

    /** Up to {@code length} bytes from {@code offset}, for looking at a part of a large log; fewer at its end. */
    byte[] read(Which which, long offset, int length) throws IOException, SourceException;

    /**
     * Streams the file from {@code offset}: to its end, or, when following, on as it grows (the same file even after
     * it is renamed, like {@code tail -f}) until the stream is closed.
     *
     * @param until when following must end at the latest; the remote side stops by itself then, even if the client
     *     is gone
     */
    RemoteStream stream(Which which, long offset, boolean follow, Instant until) throws IOException, SourceException;

    /** Closes whatever the carrier holds open (not the session). */
    @Override
    void close();

    /** Bytes of one file arriving from the remote side. */
    interface RemoteStream extends AutoCloseable {

        /**
         * Reads what has arrived.
         *
         * @return the number of bytes read; 0 when nothing arrived for a moment (about a tenth of a second); -1 when
         *     the stream ended ({@link #ending()} says how)
         * @throws IOException when the connection failed
         */
        int read(byte[] buffer, int offset, int length) throws IOException;

        /** How the stream ended, once {@link #read} returned -1. */
        Ending ending();

        /**
         * Whether the file being followed was renamed away or truncated, looked up now.
         *
         * @param offsetReached the offset in the file up to which bytes arrived
         */
        Rotation rotation(long offsetReached) throws IOException, SourceException;

        /** Stops the stream and the remote command at once. */
        @Override
        void close();
    }

    /**
     * How a stream ended.
     *
     * @param complete the whole file was sent and the remote side ended normally
     * @param truncated the file was truncated below the position reached
     * @param message what the remote side said on failure (its standard error), or {@code ""}
     */
    record Ending(boolean complete, boolean truncated, String message) {
    }

    /** What happened to a followed file. */
    enum Rotation {
        /** Nothing. */
        NONE,
        /** The log's path now names another file; the one being read was renamed away. */
        RENAMED,
        /** The file was truncated below the position reached. */
        TRUNCATED
    }
}
