package io.weblog.source;

import io.weblog.check.EndReason;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads a log from a stream such as standard input ({@code tail -F access.log | weblog verify --file - ...}).
 *
 * <p>Read once, the stream is read to its end. Followed, a daemon thread reads it and hands chunks over, so that the
 * window's deadline ends the check even while no byte arrives; the stream's last unterminated line is then dropped
 * as a half line.
 */
public final class StreamReader {
    private static final int CHUNK = 64 * 1024;
    private static final byte[] END = new byte[0];

    private final InputStream in;
    private final String name;

    /**
     * @param in the stream, not closed by this reader
     * @param name how the stream is named in messages
     */
    public StreamReader(InputStream in, String name) {
        this.in = in;
        this.name = name;
    }

    /** Follows the stream when the window is followed ({@link ReadControl#followUntil()}), else reads it to its end. */
    public EndReason read(LineSplitter splitter, ReadControl control) throws SourceException, InterruptedException {
        return control.followUntil() == null ? readAll(splitter, control) : follow(splitter, control);
    }

    /** Reads the stream to its end. */
    public EndReason readAll(LineSplitter splitter, ReadControl control) throws SourceException {
        try {
            while (true) {
                if (control.cancelled()) {
                    return EndReason.CANCELLED;
                }
                int read = splitter.readFrom(in);
                if (read < 0) {
                    return splitter.finish(true) ? EndReason.END_OF_INPUT : EndReason.STOP_HIT;
                }
                control.progress(splitter.bytes(), splitter.lines());
                if (splitter.stopped()) {
                    return EndReason.STOP_HIT;
                }
            }
        } catch (IOException e) {
            throw new SourceException("cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    /** Reads the stream until {@link ReadControl#followUntil()} or its end, whichever comes first. */
    public EndReason follow(LineSplitter splitter, ReadControl control) throws SourceException, InterruptedException {
        BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(64);
        // Written by the pump before it queues END, read after END is taken: the queue orders the two.
        IOException[] failure = new IOException[1];
        Thread pump = new Thread(() -> {
            byte[] chunk = new byte[CHUNK];
            try {
                int read;
                while ((read = in.read(chunk)) >= 0) {
                    if (read > 0) {
                        chunks.put(Arrays.copyOf(chunk, read));
                    }
                }
            } catch (IOException e) {
                failure[0] = e;
            } catch (InterruptedException e) {
                return;
            }
            try {
                chunks.put(END);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "weblog-read-" + name);
        pump.setDaemon(true);
        pump.start();
        Instant until = control.followUntil();
        try {
            while (true) {
                if (control.cancelled()) {
                    return EndReason.CANCELLED;
                }
                long waitMillis = Duration.between(Instant.now(), until).toMillis();
                if (waitMillis <= 0) {
                    return EndReason.WINDOW_ENDED;
                }
                byte[] chunk = chunks.poll(Math.min(waitMillis, 250), TimeUnit.MILLISECONDS);
                if (chunk == null) {
                    if (!control.idle()) {
                        return EndReason.STOP_HIT;
                    }
                    continue;
                }
                if (chunk == END) {
                    if (failure[0] != null) {
                        throw new SourceException("cannot read " + name + ": " + failure[0].getMessage(), failure[0]);
                    }
                    return splitter.finish(false) ? EndReason.END_OF_INPUT : EndReason.STOP_HIT;
                }
                if (!splitter.feed(chunk, 0, chunk.length)) {
                    return EndReason.STOP_HIT;
                }
                control.progress(splitter.bytes(), splitter.lines());
            }
        } finally {
            pump.interrupt();
        }
    }
}
