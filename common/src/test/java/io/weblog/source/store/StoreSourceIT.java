package io.weblog.source.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.weblog.CheckConfig;
import io.weblog.ConfigException;
import io.weblog.Weblog;
import io.weblog.check.CheckEvent;
import io.weblog.check.EndReason;
import io.weblog.check.Outcome;
import io.weblog.check.PathGroups;
import io.weblog.check.RuleResult;
import io.weblog.check.SourceVerdict;
import io.weblog.check.Verdict;
import io.weblog.format.Hit;
import io.weblog.format.LogFormats;
import io.weblog.Secret;
import io.weblog.testing.EcsDocuments;
import io.weblog.testing.NginxProxy;
import io.weblog.testing.OpenSearchNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log-store source against a real OpenSearch node: the same lines judged from a file and from the store (counted
 * in the store, and read document by document) give the same verdict, count for count; following while documents are
 * indexed; a mark indexed late; and each way a store can fail a check, worded with the store's own reason.
 */
@ExtendWith(OpenSearchNode.Resolver.class)
class StoreSourceIT {
    private static final String INDEX = "logs-weblog-equality";
    private static final Instant START = Instant.parse("2024-10-10T11:00:00Z");
    private static final List<String> RULES = List.of(
            "broken-links: status=404 referrer^=https://shop.example.com/ max=0",
            "errors: status=5xx max=0.5%",
            "health: path=/health status=200 min=5",
            "no-referrer-404: status=404 referrer=- max=10",
            "slow: path^=/api/ duration>250ms max=1%",
            "api: path^=/api/ p95<=300ms",
            "posts: method=POST status!=2xx,3xx max=0");

    @TempDir
    static Path files;
    private static Path log;

