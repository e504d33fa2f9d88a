package io.weblog.source.ssh;

import io.weblog.source.SourceException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.channel.ChannelPipedInputStream;

/**
 * A remote log read by running commands: each operation is one exec channel on the session. Subclasses say which
 * commands ({@link ShellRemoteLog} for a POSIX shell, {@link ServerRemoteLog} for {@code weblog serve}).
 */
abstract class ExecRemoteLog implements RemoteLog {
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(20);
    private static final int POLL_MILLIS = 100;
    private static final int MAX_ERROR_BYTES = 8192;

    final ClientSession session;
    final String path;

    ExecRemoteLog(ClientSession session, String path) {
        this.session = session;
        this.path = path;
    }

    /** What a short command printed and how it exited. */
    record Result(int exitStatus, byte[] out, String err) {
        String text() {
            return new String(out, StandardCharsets.UTF_8);
        }
    }

    /** Runs a command that ends by itself and returns what it printed. */
    Result run(String command) throws IOException {
        try (ChannelExec channel = session.createExecChannel(command)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BoundedBuffer err = new BoundedBuffer(MAX_ERROR_BYTES);
            channel.setOut(out);
            channel.setErr(err);
            channel.open().verify(COMMAND_TIMEOUT);
            var events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), COMMAND_TIMEOUT);
            if (!events.contains(ClientChannelEvent.CLOSED)) {
                throw new IOException("the command did not end within " + COMMAND_TIMEOUT.toSeconds() + " s");
            }
            Integer status = channel.getExitStatus();
            if (status == null && (session.isClosing() || !session.isOpen())) {
                throw new IOException("the connection was lost");
            }
            return new Result(status == null ? -1 : status, out.toByteArray(), err.text());
        }
    }

    /** Opens a command whose output is read as a stream; its standard input stays open until the stream is closed. */
    ExecStream open(String command, String identity) throws IOException {
        ChannelExec channel = session.createExecChannel(command);
        BoundedBuffer err = new BoundedBuffer(MAX_ERROR_BYTES);
        channel.setErr(err);
        channel.open().verify(COMMAND_TIMEOUT);
        return new ExecStream(channel, err, identity);
    }

    /** Interprets a stream's exit: subclasses know which statuses mean "truncated". */
    abstract Ending ending(int exitStatus, String err);

    /** The identity and size of the log now, for rotation checks. */
    abstract FileState current() throws IOException, SourceException;

    @Override
    public void close() {
        // Every channel is closed by the operation that opened it.
    }

    /** A command's output as a stream, read on the caller's thread with short waits. */
    final class ExecStream implements RemoteStream {
        private final ChannelExec channel;
        private final BoundedBuffer err;
        private final String identity;
        private final InputStream out;
        private final OutputStream in;
        private Ending ending;

        ExecStream(ChannelExec channel, BoundedBuffer err, String identity) {
            this.channel = channel;
            this.err = err;
            this.identity = identity;
            this.out = channel.getInvertedOut();
            this.in = channel.getInvertedIn();
            if (out instanceof ChannelPipedInputStream piped) {
                piped.setTimeout(POLL_MILLIS);
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read;
            try {
                read = out.read(buffer, offset, length);
            } catch (SocketException timeout) {
                if (channel.isOpen() && !channel.isClosing()) {
                    return 0;
                }
                throw timeout;
            }
            if (read >= 0) {
                return read;
            }
            var events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED, ClientChannelEvent.EXIT_STATUS),
                    Duration.ofSeconds(5));
            Integer status = channel.getExitStatus();
            if (status == null) {
                if (session.isClosed() || session.isClosing() || !events.contains(ClientChannelEvent.EXIT_STATUS)
                        && channel.getExitSignal() == null) {
                    throw new IOException("the connection was lost");
                }
                ending = new Ending(false, false, "the remote command was killed by signal "
                        + channel.getExitSignal() + (err.text().isEmpty() ? "" : ": " + err.text()));
            } else {
                ending = ExecRemoteLog.this.ending(status, err.text());
            }
            return -1;
        }

        @Override
        public Ending ending() {
            return ending;
        }

        @Override
        public Rotation rotation(long offsetReached) throws IOException, SourceException {
            FileState now = current();
            if (now == null) {
                return Rotation.NONE;
            }
            if (identity != null && !identity.equals(now.identity())) {
                return Rotation.RENAMED;
            }
            return now.size() < offsetReached ? Rotation.TRUNCATED : Rotation.NONE;
        }

        @Override
        public void close() {
            try {
                in.close();
            } catch (IOException ignored) {
                // Closing standard input tells the remote side to stop; if that fails, closing the channel does.
            }
            channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), Duration.ofSeconds(2));
            channel.close(true);
        }
    }

    /** Standard error, kept up to a bound. */
    static final class BoundedBuffer extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final int limit;

        BoundedBuffer(int limit) {
            this.limit = limit;
        }

        @Override
        public synchronized void write(int b) {
            if (bytes.size() < limit) {
                bytes.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, Math.max(0, Math.min(len, limit - bytes.size())));
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8).strip();
        }
    }

    /** A marker for "this account runs no commands", so that the reader falls back to SFTP. */
    static final class ExecRefused extends SourceException {
        private static final long serialVersionUID = 1L;

        ExecRefused(String message) {
            super(message);
        }
    }

    /** Seconds until {@code until}, plus a margin, for a remote timer that outlives no check. */
    static long secondsUntil(Instant until) {
        return Math.max(1, Duration.between(Instant.now(), until).toSeconds() + 5);
    }
}
