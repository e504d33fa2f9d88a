package io.weblog.cli;

import io.weblog.ConfigException;
import io.weblog.format.Field;
import io.weblog.format.LogFormat;
import io.weblog.format.LogFormats;
import io.weblog.format.ParsedLine;
import io.weblog.rule.Rule;
import io.weblog.rule.Selector;
import io.weblog.source.LineSink;
import io.weblog.source.LineSplitter;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;

/**
 * Gets the engine's hot code compiled while picocli starts up. Building the command line's model takes the main
 * thread over a hundred milliseconds (picocli's classes are too old for the class-data archive); meanwhile a spare
 * core parses a few thousand sample lines, so that the real check starts on compiled code instead of the
 * interpreter. It stops as soon as the real work begins, and does nothing on a single core.
 */
final class Warmup implements Runnable {
    private static final int ROUNDS = 12;
    private static final int LINES = 2000;
    private static final String[] SAMPLE = {
        "203.0.113.7 - - [10/Oct/2024:13:55:36 +0200] \"GET /products/42?page=2 HTTP/2.0\" 200 5123 "
                + "\"https://shop.example.com/category/shoes\" \"Mozilla/5.0 (X11; Linux x86_64; rv:131.0) "
                + "Gecko/20100101 Firefox/131.0\"",
        "2001:db8::1a2b - - [10/Oct/2024:13:55:36 +0200] \"GET /cart HTTP/1.1\" 404 512 \"-\" \"curl/8.5.0\"",
        "198.51.100.4 - alice [10/Oct/2024:13:55:37 +0200] \"POST /api/v1/orders HTTP/1.1\" 502 0 "
                + "\"https://shop.example.com/cart\" \"Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) "
                + "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1\"",
        "192.0.2.99 - - [10/Oct/2024:13:55:37 +0200] \"GET /static/app.3f2a.js HTTP/2.0\" 304 0 "
                + "\"https://shop.example.com/\" \"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
                + "(KHTML, like Gecko) Chrome/129.0.0.0 Safari/537.36 \\\"quoted\\\"\""};
    private static volatile boolean stopped;

    private Warmup() {
    }

    /** Starts warming up in the background. */
    static void start() {
        if (Runtime.getRuntime().availableProcessors() < 2) {
            return;
        }
        Thread thread = new Thread(new Warmup(), "weblog-warmup");
        thread.setDaemon(true);
        thread.start();
    }

    /** The real work begins: stop taking a core from it. */
    static void stop() {
        stopped = true;
    }

    @Override
    public void run() {
        try {
            byte[] bytes = String.join("\n", SAMPLE).repeat(LINES / SAMPLE.length).getBytes(StandardCharsets.UTF_8);
            LogFormat format = LogFormats.combined();
            Set<Field> needed = EnumSet.of(Field.TIME, Field.STATUS, Field.REFERRER, Field.PATH);
            Selector[] selectors = {Rule.parse("status=404 referrer!=- max=0").selector(),
                Rule.parse("status=5xx path^=/api/ max=0.5%").selector()};
            Judge judge = new Judge(format.newParser(needed), format.newParser(), selectors);
            for (int round = 0; round < ROUNDS && !stopped; round++) {
                LineSplitter splitter = new LineSplitter(judge, 1 << 20, 0);
                splitter.feed(bytes, 0, bytes.length);
                splitter.finish(true);
            }
        } catch (ConfigException | RuntimeException e) {
            // Warming up is an optimisation; the real check reports real problems.
        }
    }

    /** Parses and judges each line, as a check does. */
    private static final class Judge implements LineSink {
        private final LogFormat.LineParser parser;
        private final LogFormat.LineParser fullParser;
        private final Selector[] selectors;
        private final ParsedLine line = new ParsedLine();
        private long matches;

        Judge(LogFormat.LineParser parser, LogFormat.LineParser fullParser, Selector[] selectors) {
            this.parser = parser;
            this.fullParser = fullParser;
            this.selectors = selectors;
        }

        @Override
        public boolean line(byte[] buffer, int start, int end, long lineNumber, long byteOffset) {
            if (parser.parse(buffer, start, end, line)) {
                for (Selector selector : selectors) {
                    if (selector.matches(line)) {
                        matches++;
                    }
                }
            }
            if ((lineNumber & 63) == 0 && fullParser.parse(buffer, start, end, line)) {
                matches += line.toHit("warmup", lineNumber, byteOffset).status();
            }
            return !stopped;
        }

        @Override
        public void tooLong(long lineNumber, long byteOffset) {
            matches--;
        }
    }
}
