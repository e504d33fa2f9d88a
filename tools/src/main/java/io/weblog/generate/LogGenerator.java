package io.weblog.generate;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Writes realistic access logs of a web shop, deterministically: the same seed and options always give the same bytes.
 * Used by tests, benchmarks, {@code weblog generate} and the live log of {@code weblog demo}.
 *
 * <p>The traffic has the status mix, clients, paths, referrers and oddities of a real site (IPv6 clients, escaped
 * quotes in User-Agents, crawlers, scanners probing {@code /wp-login.php}, timestamps slightly out of order because
 * servers log requests when they complete); with {@linkplain Builder#anomalies(boolean) anomalies} also the rare
 * garbage that parsers must survive. A generator is a stream with state: not thread-safe, one per thread.
 */
public final class LogGenerator {
    private static final int FLUSH_AT = 64 * 1024;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final int[] OTHER_OFFSETS = {2 * 3600, -5 * 3600, 5 * 3600 + 1800, 3600, -8 * 3600};
    private static final double ZONE_CHANGE_SHARE = 1.0 / 8000;

    /** The log formats the generator writes. */
    public enum Style {
        /** Apache's and nginx's {@code combined}. */
        COMBINED("combined"),
        /** Apache's {@code common}: {@code combined} without referrer and User-Agent. */
        COMMON("common"),
        /** Apache's {@code vhost_combined}: {@code combined} prefixed with {@code host:port}. */
        VHOST_COMBINED("vhost_combined"),
        /** Caddy's JSON access log. */
        CADDY_JSON("caddy"),
        /** nginx with a JSON {@code log_format} and {@code escape=json}, keyed by variable names. */
        NGINX_JSON("nginx-json");

        private final String formatName;

        Style(String formatName) {
            this.formatName = formatName;
        }

        /** The name under which the engine's {@code LogFormats.parse} knows this format. */
        public String formatName() {
            return formatName;
        }
    }

    /** The deliberately odd lines that {@linkplain Builder#anomalies(boolean) anomalies} add, each at most ~0.1%. */
    public enum Anomaly {
        /** An ordinary line. */
        NONE,
        /** TLS handshake bytes sent to a plain-HTTP port, logged as the request line with 400 (not by Caddy). */
        TLS_HANDSHAKE,
        /** A connection that sent no request before timing out: request line {@code -} with 408 (not by Caddy). */
        EMPTY_REQUEST,
        /** A path with raw UTF-8, which Apache writes as {@code \xc3\xa9} escapes. */
        RAW_UTF8,
        /** A query string of 4 to 20 KB. */
        LONG_QUERY,
        /** A line cut short, as by a crash or a full disk: malformed on purpose, no format accepts it. */
        TRUNCATED
    }

    private final Rng timing;
    private final Traffic traffic;
    private final LineRenderer renderer;
    private final Draft draft = new Draft();
    private final ByteBuf line = new ByteBuf(1024);
    private final ByteBuf chunk = new ByteBuf(FLUSH_AT + 32 * 1024);
    private final long startNanos;
    private final double meanGapNanos;
    private final int baseOffset;
    private final boolean mixedZones;
    private final boolean textStyle;
    private int offset;
    private long zoneRunLeft;
    private long nextNanos;
    private Anomaly lastAnomaly = Anomaly.NONE;

    private LogGenerator(Builder b) {
        this.timing = new Rng(b.seed ^ 0x5DEECE66DL);
        this.traffic = new Traffic(new Rng(b.seed), new Catalogue(b.site), b.anomalies, b.style,
                List.copyOf(b.bursts), List.copyOf(b.brokenLinks));
        this.renderer = new LineRenderer(b.style, b.site);
        this.startNanos = nanos(b.start, "start");
        this.meanGapNanos = NANOS_PER_SECOND / b.hitsPerSecond;
        this.baseOffset = b.zone.getTotalSeconds();
        this.mixedZones = b.mixedZones;
        this.textStyle = b.style != Style.CADDY_JSON && b.style != Style.NGINX_JSON;
        this.offset = baseOffset;
        this.nextNanos = startNanos;
    }

    /** A builder with the defaults: seed 1, from 2024-10-10T11:00:00Z, 20 hits/s, UTC, combined, with anomalies. */
    public static Builder builder() {
        return new Builder();
    }

    /** The next line, without its newline. */
    public byte[] nextLine() {
        line.clear();
        appendLine(line);
        return Arrays.copyOf(line.bytes, line.length);
    }

    /** The next line as text, without its newline; bytes that are not UTF-8 (in JSON styles) become U+FFFD. */
    public String nextLineText() {
        return new String(nextLine(), StandardCharsets.UTF_8);
    }

    /** Writes the next {@code lines} lines to {@code out}, each ending in a newline, in large chunks; then flushes. */
    public void write(OutputStream out, long lines) throws IOException {
        ByteBuf buffer = chunk;
        buffer.clear();
        for (long i = 0; i < lines; i++) {
            appendLine(buffer);
            buffer.append('\n');
            if (buffer.length >= FLUSH_AT) {
                out.write(buffer.bytes, 0, buffer.length);
                buffer.clear();
            }
        }
        out.write(buffer.bytes, 0, buffer.length);
        buffer.clear();
        out.flush();
    }

    /**
     * When the next line is written by the server: the clock only moves forward, at the configured average rate. A live
     * log waits until this instant before writing the line.
     */
    public Instant clock() {
        return Instant.ofEpochSecond(Math.floorDiv(nextNanos, NANOS_PER_SECOND),
                Math.floorMod(nextNanos, NANOS_PER_SECOND));
    }

    /** Which anomaly the line generated last is, {@link Anomaly#NONE} for an ordinary one. */
    public Anomaly lastAnomaly() {
        return lastAnomaly;
    }

    private void appendLine(ByteBuf out) {
        long completed = nextNanos;
        traffic.next(draft, completed);
        long received = Math.max(startNanos, completed - draft.durationMicros * 1000);
        int lineStart = out.length;
        renderer.render(draft, received, completed, zoneOffset(), out);
        if (draft.anomaly == Anomaly.TRUNCATED) {
            int end = textStyle ? renderer.requestEnd : out.length - 1;
            out.length = lineStart + 10 + timing.nextInt(Math.max(1, end - lineStart - 10));
        }
        lastAnomaly = draft.anomaly;
        nextNanos += 1 + (long) timing.exponential(meanGapNanos);
    }

    /** The base zone, or for a while another one, as when a server's zone setting changes and changes back. */
    private int zoneOffset() {
        if (!mixedZones) {
            return baseOffset;
        }
        if (zoneRunLeft > 0) {
            if (--zoneRunLeft == 0) {
                offset = baseOffset;
            }
        } else if (timing.chance(ZONE_CHANGE_SHARE)) {
            int other = OTHER_OFFSETS[timing.nextInt(OTHER_OFFSETS.length)];
            offset = other != baseOffset ? other : OTHER_OFFSETS[0] != baseOffset ? OTHER_OFFSETS[0] : OTHER_OFFSETS[1];
            zoneRunLeft = timing.between(200, 1500);
        }
        return offset;
    }

    private static long nanos(Instant instant, String what) {
        try {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), NANOS_PER_SECOND), instant.getNano());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(what + " must lie between the years 1678 and 2261: " + instant, e);
        }
    }

    /** Options of a {@link LogGenerator}; every option has a default. */
    public static final class Builder {
        private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?");

        private long seed = 1;
        private Instant start = Instant.parse("2024-10-10T11:00:00Z");
        private double hitsPerSecond = 20;
        private ZoneOffset zone = ZoneOffset.UTC;
        private boolean mixedZones;
        private Style style = Style.COMBINED;
        private String site = "shop.example.com";
        private boolean anomalies = true;
        private final List<Traffic.Burst> bursts = new ArrayList<>();
        private final List<Traffic.BrokenLink> brokenLinks = new ArrayList<>();

        private Builder() {
        }

        /** The seed: the same seed and options give the same log, byte for byte. Default 1. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** When the first line is logged. Default 2024-10-10T11:00:00Z. */
        public Builder start(Instant start) {
            this.start = Objects.requireNonNull(start, "start");
            nanos(start, "start");
            return this;
        }

        /** The average number of lines per second; the gaps between them vary as independent arrivals do. Default 20. */
        public Builder hitsPerSecond(double hitsPerSecond) {
            if (!(hitsPerSecond > 0) || Double.isInfinite(hitsPerSecond) || hitsPerSecond > 1e9) {
                throw new IllegalArgumentException("hits per second must be above 0 and at most 1e9: " + hitsPerSecond);
            }
            this.hitsPerSecond = hitsPerSecond;
            return this;
        }

        /** The UTC offset the server logs times in. Default UTC. */
        public Builder zone(ZoneOffset zone) {
            this.zone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        /** Whether stretches of the log are written in other offsets (+0200, -0500...), as when a server's zone changes. */
        public Builder mixedZones(boolean mixedZones) {
            this.mixedZones = mixedZones;
            return this;
        }

        /** The log format to write. Default {@link Style#COMBINED}. */
        public Builder format(Style style) {
            this.style = Objects.requireNonNull(style, "style");
            return this;
        }

        /** The site's host name, as in internal referrers {@code https://<site>/...} and virtual hosts. */
        public Builder site(String host) {
            Objects.requireNonNull(host, "host");
            if (!HOST.matcher(host).matches()) {
                throw new IllegalArgumentException("site must be a host name such as shop.example.com: " + host);
            }
            this.site = host;
            return this;
        }

        /** Whether rare oddities are mixed in (see {@link Anomaly}), each at most about 0.1% of lines. Default true. */
        public Builder anomalies(boolean anomalies) {
            this.anomalies = anomalies;
            return this;
        }

        /**
         * Makes a share of the lines logged from {@code from} for {@code length} server errors (500, 502, 503, 504), on
         * top of the usual 0.3%; as a failing deploy does.
         */
        public Builder serverErrorBurst(Instant from, Duration length, double share) {
            Objects.requireNonNull(length, "length");
            if (length.isNegative()) {
                throw new IllegalArgumentException("the length of a burst must not be negative: " + length);
            }
            long fromNanos = nanos(Objects.requireNonNull(from, "from"), "from");
            long untilNanos = nanos(from.plus(length), "the end of the burst");
            bursts.add(new Traffic.Burst(fromNanos, untilNanos, share(share)));
            return this;
        }

        /**
         * Makes a share of all lines a 404 for {@code path} with the referrer {@code https://<site><referrerPath>}: a
         * broken link on a page of the site.
         */
        public Builder brokenLink(String path, String referrerPath, double share) {
            brokenLinks.add(new Traffic.BrokenLink(pathBytes(path, "path"), pathBytes(referrerPath, "referrer path"),
                    share(share)));
            return this;
        }

        /** The generator. */
        public LogGenerator build() {
            return new LogGenerator(this);
        }

        private static double share(double share) {
            if (!(share >= 0 && share <= 1)) {
                throw new IllegalArgumentException("a share must be between 0 and 1: " + share);
            }
            return share;
        }

        private static byte[] pathBytes(String path, String what) {
            Objects.requireNonNull(path, what);
            if (!path.startsWith("/") || path.chars().anyMatch(c -> c <= ' ')) {
                throw new IllegalArgumentException(what + " must start with / and contain no white space: " + path);
            }
            return path.getBytes(StandardCharsets.UTF_8);
        }
    }
}
