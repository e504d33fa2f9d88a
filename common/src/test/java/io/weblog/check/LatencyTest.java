package io.weblog.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weblog.CheckConfig;
import io.weblog.ConfigException;
import io.weblog.Setting;
import io.weblog.Weblog;
import io.weblog.report.JsonReport;
import io.weblog.report.TextReport;
import io.weblog.testing.LogLines;
import io.weblog.testing.TempLogs;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Latency rules: duration filters and percentiles of logged durations, exact at the log's own resolution. */
class LatencyTest {
    /** Apache's combined format with %D, the time taken in microseconds, appended. */
    static final String TIMED = "%h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-agent}i\" %D";

    @TempDir
    Path dir;

    /** A log of {@code n} API and page hits whose durations follow a long-tailed (log-normal) distribution. */
    private Path timedLog(String name, int n, long seed, long[] apiMicros) {
        Random random = new Random(seed);
        List<String> lines = new ArrayList<>();
        int api = 0;
        for (int i = 0; i < n; i++) {
            long micros = Math.round(Math.exp(11 + 1.2 * random.nextGaussian()));
            boolean isApi = i % 3 != 0;
            if (isApi && apiMicros != null) {
                apiMicros[api++] = micros;
            }
            lines.add(LogLines.hit().get(isApi ? "/api/v1/orders/" + i : "/products/" + i).combined() + " " + micros);
        }
        return TempLogs.write(dir.resolve(name), lines);
    }