    @BeforeAll
    static void indexTheSameLinesAsAFile(OpenSearchNode node) throws IOException, ConfigException {
        List<String> lines = caddyLines(new Random(7), 4000);
        log = files.resolve("caddy.log");
        Files.write(log, lines, StandardCharsets.UTF_8);
        List<String> documents = new ArrayList<>();
        List<String> web1 = new ArrayList<>();
        List<String> web2 = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            (i % 3 == 0 ? web2 : web1).add(lines.get(i));
        }
        documents.addAll(EcsDocuments.of(LogFormats.parse("caddy"), web1, "web1"));
        documents.addAll(EcsDocuments.of(LogFormats.parse("caddy"), web2, "web2"));
        node.createEcsIndex(INDEX);
        node.bulk(INDEX, documents, true);
    }

    @Test
    void countsInTheStoreEveryCountShareGroupAndSampleThatTheFileGives(OpenSearchNode node) throws Exception {
        Verdict file = verify(builder -> builder.file(log.toString()));
        Verdict store = verify(builder -> store(builder, node).hostField("none"));

        assertThat(store.sources()).singleElement().satisfies(source ->
                assertThat(source.format()).isEqualTo("ECS fields, counted in the store"));
        assertSameJudgement(file, store, 0.011);
    }

    @Test
    void readsDocumentByDocumentWhatNoAggregationCanCountAndJudgesItAlike(OpenSearchNode node) throws Exception {
        Verdict file = verify(builder -> builder.file(log.toString()).rule("bots: agent~(?i)bot max=100%"));
        Verdict store = verify(builder -> store(builder, node).hostField("none")
                .rule("bots: agent~(?i)bot max=100%"));

        assertThat(store.sources().get(0).format()).isEqualTo("ECS fields");
        assertSameJudgement(file, store, 0);
        assertThat(samples(store.rules().get(0))).isEqualTo(samples(file.rules().get(0)));
    }

    @Test
    void judgesEachHostOnItsOwnAndAllTogether(OpenSearchNode node) throws Exception {
        Verdict store = verify(builder -> store(builder, node));
        Verdict file = verify(builder -> builder.file(log.toString()));

        assertThat(store.sources()).extracting(SourceVerdict::source).containsExactlyInAnyOrder(
                node.url() + "/" + INDEX + " host.name=web1", node.url() + "/" + INDEX + " host.name=web2");
        assertThat(store.sources()).allSatisfy(source -> assertThat(source.lines().inWindow()).isPositive());
        assertThat(store.lines().inWindow()).isEqualTo(file.lines().inWindow());
        for (int i = 0; i < file.rules().size(); i++) {
            assertThat(store.rules().get(i).count()).as(file.rules().get(i).rule().name())
                    .isEqualTo(file.rules().get(i).count());
        }
    }

    @Test
    void judgesAWindowAndItsBaselineInTheStoreAsInTheFile(OpenSearchNode node) throws Exception {
        Configure window = builder -> builder.since("2024-10-10T11:30:00Z").until("2024-10-10T12:00:00Z")
                .baseline("before").rules(List.of("rise: status=5xx max=+0.5%", "factor: status=404 max=2x"));
        Verdict file = verifyOnly(builder -> window.apply(builder.file(log.toString())));
        Verdict store = verifyOnly(builder -> window.apply(store(builder, node).hostField("none")));

        assertThat(store.sources().get(0).format()).endsWith("counted in the store");
        for (int i = 0; i < 2; i++) {
            RuleResult expected = file.rules().get(i);
            RuleResult actual = store.rules().get(i);
            assertThat(actual.count()).isEqualTo(expected.count());
            assertThat(actual.baseline().hits()).isEqualTo(expected.baseline().hits());
            assertThat(actual.baseline().count()).isEqualTo(expected.baseline().count());
            assertThat(Double.valueOf(actual.baseline().pValue()))
                    .isEqualTo(Double.valueOf(expected.baseline().pValue()));
            assertThat(actual.passed()).isEqualTo(expected.passed());
        }
    }

    @Test
    void followsDocumentsAsTheyAreIndexedAndFailsAtTheFirstServerError(OpenSearchNode node) throws Exception {
        String index = "logs-weblog-follow";
        node.createEcsIndex(index);
        ScheduledExecutorService shipper = Executors.newSingleThreadScheduledExecutor();
        List<CheckEvent> events = new CopyOnWriteArrayList<>();
        try {
            int[] sent = {0};
            shipper.scheduleAtFixedRate(() -> {
                int status = ++sent[0] == 8 ? 502 : 200;
                node.bulk(index, List.of(document(Instant.now(), status, "/checkout", "web1")), false);
            }, 200, 250, TimeUnit.MILLISECONDS);
            CheckConfig config = CheckConfig.builder().store(node.url()).storeIndex(index).storeLag("1s")
                    .hostField("none").follow("60s").rule("status=5xx max=0").build();
            long started = System.nanoTime();
            Verdict verdict = Weblog.verify(config, events::add);

            assertThat(verdict.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(verdict.sources().get(0).ended()).isEqualTo(EndReason.FAILED_FAST);
            assertThat(events).filteredOn(event -> event instanceof CheckEvent.Violation).singleElement()
                    .satisfies(event -> assertThat(((CheckEvent.Violation) event).hit().status()).isEqualTo(502));
            assertThat(verdict.rules().get(0).count()).isEqualTo(1);
            assertThat(verdict.lines().inWindow()).isBetween(2L, 20L);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(50));
        } finally {
            shipper.shutdownNow();
        }
    }

    @Test
    void startsTheWindowAtAMarkWhoseDocumentReachesTheStoreLate(OpenSearchNode node) throws Exception {
        String index = "logs-weblog-mark";
        node.createEcsIndex(index);
        node.bulk(index, List.of(document(Instant.now().minusSeconds(2), 500, "/before-the-mark", "web1")), true);
        ScheduledExecutorService shipper = Executors.newScheduledThreadPool(2);
        com.sun.net.httpserver.HttpServer web = com.sun.net.httpserver.HttpServer.create(
                new InetSocketAddress("127.0.0.1", 0), 0);
        web.createContext("/", exchange -> {
            Instant at = Instant.now();
            String target = exchange.getRequestURI().getRawPath() + "?" + exchange.getRequestURI().getRawQuery();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
            shipper.schedule(() -> node.bulk(index, List.of(document(at, 200, target, "web1")), false),
                    1500, TimeUnit.MILLISECONDS);
        });
        web.start();
        try {
            shipper.scheduleAtFixedRate(() -> node.bulk(index, List.of(document(Instant.now(), 200, "/page",
                    "web1")), false), 100, 300, TimeUnit.MILLISECONDS);
            CheckConfig config = CheckConfig.builder().store(node.url()).storeIndex(index).storeLag("3s")
                    .hostField("none").follow("4s").mark("http://127.0.0.1:" + web.getAddress().getPort() + "/health")
                    .markTimeout("20s").rule("status=5xx max=0").rule("pages: path=/page min=1").build();
            List<CheckEvent> events = new CopyOnWriteArrayList<>();
            Verdict verdict = Weblog.verify(config, events::add);

            assertThat(verdict.sources().get(0).error()).isNull();
            assertThat(verdict.outcome()).isEqualTo(Outcome.PASSED);
            assertThat(verdict.sources().get(0).ended()).isEqualTo(EndReason.END_MARK);
            assertThat(verdict.rules().get(1).count()).isBetween(5L, 40L);
            assertThat(events).filteredOn(event -> event instanceof CheckEvent.Marked)
                    .extracting(event -> ((CheckEvent.Marked) event).detail())
                    .anyMatch(detail -> detail.startsWith("the window starts at the mark"));
        } finally {
            web.stop(0);
            shipper.shutdownNow();
        }
    }

    @Test
    void aStoreThatIsNotThereIsASourceError() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Verdict verdict = Weblog.verify(CheckConfig.builder().store("http://127.0.0.1:" + closed)
                .rule("status=5xx max=0").build(), event -> { });

        assertThat(verdict.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(verdict.sources().get(0).error()).isEqualTo("cannot connect to the store at http://127.0.0.1:"
                + closed + ": connection refused (is it running, and on that port?)");
    }

    @Test
    void anIndexPatternThatMatchesNothingIsASourceErrorWithTheStoresReason(OpenSearchNode node) throws Exception {
        Verdict verdict = Weblog.verify(CheckConfig.builder().store(node.url()).storeIndex("logs-nothing-*")
                .rule("status=5xx max=0").build(), event -> { });

        assertThat(verdict.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(verdict.sources().get(0).error()).isEqualTo("no index matches logs-nothing-* in the store at "
                + node.url() + " (no such index [logs-nothing-*])");
    }

    @Test
    void aMappingWithoutAFieldARuleNeedsNamesTheRuleAndTheField(OpenSearchNode node) throws Exception {
        String index = "logs-other-mapping";
        node.createIndex(index, "{\"properties\": {\"@timestamp\": {\"type\": \"date\"}, \"http\": {\"properties\": "
                + "{\"response\": {\"properties\": {\"status_code\": {\"type\": \"long\"}}}}}}}");
        Verdict verdict = Weblog.verify(CheckConfig.builder().store(node.url()).storeIndex(index)
                .rule("broken-links: status=404 referrer!=- max=0").build(), event -> { });

        assertThat(verdict.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(verdict.sources().get(0).error()).isEqualTo(index + " in the store at " + node.url() + " maps no "
                + "field http.request.referrer, which rule 'broken-links' needs for referrer; name the field that "
                + "holds it (referrer=FIELD)");
    }

    @Test
    void aQueryTheStoreRejectsIsASourceErrorQuotingTheStore(OpenSearchNode node) throws Exception {
        Verdict verdict = Weblog.verify(CheckConfig.builder().store(node.url()).storeIndex(INDEX)
                .storeQuery("host.name:(web1").rule("status=5xx max=0").build(), event -> { });

        assertThat(verdict.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(verdict.sources().get(0).error()).startsWith("the store at " + node.url() + " refused POST /"
                + INDEX + "/_search (HTTP 400: ").contains("host.name:(web1");
    }

    @Test
    void aStoreThatRefusesTheLoginIsASourceErrorQuotingIt(OpenSearchNode node) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(NginxProxy.available() || "true".equals(System.getenv("CI")),
                "no nginx (/usr/sbin/nginx) to put in front of the store");
        try (NginxProxy proxy = NginxProxy.start(node.port(), "ci", "right", "key-id:key-secret")) {
            Verdict refused = Weblog.verify(CheckConfig.builder().store(proxy.url()).storeIndex(INDEX)
                    .storeUser("ci").storePassword(Secret.of("wrong", "test")).rule("status=5xx max=0").build(),
                    event -> { });
            Verdict basic = Weblog.verify(CheckConfig.builder().store(proxy.url()).storeIndex(INDEX)
                    .storeUser("ci").storePassword(Secret.of("right", "test")).rule("errors: status=5xx max=0.5%")
                    .build(), event -> { });
            Verdict apiKey = Weblog.verify(CheckConfig.builder().store(proxy.url()).storeIndex(INDEX)
                    .storeApiKey(Secret.of("key-id:key-secret", "environment variable KEY"))
                    .rule("errors: status=5xx max=0.5%").build(), event -> { });

            assertThat(refused.outcome()).isEqualTo(Outcome.ERROR);
            assertThat(refused.sources().get(0).error()).isEqualTo("the store at " + proxy.url() + " refused the "
                    + "login as user ci (HTTP 401: 401 Authorization Required)");
            assertThat(basic.sources()).allSatisfy(source -> assertThat(source.error()).isNull());
            assertThat(apiKey.sources()).allSatisfy(source -> assertThat(source.error()).isNull());
            assertThat(apiKey.lines().inWindow()).isEqualTo(basic.lines().inWindow()).isPositive();
        }
    }

    @Test
    void trustsAStoreCertificateSignedByTheGivenAuthorityAndNoOther(OpenSearchNode node) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(NginxProxy.available() || "true".equals(System.getenv("CI")),
                "no nginx (/usr/sbin/nginx) to serve the store over TLS");
        try (NginxProxy proxy = NginxProxy.startTls(node.port(), "ci", "right", "key-id:key-secret")) {
            Verdict untrusted = Weblog.verify(CheckConfig.builder().store(proxy.url()).storeIndex(INDEX)
                    .storeUser("ci").storePassword(Secret.of("right", "test")).rule("status=5xx max=0").build(),
                    event -> { });
            Verdict trusted = Weblog.verify(CheckConfig.builder().store(proxy.url()).storeIndex(INDEX)
                    .storeCa(proxy.authority().toString()).storeUser("ci").storePassword(Secret.of("right", "test"))
                    .hostField("none").rule("errors: status=5xx max=0.5%").build(), event -> { });

            assertThat(untrusted.sources().get(0).error()).isEqualTo("cannot connect to the store at " + proxy.url()
                    + " over TLS: its certificate is not signed by an authority the JVM trusts; give the CA file "
                    + "that signed it");
            assertThat(trusted.sources().get(0).error()).isNull();
            assertThat(trusted.lines().inWindow()).isPositive();
        }
    }

    @Test
    void aBadStoreSettingIsAConfigurationErrorBeforeAnythingIsRead() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CheckConfig.builder()
                .store("https://ci:secret@logs.example.com:9200").rule("status=5xx max=0").build())
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).storeSetting()).isEqualTo(io.weblog.StoreSetting.URL))
                .hasMessageNotContaining("secret");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CheckConfig.builder().store("http://x:9200")
                .storeField("referer=http.request.referrer").rule("status=5xx max=0").build())
                .hasMessageContaining("unknown part 'referer'");
    }

    /** Every count, share, sample, group and percentile of two verdicts, the percentiles within {@code resolution}. */
    private static void assertSameJudgement(Verdict expected, Verdict actual, double resolution) {
        assertThat(actual.lines().inWindow()).isEqualTo(expected.lines().inWindow());
        assertThat(actual.sources().get(0).window().firstHit()).isEqualTo(expected.sources().get(0).window()
                .firstHit());
        assertThat(actual.sources().get(0).window().lastHit()).isEqualTo(expected.sources().get(0).window()
                .lastHit());
        assertThat(actual.outcome()).isEqualTo(expected.outcome());
        for (int i = 0; i < expected.rules().size(); i++) {
            RuleResult want = expected.rules().get(i);
            RuleResult got = actual.rules().get(i);
            String name = want.rule().name();
            assertThat(got.count()).as(name).isEqualTo(want.count());
            assertThat(got.share()).as(name).isEqualTo(want.share());
            assertThat(got.passed()).as(name).isEqualTo(want.passed());
            assertThat(samples(got)).as(name + " samples").isEqualTo(samples(want));
            if (want.latency() != null) {
                assertThat(got.latency().measured()).as(name).isEqualTo(want.latency().measured());
                assertThat((double) got.latency().valueMicros()).as(name + " percentile")
                        .isCloseTo(want.latency().valueMicros(), within(want.latency().valueMicros() * resolution));
            }
            if (want.groups() != null) {
                assertThat(paths(got.groups())).as(name + " groups").isEqualTo(paths(want.groups()));
                assertThat(got.groups().otherHits()).isEqualTo(want.groups().otherHits());
            }
        }
    }

    /** Each kept path with its hits, first and last time, and hits without a referrer. */
    private static Map<String, String> paths(PathGroups groups) {
        return groups.paths().stream().collect(Collectors.toMap(PathGroups.PathGroup::path, group -> group.count()
                + " " + group.first() + ".." + group.last() + " without " + group.withoutReferrer() + " referred "
                + (group.count() - group.withoutReferrer())));
    }

    private static List<String> samples(RuleResult result) {
        return result.samples().stream().map(StoreSourceIT::describe).toList();
    }

    private static String describe(Hit hit) {
        return hit.time().toInstant() + " " + hit.status() + " " + hit.method() + " " + hit.path() + " " + hit.query()
                + " <- " + hit.referrer() + " " + hit.duration();
    }

    /** Settings of a check, as a test gives them. */
    private interface Configure {
        CheckConfig.Builder apply(CheckConfig.Builder builder) throws ConfigException;
    }

    private static CheckConfig.Builder store(CheckConfig.Builder builder, OpenSearchNode node) throws ConfigException {
        return builder.store(node.url()).storeIndex(INDEX);
    }

    private static Verdict verify(Configure source) throws Exception {
        CheckConfig.Builder builder = source.apply(CheckConfig.builder());
        return Weblog.verify(builder.rules(RULES).build(), event -> { });
    }

    private static Verdict verifyOnly(Configure source) throws Exception {
        return Weblog.verify(source.apply(CheckConfig.builder()).build(), event -> { });
    }

    private static String document(Instant at, int status, String target, String host) {
        return EcsDocuments.of(new Hit(at.atOffset(java.time.ZoneOffset.UTC), "10.0.0.1", null, "GET",
                target.contains("?") ? target.substring(0, target.indexOf('?')) : target,
                target.contains("?") ? target.substring(target.indexOf('?') + 1) : null, "HTTP/1.1", null, status, 10,
                null, "test", null, Duration.ofMillis(3), "line", null), host);
    }

    /**
     * A shop's Caddy log: pages, an API with latencies, a health check, 404s from inside and outside, a few server
     * errors and failed POSTs, over two hours.
     */
    private static List<String> caddyLines(Random random, int count) {
        String[] pages = {"/", "/cart", "/products/1", "/products/2", "/category/shoes", "/blog/spring-sale-2023",
                "/static/app.js", "/caf\u00e9"};
        String[] referrers = {null, "https://shop.example.com/", "https://shop.example.com/cart",
                "https://www.google.com/", "https://shop.example.com/products/1"};
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant at = START.plusMillis(i * 1800L + random.nextInt(1700));
            double roll = random.nextDouble();
            String method = "GET";
            String uri;
            int status = 200;
            double seconds = 0.002 + random.nextDouble() * 0.05;
            if (roll < 0.08) {
                uri = "/health";
            } else if (roll < 0.35) {
                uri = "/api/v1/orders?page=" + random.nextInt(40);
                seconds = 0.01 + Math.pow(random.nextDouble(), 3) * 0.8;
                if (random.nextDouble() < 0.1) {
                    method = "POST";
                    status = random.nextDouble() < 0.2 ? 422 : 201;
                }
            } else {
                uri = pages[random.nextInt(pages.length)];
                if (random.nextDouble() < 0.06) {
                    status = 404;
                    uri = "/old/" + random.nextInt(12);
                }
            }
            if (random.nextDouble() < 0.004 + (at.isAfter(START.plus(Duration.ofMinutes(90))) ? 0.01 : 0)) {
                status = 502;
            }
            String referrer = referrers[random.nextInt(referrers.length)];
            StringBuilder json = new StringBuilder();
            json.append("{\"level\":\"info\",\"ts\":").append(String.format(Locale.ROOT, "%d.%03d", at.getEpochSecond(),
                    at.getNano() / 1_000_000)).append(",\"logger\":\"http.log.access\",\"msg\":\"handled request\","
                    + "\"request\":{\"remote_ip\":\"203.0.113.").append(random.nextInt(250) + 1)
                    .append("\",\"proto\":\"HTTP/2.0\",\"method\":\"").append(method).append("\",\"host\":"
                    + "\"shop.example.com\",\"uri\":");
            EcsDocuments.string(json, uri);
            json.append(",\"headers\":{\"User-Agent\":[");
            EcsDocuments.string(json, random.nextDouble() < 0.1 ? "Googlebot/2.1" : "Mozilla/5.0");
            json.append(']');
            if (referrer != null) {
                json.append(",\"Referer\":[");
                EcsDocuments.string(json, referrer);
                json.append(']');
            }
            json.append("}},\"duration\":").append(String.format(Locale.ROOT, "%.6f", seconds))
                    .append(",\"size\":").append(100 + random.nextInt(9000)).append(",\"status\":").append(status)
                    .append('}');
            lines.add(json.toString());
        }
        return lines;
    }
}
