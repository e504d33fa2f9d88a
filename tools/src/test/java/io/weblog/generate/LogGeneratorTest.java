package io.weblog.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.weblog.format.Field;
import io.weblog.format.LogFormat;
import io.weblog.format.LogFormats;
import io.weblog.format.ParsedLine;
import io.weblog.generate.LogGenerator.Anomaly;
import io.weblog.generate.LogGenerator.Style;
import io.weblog.rule.Rule;
import io.weblog.rule.Selector;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LogGeneratorTest {
    private static final Instant START = Instant.parse("2024-10-10T11:00:00Z");

    @Test
    void sameSeedAndOptionsGiveTheSameBytes() throws Exception {
        assertThat(written(LogGenerator.builder().seed(42).mixedZones(true), 20_000))
                .isEqualTo(written(LogGenerator.builder().seed(42).mixedZones(true), 20_000));
        assertThat(written(LogGenerator.builder().seed(42), 1_000))
                .isNotEqualTo(written(LogGenerator.builder().seed(43), 1_000));
    }

    @Test
    void writeProducesTheSameLinesAsNextLine() throws Exception {
        LogGenerator oneByOne = LogGenerator.builder().seed(7).build();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int i = 0; i < 5_000; i++) {
            expected.write(oneByOne.nextLine());
            expected.write('\n');
        }
        assertThat(written(LogGenerator.builder().seed(7), 5_000)).isEqualTo(expected.toByteArray());
        assertThat(LogGenerator.builder().seed(7).build().nextLineText())
                .isEqualTo(new String(LogGenerator.builder().seed(7).build().nextLine(), StandardCharsets.UTF_8))
                .doesNotContain("\n");
    }

    @Test
    void clockStartsAtStartAndAdvancesAtTheConfiguredAverageRate() {
        LogGenerator generator = LogGenerator.builder().hitsPerSecond(50).build();
        assertThat(generator.clock()).isEqualTo(START);
        Instant previous = generator.clock();
        for (int i = 0; i < 100_000; i++) {
            generator.nextLine();
            assertThat(generator.clock()).isAfter(previous);
            previous = generator.clock();
        }
        double seconds = Duration.between(START, generator.clock()).toMillis() / 1000.0;
        assertThat(seconds).isCloseTo(2_000.0, within(60.0));
    }

    @Test
    void timestampsGoBackNoMoreThanACoupleOfSecondsAsRequestsCompleteOutOfOrder() throws Exception {
        LogGenerator generator = LogGenerator.builder().hitsPerSecond(100).build();
        LogFormat.LineParser parser = LogFormats.parse("combined").newParser();
        ParsedLine line = new ParsedLine();
        long latest = Long.MIN_VALUE;
        long earliest = Long.MAX_VALUE;
        long largestStepBack = 0;
        int inversions = 0;
        for (int i = 0; i < 100_000; i++) {
            byte[] bytes = generator.nextLine();
            if (!parser.parse(bytes, 0, bytes.length, line)) {
                continue;
            }
            long second = line.epochSecond();
            earliest = Math.min(earliest, second);
            if (second < latest) {
                inversions++;
                largestStepBack = Math.max(largestStepBack, latest - second);
            }
            latest = Math.max(latest, second);
        }
        assertThat(earliest).isEqualTo(START.getEpochSecond());
        assertThat(inversions).as("small inversions happen").isPositive();
        assertThat(largestStepBack).isLessThanOrEqualTo(3);
    }

    @Test
    void statusMixStaysWithinBoundsOver100kLines() throws Exception {
        Map<Integer, Integer> statuses = new HashMap<>();
        for (ParsedView hit : parsed(LogGenerator.builder(), Style.COMBINED, 100_000)) {
            statuses.merge(hit.status(), 1, Integer::sum);
        }
        double n = 100_000;
        assertThat(share(statuses, 200) / n).isBetween(0.83, 0.87);
        assertThat(share(statuses, 304) / n).isBetween(0.04, 0.06);
        assertThat((share(statuses, 301) + share(statuses, 302)) / n).isBetween(0.024, 0.036);
        assertThat(share(statuses, 404) / n).isBetween(0.034, 0.046);
        assertThat((share(statuses, 500) + share(statuses, 502) + share(statuses, 503) + share(statuses, 504)) / n)
                .isBetween(0.002, 0.0045);
        for (int small : List.of(400, 403, 408)) {
            assertThat(share(statuses, small) / n).as("status %d", small).isBetween(0.0003, 0.01);
        }
    }

    @Test
    void aboutHalfOfNotFoundsHaveAnInternalReferrerAndTheRestExternalOrNone() throws Exception {
        int internal = 0;
        int external = 0;
        int none = 0;
        for (ParsedView hit : parsed(LogGenerator.builder(), Style.COMBINED, 100_000)) {
            if (hit.status() != 404) {
                continue;
            }
            if (hit.referrer() == null) {
                none++;
            } else if (hit.referrer().startsWith("https://shop.example.com/")) {
                internal++;
            } else {
                external++;
            }
        }
        double all = internal + external + none;
        assertThat(internal / all).isBetween(0.4, 0.6);
        assertThat(external / all).isBetween(0.1, 0.4);
        assertThat(none / all).isBetween(0.1, 0.4);
    }

    @Test
    void clientsUseIpv6AboutOneTimeInSevenAndUsersAreMostlyAbsent() throws Exception {
        int ipv6 = 0;
        int users = 0;
        List<ParsedView> hits = parsed(LogGenerator.builder(), Style.COMBINED, 50_000);
        for (ParsedView hit : hits) {
            ipv6 += hit.client().contains(":") ? 1 : 0;
            users += hit.user() != null ? 1 : 0;
        }
        assertThat(ipv6 / (double) hits.size()).isBetween(0.10, 0.20);
        assertThat(users / (double) hits.size()).isBetween(0.0005, 0.02);
    }

    @Test
    void methodsAreMostlyGetWithPostHeadPutDeleteAndOptions() throws Exception {
        Map<String, Integer> methods = new HashMap<>();
        List<ParsedView> hits = parsed(LogGenerator.builder(), Style.COMBINED, 50_000);
        for (ParsedView hit : hits) {
            if (hit.method() != null) {
                methods.merge(hit.method(), 1, Integer::sum);
            }
        }
        assertThat(methods.get("GET") / (double) hits.size()).isBetween(0.88, 0.97);
        assertThat(methods).containsKeys("POST", "HEAD", "PUT", "DELETE", "OPTIONS");
    }

    @Test
    void averageCombinedLineIsCloseTo211Bytes() throws Exception {
        ByteCounter counter = new ByteCounter();
        LogGenerator.builder().build().write(counter, 300_000);
        double average = counter.bytes / 300_000.0 - 1;
        assertThat(average).isBetween(200.0, 225.0);
    }

    @ParameterizedTest
    @EnumSource(value = Style.class, names = {"COMBINED", "COMMON", "VHOST_COMBINED"})
    void everyTextLineParsesWithTheEnginesFormatExceptTheTruncatedOnes(Style style) throws Exception {
        assertOnlyTruncatedLinesFail(style);
    }

    @Test
    void caddyLinesParseWithTheCaddyFormat() throws Exception {
        assertOnlyTruncatedLinesFail(Style.CADDY_JSON);
    }

    @Test
    void nginxJsonLinesParseWithTheNginxJsonFormat() throws Exception {
        assertOnlyTruncatedLinesFail(Style.NGINX_JSON);
    }

    @Test
    void anomaliesAreRareAndLookAsServersWriteThem() {
        LogGenerator generator = LogGenerator.builder().build();
        Map<Anomaly, List<String>> seen = new EnumMap<>(Anomaly.class);
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            String line = generator.nextLineText();
            seen.computeIfAbsent(generator.lastAnomaly(), a -> new ArrayList<>()).add(line);
        }
        for (Anomaly anomaly : Anomaly.values()) {
            if (anomaly != Anomaly.NONE) {
                assertThat(seen.get(anomaly)).as(anomaly.name()).isNotEmpty();
                assertThat(seen.get(anomaly).size() / (double) n).as(anomaly.name()).isLessThanOrEqualTo(0.0012);
            }
        }
        assertThat(seen.get(Anomaly.TLS_HANDSHAKE)).allMatch(line -> line.contains("\"\\x16\\x03\\x01")
                && line.contains("\\x03\\x03\" 400 "));
        assertThat(seen.get(Anomaly.TLS_HANDSHAKE)).anyMatch(line -> line.contains(
                "\"\\x16\\x03\\x01\\x02\\x00\\x01\\x00\\x01\\xfc\\x03\\x03\" 400 "));
        assertThat(seen.get(Anomaly.EMPTY_REQUEST)).allMatch(line -> line.contains("] \"-\" 408 - \"-\" \"-\""));
        assertThat(seen.get(Anomaly.RAW_UTF8)).allMatch(line -> line.matches(".*\"GET /\\S*\\\\x[c-e][0-9a-f].*"));
        assertThat(seen.get(Anomaly.LONG_QUERY)).allMatch(line -> line.length() > 4_096 && line.length() < 21_000);
    }

    @Test
    void withoutAnomaliesEveryLineIsOrdinaryAndParses() throws Exception {
        LogGenerator generator = LogGenerator.builder().anomalies(false).build();
        LogFormat.LineParser parser = LogFormats.parse("combined").newParser();
        ParsedLine line = new ParsedLine();
        for (int i = 0; i < 50_000; i++) {
            byte[] bytes = generator.nextLine();
            assertThat(generator.lastAnomaly()).isEqualTo(Anomaly.NONE);
            assertThat(parser.parse(bytes, 0, bytes.length, line)).as(line.failure()).isTrue();
            assertThat(bytes.length).isLessThan(4_096);
            for (byte b : bytes) {
                assertThat(b).isBetween((byte) 0x20, (byte) 0x7e);
            }
        }
    }

    @Test
    void someUserAgentsCarryEscapedQuotesAndBackslashesThatTheParserDecodes() throws Exception {
        Set<String> odd = new TreeSet<>();
        for (ParsedView hit : parsed(LogGenerator.builder(), Style.COMBINED, 200_000)) {
            if (hit.agent() != null && (hit.agent().contains("\"") || hit.agent().contains("\\"))) {
                odd.add(hit.agent());
            }
        }
        assertThat(odd).anyMatch(agent -> agent.contains("\"Chrome\""))
                .anyMatch(agent -> agent.endsWith("Toolbar\\)"))
                .anyMatch(agent -> agent.contains("\\\"nightly\\\""));
    }

    @Test
    void serverErrorBurstAppearsOnlyInItsWindow() {
        Instant from = START.plus(Duration.ofMinutes(10));
        LogGenerator generator = LogGenerator.builder().hitsPerSecond(50)
                .serverErrorBurst(from, Duration.ofMinutes(5), 0.3).build();
        int inside = 0;
        int insideErrors = 0;
        int outside = 0;
        int outsideErrors = 0;
        while (generator.clock().isBefore(START.plus(Duration.ofMinutes(25)))) {
            Instant at = generator.clock();
            boolean error = generator.nextLineText().matches(".*\" 50[0234] .*");
            if (!at.isBefore(from) && at.isBefore(from.plus(Duration.ofMinutes(5)))) {
                inside++;
                insideErrors += error ? 1 : 0;
            } else {
                outside++;
                outsideErrors += error ? 1 : 0;
            }
        }
        assertThat(insideErrors / (double) inside).isBetween(0.27, 0.33);
        assertThat(outsideErrors / (double) outside).isLessThan(0.006);
    }

    @Test
    void brokenLinkAppearsAsNotFoundWithItsInternalReferrerAndTripsTheBrokenLinkRule() throws Exception {
        Selector brokenLinks = Rule.parse("broken-links: status=404 referrer^=https://shop.example.com/ max=0")
                .selector();
        Selector injected = Rule.parse("path=/products/old-red-shoes referrer=https://shop.example.com/category/shoes"
                + " status=404 max=0").selector();
        LogGenerator generator = LogGenerator.builder().brokenLink("/products/old-red-shoes", "/category/shoes", 0.01)
                .build();
        LogFormat.LineParser parser = LogFormats.parse("combined").newParser();
        ParsedLine line = new ParsedLine();
        int matches = 0;
        int n = 50_000;
        for (int i = 0; i < n; i++) {
            byte[] bytes = generator.nextLine();
            if (parser.parse(bytes, 0, bytes.length, line) && injected.matches(line)) {
                assertThat(brokenLinks.matches(line)).isTrue();
                matches++;
            }
        }
        assertThat(matches / (double) n).isBetween(0.008, 0.012);
    }

    @Test
    void mixedZonesLogStretchesInOtherOffsets() throws Exception {
        Map<Integer, Integer> mixed = offsets(LogGenerator.builder().mixedZones(true).zone(ZoneOffset.ofHours(2)));
        assertThat(mixed).hasSizeGreaterThan(1).containsKey(7200);
        assertThat(mixed.get(7200) / 100_000.0).isGreaterThan(0.8);
        assertThat(offsets(LogGenerator.builder().zone(ZoneOffset.ofHours(-5)))).containsOnlyKeys(-18000);
        assertThat(LogGenerator.builder().zone(ZoneOffset.ofHours(2)).build().nextLineText())
                .contains("[10/Oct/2024:13:00:00 +0200]");
    }

    @Test
    void siteNamesTheVirtualHostAndInternalReferrers() throws Exception {
        List<ParsedView> hits = parsed(LogGenerator.builder().site("blog.example.org"), Style.VHOST_COMBINED, 5_000);
        assertThat(hits).allMatch(hit -> hit.vhost().equals("blog.example.org"));
        assertThat(hits).anyMatch(hit -> hit.referrer() != null && hit.referrer().startsWith("https://blog.example.org/"));
        assertThat(hits).noneMatch(hit -> hit.referrer() != null && hit.referrer().contains("shop.example.com"));
    }

    @Test
    void writesAMillionLinesInWellUnderTwoSeconds() throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        boolean cpuTime = threads.isCurrentThreadCpuTimeSupported();
        long before = cpuTime ? threads.getCurrentThreadCpuTime() : System.nanoTime();
        LogGenerator.builder().build().write(OutputStream.nullOutputStream(), 1_000_000);
        long elapsed = (cpuTime ? threads.getCurrentThreadCpuTime() : System.nanoTime()) - before;
        assertThat(Duration.ofNanos(elapsed)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void rejectsOptionsThatMakeNoSense() {
        assertThatThrownBy(() -> LogGenerator.builder().hitsPerSecond(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hits per second");
        assertThatThrownBy(() -> LogGenerator.builder().brokenLink("/a", "/b", 1.5))
                .hasMessageContaining("share");
        assertThatThrownBy(() -> LogGenerator.builder().brokenLink("a", "/b", 0.1)).hasMessageContaining("start with /");
        assertThatThrownBy(() -> LogGenerator.builder().site("shop example")).hasMessageContaining("host name");
        assertThatThrownBy(() -> LogGenerator.builder().serverErrorBurst(START, Duration.ofMinutes(-1), 0.1))
                .hasMessageContaining("negative");
        assertThatThrownBy(() -> LogGenerator.builder().start(Instant.MAX)).hasMessageContaining("start");
    }

    private static void assertOnlyTruncatedLinesFail(Style style) throws Exception {
        LogGenerator generator = LogGenerator.builder().format(style).mixedZones(true).build();
        LogFormat.LineParser parser = LogFormats.parse(style.formatName()).newParser();
        ParsedLine line = new ParsedLine();
        int truncated = 0;
        for (int i = 0; i < 100_000; i++) {
            byte[] bytes = generator.nextLine();
            boolean parses = parser.parse(bytes, 0, bytes.length, line);
            if (generator.lastAnomaly() == Anomaly.TRUNCATED) {
                truncated++;
                assertThat(parses).as("truncated line parses: %s", text(bytes)).isFalse();
            } else {
                assertThat(parses).as("%s: %s", line.failure(), text(bytes)).isTrue();
                assertThat(line.status()).isBetween(200, 599);
                assertThat(line.hasTime()).isTrue();
            }
        }
        assertThat(truncated).isBetween(1, 100);
    }

    private static Map<Integer, Integer> offsets(LogGenerator.Builder builder) throws Exception {
        Map<Integer, Integer> offsets = new HashMap<>();
        LogGenerator generator = builder.build();
        LogFormat.LineParser parser = LogFormats.parse("combined").newParser();
        ParsedLine line = new ParsedLine();
        for (int i = 0; i < 100_000; i++) {
            byte[] bytes = generator.nextLine();
            if (parser.parse(bytes, 0, bytes.length, line)) {
                offsets.merge(line.offsetSeconds(), 1, Integer::sum);
            }
        }
        return offsets;
    }

    /** The fields of one parsed line that the tests look at. */
    private record ParsedView(int status, String client, String user, String method, String referrer, String agent,
            String vhost) {
    }

    private static List<ParsedView> parsed(LogGenerator.Builder builder, Style style, int lines) throws Exception {
        LogGenerator generator = builder.format(style).build();
        LogFormat.LineParser parser = LogFormats.parse(style.formatName()).newParser();
        ParsedLine line = new ParsedLine();
        List<ParsedView> views = new ArrayList<>(lines);
        for (int i = 0; i < lines; i++) {
            byte[] bytes = generator.nextLine();
            if (parser.parse(bytes, 0, bytes.length, line)) {
                views.add(new ParsedView(line.status(), line.text(Field.CLIENT), line.text(Field.USER),
                        line.text(Field.METHOD), line.text(Field.REFERRER), line.text(Field.AGENT),
                        line.text(Field.VHOST)));
            }
        }
        return views;
    }

    private static byte[] written(LogGenerator.Builder builder, long lines) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        builder.build().write(out, lines);
        return out.toByteArray();
    }

    private static int share(Map<Integer, Integer> counts, int status) {
        return counts.getOrDefault(status, 0);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static final class ByteCounter extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
