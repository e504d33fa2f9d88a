package io.weblog.check;

import io.weblog.format.LogFormat;
import io.weblog.source.LineSplitter;
import io.weblog.source.LocalFileReader;
import io.weblog.source.ReadControl;
import io.weblog.source.SourceException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads a large local file in parts, one per core, cut at line boundaries, and merges the parts' tallies in file
 * order, so that counts, samples and line numbers are exactly those of a sequential read. Used only where order
 * cannot change the outcome: no stop-on selector, not following.
 */
final class ParallelFileScan {
    /** Files smaller than this are read by one thread: starting more costs more than it saves. */
    static final long MIN_PART_BYTES = 16L * 1024 * 1024;
    private static final int MAX_PARTS = 8;
    private static final int HEAD_BYTES = 64 * 1024;

    private final SourceContext context;
    private final Path path;
    private final ReadControl control;

    ParallelFileScan(SourceContext context, Path path, ReadControl control) {
        this.context = context;
        this.path = path;
        this.control = control;
    }

    /** How many parts a file of this size is read in. */
    static int parts(long size) {
        int cores = Runtime.getRuntime().availableProcessors();
        return (int) Math.max(1, Math.min(Math.min(cores, MAX_PARTS), size / MIN_PART_BYTES));
    }

    EndReason scan(FileChannel channel, long size, int parts, LogFormat configured, Tally total)
            throws SourceException, InterruptedException {
        try {
            LogFormat format = configured;
            if (format == null) {
                String[] problem = new String[1];
                format = context.detect(headLines(channel, size), problem);
                if (format == null) {
                    throw new SourceException(problem[0]);
                }
            }
            long[] bounds = boundaries(channel, size, parts);
            List<Tally> tallies = new ArrayList<>();
            List<Future<EndReason>> futures = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(bounds.length - 2, runnable -> {
                Thread thread = new Thread(runnable, "weblog-scan-" + path.getFileName());
                thread.setDaemon(true);
                return thread;
            });
            try {
                for (int part = 0; part + 1 < bounds.length; part++) {
                    Tally tally = part == 0 ? total : new Tally(total.rules, total.samplesCap, total.groupAll,
                            total.baseline != null);
                    tallies.add(tally);
                    long from = bounds[part];
                    long to = bounds[part + 1];
                    LogFormat partFormat = format;
                    if (part > 0) {
                        futures.add(pool.submit(() -> readPart(channel, from, to, partFormat, tally)));
                    }
                }
                readPart(channel, bounds[0], bounds[1], format, total);
                for (int part = 1; part < tallies.size(); part++) {
                    futures.get(part - 1).get();
                    total.absorb(tallies.get(part));
                }
            } catch (ExecutionException e) {
                if (e.getCause() instanceof SourceException source) {
                    throw source;
                }
                throw new SourceException("cannot read " + path + ": " + e.getCause(), e.getCause());
            } finally {
                pool.shutdownNow();
            }
            return control.cancelled() ? EndReason.CANCELLED : EndReason.END_OF_INPUT;
        } catch (IOException e) {
            throw new SourceException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private EndReason readPart(FileChannel channel, long from, long to, LogFormat format, Tally tally)
            throws SourceException {
        LineProcessor processor = new LineProcessor(context, format, tally, null, null);
        LineSplitter splitter = new LineSplitter(processor, context.maxLineBytes, from);
        try {
            return new LocalFileReader(path).readRange(channel, from, to, splitter, control);
        } finally {
            tally.bytes = splitter.bytes();
        }
    }

    /** Cuts the file into parts that start right after a newline. */
    private static long[] boundaries(FileChannel channel, long size, int parts) throws IOException {
        long[] bounds = new long[parts + 1];
        bounds[parts] = size;
        ByteBuffer probe = ByteBuffer.allocate(64 * 1024);
        for (int part = 1; part < parts; part++) {
            long position = Math.max(bounds[part - 1], size * part / parts);
            long cut = size;
            search:
            while (position < size) {
                probe.clear();
                int read = channel.read(probe, position);
                if (read <= 0) {
                    break;
                }
                for (int i = 0; i < read; i++) {
                    if (probe.get(i) == '\n') {
                        cut = position + i + 1;
                        break search;
                    }
                }
                position += read;
            }
            bounds[part] = cut;
        }
        return bounds;
    }

    private static List<byte[]> headLines(FileChannel channel, long size) throws IOException {
        ByteBuffer head = ByteBuffer.allocate((int) Math.min(size, HEAD_BYTES));
        int read;
        do {
            read = channel.read(head, head.position());
        } while (read > 0 && head.hasRemaining());
        return LineSplitter.wholeLines(head.array(), 0, head.position(), LineProcessor.DETECTION_LINES);
    }
}
