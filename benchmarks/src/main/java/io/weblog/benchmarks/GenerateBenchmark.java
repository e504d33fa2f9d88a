package io.weblog.benchmarks;

import io.weblog.generate.LogGenerator;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** How fast the log generator writes realistic lines, in lines per second; tests and demos depend on it being cheap. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class GenerateBenchmark {
    private static final int LINES = 100_000;

    private LogGenerator combined;
    private LogGenerator caddy;

    /** One generator per style, continuing across invocations. */
    @Setup
    public void setUp() {
        combined = LogGenerator.builder().format(LogGenerator.Style.COMBINED).build();
        caddy = LogGenerator.builder().format(LogGenerator.Style.CADDY_JSON).build();
    }

    /** Combined lines written to a stream that discards them. */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public void writeCombined() throws Exception {
        combined.write(OutputStream.nullOutputStream(), LINES);
    }

    /** Caddy JSON lines, about four times as long. */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public void writeCaddy() throws Exception {
        caddy.write(OutputStream.nullOutputStream(), LINES);
    }
}
