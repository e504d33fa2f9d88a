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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Latency rules: duration filters and percentiles of logged durations, within the stated 1%. */
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
        int rank = (int) Math.ceil(percentile / 100 * count);
        return sorted[Math.max(0, rank - 1)];
    }

    private Verdict verify(CheckConfig.Builder builder) throws Exception {
        return Weblog.verify(builder.build(), CheckListener.NONE);
    }

    @Test
    void percentilesAreWithinOnePercentOfTheExactValue() throws Exception {
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
                long exact = exactPercentile(api, apiCount, latency.percentile());
                assertThat(latency.measured()).isEqualTo(apiCount);
                assertThat((double) latency.valueMicros()).as("%s of seed %d", result.rule().name(), seed)
                        .isBetween(exact * 0.99, exact * 1.01 + 1);
            }
        }
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
                .containsPattern("api +FAIL +20,000 +66.7% +p95 \\d+ms +p95<=" + (p95 / 2) + "us")
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

        assertThat(verdict.rules().get(0).latency().valueMicros()).isBetween(990L, 1010L);
        assertThat(verdict.rules().get(1).latency().valueMicros()).isBetween(990_000L, 1_010_000L);
        assertThat(verdict.rules().get(0).latency().measured()).isEqualTo(200);
    }
}