    private static long exactPercentile(long[] values, int count, double percentile) {
        long[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        int rank = BigDecimal.valueOf(percentile).multiply(BigDecimal.valueOf(count))
                .divide(BigDecimal.valueOf(100), 0, RoundingMode.CEILING).intValueExact();
        return sorted[Math.max(0, rank - 1)];
    }

    private Verdict verify(CheckConfig.Builder builder) throws Exception {
        return Weblog.verify(builder.build(), CheckListener.NONE);
    }

    @Test
    void percentilesAreExactlyTheNearestRankOfTheLoggedDurations() throws Exception {
        for (long seed : new long[] {1, 2, 3}) {
            int n = 60_000;
            long[] api = new long[n];
            Path log = timedLog("timed-" + seed + ".log", n, seed, api);
            int apiCount = 40_000;
            Verdict verdict = verify(CheckConfig.builder().file(log.toString()).format(TIMED)
                    .rule("p50: path^=/api/ p50<=1h").rule("p95: path^=/api/ p95<=1h")
                    .rule("p99: path^=/api/ p99<=1h").rule("p99.9: path^=/api/ p99.9<=1h"));

            for (RuleResult result : verdict.rules()) {
                Latency latency = result.latency();
                assertThat(latency.measured()).isEqualTo(apiCount);
                assertThat(latency.exact()).isTrue();
                assertThat(latency.valueMicros()).as("%s of seed %d", result.rule().name(), seed)
                        .isEqualTo(exactPercentile(api, apiCount, latency.percentile()));
            }
        }
    }

    /** nginx's combined format with {@code $request_time}, in seconds with millisecond resolution, appended. */
    static final String NGINX_TIMED = "nginx:$remote_addr - $remote_user [$time_local] \"$request\" $status "
            + "$body_bytes_sent \"$http_referer\" \"$http_user_agent\" $request_time";

    /** Twenty hits of /slow in nginx's format, 18 taking 0.100 s and the two slowest {@code slowest}. */
    private Path nginxLog(String name, String slowest, OffsetDateTime at) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String took = i < 18 ? "0.100" : slowest;
            lines.add(LogLines.hit().at(at.plusSeconds(i)).get("/slow").combined() + " " + took);
        }
        return TempLogs.write(dir.resolve(name), lines);
    }

    @Test
    void aPercentileExactlyAtItsBoundHoldsAndOneMillisecondAboveFails() throws Exception {
        OffsetDateTime at = OffsetDateTime.parse("2026-12-01T12:00:00Z");
        Map<String, Boolean> heldWith = new LinkedHashMap<>();
        for (String slowest : List.of("1.211", "1.212", "1.213")) {
            Verdict verdict = verify(CheckConfig.builder().file(nginxLog(slowest + ".log", slowest, at).toString())
                    .format(NGINX_TIMED).rule("path=/slow p95<=1212ms"));
            Latency latency = verdict.rules().get(0).latency();
            assertThat(latency.exact()).isTrue();
            assertThat(latency.valueMicros()).isEqualTo(Math.round(Double.parseDouble(slowest) * 1_000_000));
            heldWith.put(slowest, verdict.passed());
            if (slowest.equals("1.212")) {
                assertThat(TextReport.render(verdict, false))
                        .containsPattern("pass +20 +100% +p95 1.212s +p95<=1212ms");
            } else if (slowest.equals("1.213")) {
                assertThat(TextReport.render(verdict, false)).contains("p95 1.213s > 1212ms (over 20 hits with a")
                        .doesNotContain("\u2248");
            }
        }
        assertThat(heldWith).containsExactly(Map.entry("1.211", true), Map.entry("1.212", true),
                Map.entry("1.213", false));
    }

    @Test
    void aFailedLatencyRuleShowsItsSlowestHitsBeyondTheLimitWithTheirDurationsInEveryReport() throws Exception {
        List<String> lines = new ArrayList<>();
        OffsetDateTime at = OffsetDateTime.parse("2026-12-01T12:00:00Z");
        String[] durations = {"0.010", "0.012", "0.011", "0.009", "0.010", "0.950", "0.020", "1.500", "0.015", "0.700",
            "0.390", "0.013", "0.401", "0.011", "0.010", "0.012", "0.014", "0.016", "0.010", "0.011"};
        for (int i = 0; i < durations.length; i++) {
            lines.add(LogLines.hit().at(at.plusSeconds(i)).get("/slow?n=" + i).combined() + " " + durations[i]);
        }
        Path log = TempLogs.write(dir.resolve("slow.log"), lines);

        Verdict verdict = verify(CheckConfig.builder().file(log.toString()).format(NGINX_TIMED)
                .rule("path=/slow p85<=400ms"));

        RuleResult result = verdict.rules().get(0);
        assertThat(result.passed()).isFalse();
        assertThat(result.samples()).as("the slowest first, only those beyond 400ms")
                .extracting(hit -> hit.position().line()).containsExactly(8L, 6L, 10L, 13L);
        String text = TextReport.render(verdict, false);
        assertThat(text).contains("the 4 slowest of 20 hits, each above 400ms:\n"
                + "    line  8   1.5s  12:00:07+00:00  200 GET /slow?n=7\n"
                + "    line  6  950ms  12:00:05+00:00  200 GET /slow?n=5\n"
                + "    line 10  700ms  12:00:09+00:00  200 GET /slow?n=9\n"
                + "    line 13  401ms  12:00:12+00:00  200 GET /slow?n=12\n");
        assertThat(TextReport.brief(verdict, 2)).contains("the 2 slowest of 20 hits, each above 400ms:\n"
                + "    line 8  1.5s  12:00:07+00:00  200 GET /slow?n=7\n");
        java.io.StringWriter html = new java.io.StringWriter();
        io.weblog.report.HtmlReport.write(verdict, html);
        assertThat(html.toString()).contains("the 4 slowest of 20 hits, each above 400ms:")
                .contains("<th class=\"num\">Duration</th>").contains("<td class=\"num mono\">1.5s</td>");
        java.io.StringWriter junit = new java.io.StringWriter();
        io.weblog.report.JunitReport.write(verdict, junit);
        assertThat(junit.toString()).contains("the 4 slowest of 20 hits, each above 400ms (line, duration, line as "
                + "logged):\nline 8  1.5s: ");
    }

    @Test
    void theBeforeColumnsPercentileIsExactToo() throws Exception {
        OffsetDateTime before = OffsetDateTime.parse("2026-12-01T11:00:00Z");
        OffsetDateTime window = OffsetDateTime.parse("2026-12-01T12:00:00Z");
        List<String> lines = new ArrayList<>(Files.readAllLines(nginxLog("before.log", "1.212", before)));
        lines.addAll(Files.readAllLines(nginxLog("window.log", "1.212", window)));
        Path log = TempLogs.write(dir.resolve("both.log"), lines);

        Verdict verdict = verify(CheckConfig.builder().file(log.toString()).format(NGINX_TIMED)
                .since("2026-12-01T12:00:00Z").baseline("1h").rule("path=/slow p95<=1.0x"));

        RuleResult result = verdict.rules().get(0);
        assertThat(result.baseline().latency()).isEqualTo(Latency.exact(95, 1_212_000, 20));
        assertThat(result.latency()).isEqualTo(Latency.exact(95, 1_212_000, 20));
        assertThat(result.baseline().beyond()).as("as slow as before is not beyond 1.0x").isFalse();
        assertThat(verdict.passed()).isTrue();
        assertThat(TextReport.render(verdict, false)).containsPattern("p95 1.212s +p95 1.212s +p95<=1.0x");
    }

    @Test
    void aPercentileOverItsLimitFailsTheRuleAndSaysByHowMuch() throws Exception {
        long[] api = new long[20_000];
        Path log = timedLog("slow.log", 30_000, 7, api);
        long p95 = exactPercentile(api, 20_000, 95);

        Verdict verdict = verify(CheckConfig.builder().file(log.toString()).format(TIMED)
                .rule("api: path^=/api/ p95<=" + (p95 / 2) + "us")
                .rule("fast-enough: path^=/api/ p95<=" + (p95 * 2) + "us"));

        assertThat(verdict.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(verdict.rules()).extracting(RuleResult::passed).containsExactly(false, true);
        String text = TextReport.render(verdict, false);
        assertThat(text).containsPattern("RULE +RESULT +COUNT +SHARE +MEASURED +EXPECTED")
                .containsPattern("api +FAIL +20,000 +66.7% +p95 [\\d.]+ms +p95<=" + (p95 / 2) + "us")
                .contains("FAIL api: p95 ").contains(" > " + (p95 / 2) + "us (over 20,000 hits with a duration)");
        assertThat(JsonReport.toJson(verdict)).contains("\"latency\": {\"percentile\": 95, \"valueMillis\": ");
    }

    @Test
    void aDurationFilterSelectsSlowRequestsForAShareRule() throws Exception {
        Path log = TempLogs.write(dir.resolve("api.log"),
                LogLines.hit().get("/api/a").combined() + " 2500000",
                LogLines.hit().get("/api/b").combined() + " 120000",
                LogLines.hit().get("/api/c").combined() + " 90000",
                LogLines.hit().get("/page").combined() + " 9000000");

        Verdict verdict = verify(CheckConfig.builder().file(log.toString()).format(TIMED)
                .rule("path^=/api/ duration>2s max=1%").rule("duration>2s max=2"));

        assertThat(verdict.rules()).extracting(RuleResult::count).containsExactly(1L, 2L);
        assertThat(verdict.rules()).extracting(RuleResult::passed).containsExactly(false, true);
    }

    @Test
    void aRuleThatNeedsDurationsIsRefusedWithAFormatThatHasNone() {
        assertThatThrownBy(() -> CheckConfig.builder().file(dir.resolve("x.log").toString()).format("combined")
                .rule("path^=/api/ p95<=300ms").build())
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.setting()).isEqualTo(Setting.FORMAT);
                    assertThat(e.problem()).startsWith("the format combined logs no request duration, which the "
                            + "rule 'path^=/api/ p95<=300ms' needs; log it with %D (Apache, microseconds) or "
                            + "$request_time (nginx, seconds)");
                });
    }

    @Test
    void aRecognisedFormatWithoutDurationsIsASourceErrorThatSaysSo() throws Exception {
        Path log = TempLogs.write(dir.resolve("combined.log"), LogLines.hit().combined(), LogLines.hit().combined());

        Verdict verdict = verify(CheckConfig.builder().file(log.toString()).rule("duration>2s max=0"));

        assertThat(verdict.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(verdict.sources().get(0).error()).contains("the format combined logs no request duration");
    }

    @Test
    void aPercentileOverSeveralLogsIsTakenOverAllTheirHits() throws Exception {
        List<String> fast = new ArrayList<>();
        List<String> slow = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            fast.add(LogLines.hit().get("/api/x").combined() + " 1000");
            slow.add(LogLines.hit().get("/api/x").combined() + " 1000000");
        }
        Path a = TempLogs.write(dir.resolve("a.log"), fast);
        Path b = TempLogs.write(dir.resolve("b.log"), slow);

        Verdict verdict = verify(CheckConfig.builder().file(a.toString()).file(b.toString()).format(TIMED)
                .rule("p50<=2ms").rule("p90<=2ms"));

        assertThat(verdict.rules().get(0).latency().valueMicros()).isEqualTo(1000L);
        assertThat(verdict.rules().get(1).latency().valueMicros()).isEqualTo(1_000_000L);
        assertThat(verdict.rules().get(0).latency().measured()).isEqualTo(200);
    }
}
