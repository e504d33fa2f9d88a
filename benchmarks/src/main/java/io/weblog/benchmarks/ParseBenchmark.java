package io.weblog.benchmarks;

import io.weblog.Limits;
import io.weblog.format.LogFormat;
import io.weblog.format.LogFormats;
import io.weblog.format.ParsedLine;
import io.weblog.generate.LogGenerator;
import io.weblog.rule.Rule;
import io.weblog.rule.Selector;
import io.weblog.source.LineSink;
import io.weblog.source.LineSplitter;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The engine's hot path on 100,000 realistic combined lines held in memory: every score is in lines per second on one
 * thread. {@code parse} is the floor the others build on; {@code parseAndJudge} is what a check does per line.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ParseBenchmark {
    /** Lines per invocation; the scores divide by it. */
    public static final int LINES = 100_000;
    private static final int CHUNK = 64 * 1024;

    private byte[] data;
    private int[] starts;
    private int[] ends;
    private LogFormat.LineParser parser;
    private final ParsedLine line = new ParsedLine();
    private Selector linkedNotFound;
    private Selector serverErrors;

    /** Generates the lines once and finds where each one starts and ends. */
    @Setup
    public void setUp() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream(LINES * 220);
        LogGenerator.builder().format(LogGenerator.Style.COMBINED).build().write(out, LINES);
        data = out.toByteArray();
        starts = new int[LINES];
        ends = new int[LINES];
        int at = 0;
        for (int i = 0; i < LINES; i++) {
            starts[i] = at;
            while (data[at] != '\n') {
                at++;
            }
            ends[i] = at;
            at++;
        }
        parser = LogFormats.parse("combined").newParser();
        linkedNotFound = Rule.parse("status=404 referrer!=- max=0").selector();
        serverErrors = Rule.parse("status=5xx max=0.5%").selector();
    }

    /** Parsing alone, into one reused line. */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public int parse() {
        int parsed = 0;
        for (int i = 0; i < LINES; i++) {
            if (parser.parse(data, starts[i], ends[i], line)) {
                parsed++;
            }
        }
        return parsed;
    }

    /** Parsing and the selectors of two rules, as a check does for every line. */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public int parseAndJudge() {
        int matches = 0;
        for (int i = 0; i < LINES; i++) {
            if (parser.parse(data, starts[i], ends[i], line)) {
                if (linkedNotFound.matches(line)) {
                    matches++;
                }
                if (serverErrors.matches(line)) {
                    matches++;
                }
            }
        }
        return matches;
    }

    /** Parsing and turning every line into a {@link io.weblog.format.Hit}, every field a String. */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public void parseAndMaterialise(Blackhole hits) {
        for (int i = 0; i < LINES; i++) {
            if (parser.parse(data, starts[i], ends[i], line)) {
                hits.consume(line.toHit("bench", i + 1L, starts[i]));
            }
        }
    }

    /** Cutting the whole buffer, fed in 64 KiB chunks, into lines. */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public long splitLines() {
        CountingSink sink = new CountingSink();
        LineSplitter splitter = new LineSplitter(sink, Limits.DEFAULT_MAX_LINE_BYTES, 0);
        for (int at = 0; at < data.length; at += CHUNK) {
            splitter.feed(data, at, Math.min(CHUNK, data.length - at));
        }
        splitter.finish(true);
        return sink.lines + sink.bytes;
    }

    /** Runs this class's benchmarks, or whatever JMH options are given. */
    public static void main(String[] args) throws Exception {
        org.openjdk.jmh.Main.main(args.length > 0 ? args : new String[] {ParseBenchmark.class.getSimpleName()});
    }

    /** Counts lines and their bytes, so that the splitter's work cannot be optimised away. */
    private static final class CountingSink implements LineSink {
        long lines;
        long bytes;

        @Override
        public boolean line(byte[] buffer, int start, int end, long lineNumber, long byteOffset) {
            lines++;
            bytes += end - start;
            return true;
        }

        @Override
        public void tooLong(long lineNumber, long byteOffset) {
            lines++;
        }
    }
}
