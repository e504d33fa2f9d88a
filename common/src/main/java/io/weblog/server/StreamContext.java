package io.weblog.server;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/** What a running stream needs: the log, where to write, and whether to stop. */
final class StreamContext {
    /** The longest pause between two looks at a followed file. */
    static final long POLL_MILLIS = 25;

    private final Path log;
    private final Counting out;
    private final BooleanSupplier stop;
    private final boolean terminal;

    /**
     * @param log the log served
     * @param out the channel's standard output
     * @param stop whether the stream must end now (the channel closed, the client pressed Ctrl-C)
     * @param terminal whether the client asked for a terminal, whose lines end with CR LF
     */
    StreamContext(Path log, OutputStream out, BooleanSupplier stop, boolean terminal) {
        this.log = log;
        this.out = new Counting(out);
        this.stop = stop;
        this.terminal = terminal;
    }

    Path log() {
        return log;
    }

    /** The client's standard output; counts what goes through. */
    OutputStream out() {
        return out;
    }

    /** Bytes written to the client so far. */
    long bytes() {
        return out.count;
    }

    /** Whether the stream must end now. */
    boolean stopped() {
        return stop.getAsBoolean() || Thread.currentThread().isInterrupted();
    }

    /** Whether lines end with CR LF for a terminal. */
    boolean terminal() {
        return terminal;
    }

    /** Waits before looking at a followed file again. */
    static void pause() throws InterruptedException {
        Thread.sleep(POLL_MILLIS);
    }

    /** Counts the bytes written through it. */
    private static final class Counting extends FilterOutputStream {
        private long count;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
