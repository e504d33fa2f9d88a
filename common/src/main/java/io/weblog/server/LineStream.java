package io.weblog.server;

import io.weblog.Limits;
import io.weblog.format.Field;
import io.weblog.format.FormatDetector;
import io.weblog.format.LogFormat;
import io.weblog.format.ParsedLine;
import io.weblog.source.LineSink;
import io.weblog.source.LineSplitter;
import io.weblog.source.LocalFileReader;
import io.weblog.source.ReadControl;
import io.weblog.source.SourceException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;

/**
 * The commands for people: the log as whole lines, each ending with a newline (CR LF on a terminal). Reading and
 * following, rotation included, is {@link LocalFileReader}'s; this class only writes what it hands on.
 */
final class LineStream {
    private static final int DETECTION_LINES = 20;
    private static final int DETECTION_BYTES = 64 * 1024;

    private final StreamContext context;

    LineStream(StreamContext context) {
        this.context = context;
    }

    /** Streams new lines from the log's current end until the stream is stopped. */
    StreamResult follow() {
        ChannelSink sink = new ChannelSink();
        return follow(sink, sink, false);
    }

    /** Sends the whole log as it is now. */
    StreamResult cat() {
        ChannelSink sink = new ChannelSink();
        LineSplitter splitter = new LineSplitter(sink, Limits.DEFAULT_MAX_LINE_BYTES, 0);
        try (FileChannel channel = LocalFileReader.open(context.log())) {
            new LocalFileReader(context.log()).readRange(channel, 0, Long.MAX_VALUE, splitter, new Control(sink));
        } catch (SourceException e) {
            return context.stopped() ? StreamResult.done("stopped") : StreamResult.failed(1, e.getMessage());
        } catch (IOException e) {
            return StreamResult.failed(1, "cannot read " + context.log() + ": " + e.getMessage());
        }
        sink.flush();
        return sink.failure == null ? StreamResult.done("end of the log") : StreamResult.done("stopped");
    }

    /** Sends the lines from the first logged at or after {@code since}, then follows. */
    StreamResult since(Instant since) {
        ChannelSink sink = new ChannelSink();
        SinceFilter filter = new SinceFilter(sink, since);
        return follow(filter, sink, true);
    }

    private StreamResult follow(LineSink first, ChannelSink sink, boolean fromStart) {
        Control control = new Control(sink);
        control.filter = first instanceof SinceFilter filter ? filter : null;
        LineSplitter splitter = new LineSplitter(first, Limits.DEFAULT_MAX_LINE_BYTES, 0);
        try {
            new LocalFileReader(context.log()).follow(splitter, fromStart, control);
        } catch (SourceException e) {
            if (!context.stopped()) {
                return StreamResult.failed(1, e.getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (control.filter != null && control.filter.failure != null) {
            return StreamResult.failed(1, control.filter.failure);
        }
        sink.flush();
        return StreamResult.done("stopped");
    }

    /** Writes each line to the client; remembers a failed write (the client went away) and wants no more. */
    private final class ChannelSink implements LineSink {
        private final BufferedOutputStream out = new BufferedOutputStream(context.out(), 64 * 1024);
        private final byte[] end = context.terminal() ? new byte[] {'\r', '\n'} : new byte[] {'\n'};
        private IOException failure;
        private boolean dirty;

        @Override
        public boolean line(byte[] buffer, int start, int end, long lineNumber, long byteOffset) {
            if (failure != null) {
                return false;
            }
            try {
                out.write(buffer, start, end - start);
                out.write(this.end);
                dirty = true;
                return true;
            } catch (IOException e) {
                failure = e;
                return false;
            }
        }

        @Override
        public void tooLong(long lineNumber, long byteOffset) {
            // A line longer than the engine parses is not sent: the splitter no longer holds it.
        }

        void flush() {
            if (!dirty || failure != null) {
                return;
            }
            try {
                out.flush();
                dirty = false;
            } catch (IOException e) {
                failure = e;
            }
        }
    }

    /**
     * Passes on the lines from the first whose time is at or after the bound. The format is recognised from the first
     * lines, which are held back until there are enough of them or the log has no more for now.
     */
    private static final class SinceFilter implements LineSink {
        private final LineSink next;
        private final long sinceSecond;
        private final int sinceNanos;
        private final ParsedLine parsed = new ParsedLine();
        private List<byte[]> pending = new ArrayList<>();
        private int pendingBytes;
        private LogFormat.LineParser parser;
        private boolean passing;
        private String failure;

        SinceFilter(LineSink next, Instant since) {
            this.next = next;
            this.sinceSecond = since.getEpochSecond();
            this.sinceNanos = since.getNano();
        }

        @Override
        public boolean line(byte[] buffer, int start, int end, long lineNumber, long byteOffset) {
            if (passing) {
                return next.line(buffer, start, end, lineNumber, byteOffset);
            }
            if (parser == null) {
                pending.add(Arrays.copyOfRange(buffer, start, end));
                pendingBytes += end - start;
                return pending.size() < DETECTION_LINES && pendingBytes < DETECTION_BYTES || settle();
            }
            return judge(buffer, start, end, lineNumber, byteOffset);
        }

        @Override
        public void tooLong(long lineNumber, long byteOffset) {
            next.tooLong(lineNumber, byteOffset);
        }

        /** The log has no more lines for now: decide the format from what came so far. */
        boolean caughtUp() {
            return parser != null || pending.isEmpty() || settle();
        }

        private boolean settle() {
            FormatDetector.Detection detection = FormatDetector.detect(pending);
            if (detection.format() == null) {
                failure = "cannot tell when the lines of the log were logged: none of its first " + pending.size()
                        + " lines is in a format weblog recognises";
                return false;
            }
            parser = detection.format().newParser(EnumSet.of(Field.TIME));
            List<byte[]> held = pending;
            pending = null;
            long number = 0;
            for (byte[] line : held) {
                if (!judge(line, 0, line.length, ++number, 0)) {
                    return false;
                }
            }
            return true;
        }

        private boolean judge(byte[] buffer, int start, int end, long lineNumber, long byteOffset) {
            if (parser.parse(buffer, start, end, parsed) && parsed.hasTime()
                    && (parsed.epochSecond() > sinceSecond
                    || parsed.epochSecond() == sinceSecond && parsed.nanos() >= sinceNanos)) {
                passing = true;
                return next.line(buffer, start, end, lineNumber, byteOffset);
            }
            return true;
        }
    }

    /** Tells the reader to stop when the client is gone, and pushes what was written after each read. */
    private final class Control implements ReadControl {
        private final ChannelSink sink;
        private SinceFilter filter;

        Control(ChannelSink sink) {
            this.sink = sink;
        }

        @Override
        public Instant since() {
            return null;
        }

        @Override
        public Instant followUntil() {
            return Instant.MAX;
        }

        @Override
        public boolean cancelled() {
            return sink.failure != null || filter != null && filter.failure != null || context.stopped();
        }

        @Override
        public void progress(long bytesRead, long linesRead) {
            sink.flush();
        }

        @Override
        public void rotated(String how) {
            sink.flush();
        }

        @Override
        public boolean idle() {
            if (filter != null) {
                filter.caughtUp();
            }
            sink.flush();
            return true;
        }

        @Override
        public void warn(String message) {
            // Nothing to tell: the client sees the lines, the server's events say when the stream ends.
        }
    }
}
