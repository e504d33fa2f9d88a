package io.weblog.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.weblog.CheckConfig;
import io.weblog.ConfigException;
import io.weblog.Setting;
import io.weblog.Weblog;
import io.weblog.report.HtmlReport;
import io.weblog.report.JsonReport;
import io.weblog.report.JunitReport;
import io.weblog.report.TextReport;
import io.weblog.rule.Rule;
import io.weblog.testing.Later;
import io.weblog.testing.LogLines;
import io.weblog.testing.TempLogs;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Judging a window against the time before it: a rise fails a rule only when it is beyond the rule's limit and too
 * large for chance, on small and large numbers, for shares and percentiles, read locally, in parts and live.
 */
class BaselineTest {
    private static final OffsetDateTime WINDOW_START = OffsetDateTime.of(2026, 11, 30, 12, 0, 0, 0, ZoneOffset.UTC);

    @TempDir
    Path dir;

    private final Later later = new Later();

    @AfterEach
    void waitForWriters() {
        later.join();
    }

    private static BaselineComparison share(String rule, long count, long inWindow, long baseCount, long baseHits,
            double significance) throws ConfigException {
        return BaselineComparison.of(Rule.parse(rule).expectation(), count, inWindow, null, baseCount, baseHits, null,
                significance);
    }

    @Test
    void aBlipOfOneInTwentyAgainstNoneInAThousandDoesNotFail() throws Exception {
        for (String rule : List.of("status=5xx max=+0.5%", "status=5xx max=2x", "status=5xx max=+0%")) {
            BaselineComparison comparison = share(rule, 1, 20, 0, 1000, 0.01);
            assertThat(comparison.beyond()).as(rule).isTrue();
            assertThat(comparison.isSignificant()).as(rule).isFalse();
        }
        assertThat(share("status=5xx max=2x", 1, 20, 0, 1000, 0.01).pValue()).as("40/1040: the one error falls in the "
                + "window, whose part is twice its hits against the baseline's").isCloseTo(40.0 / 1040, within(1e-12));
    }

    @Test
    void aRealRiseFails() throws Exception {
        BaselineComparison comparison = share("status=5xx max=+0.5%", 30, 1000, 2, 1000, 0.01);
        assertThat(comparison.allowed()).isEqualTo(0.007);
        assertThat(comparison.beyond()).isTrue();
        assertThat(comparison.pValue()).isLessThan(1e-4);
        assertThat(comparison.isSignificant()).isTrue();
        assertThat(share("status=5xx max=2x", 6, 100, 0, 1000, 0.01).isSignificant()).isTrue();
    }

    @Test
    void aRiseWithinTheLimitIsNotBeyondIt() throws Exception {
        BaselineComparison comparison = share("status=5xx max=+0.5%", 6, 1000, 2, 1000, 0.01);
        assertThat(comparison.beyond()).isFalse();
        assertThat(comparison.isSignificant()).isFalse();
        assertThat(comparison.pValue()).isNaN();
    }

    @Test
    void theSignificanceLevelDecidesWhatChanceExplains() throws Exception {
        assertThat(share("status=5xx max=2x", 1, 20, 0, 1000, 0.05).isSignificant()).isTrue();
        assertThat(share("status=5xx max=2x", 1, 20, 0, 1000, 0.01).isSignificant()).isFalse();
    }

    @Test
    void aFallInAShareIsJudgedLikeARise() throws Exception {
        BaselineComparison fell = share("status=2xx min=0.9x", 700, 1000, 950, 1000, 0.01);
        assertThat(fell.allowed()).isEqualTo(0.855);
        assertThat(fell.beyond()).isTrue();
        assertThat(fell.isSignificant()).isTrue();
        BaselineComparison held = share("status=2xx min=-1%", 9, 10, 95, 100, 0.01);
        assertThat(held.beyond()).isTrue();
        assertThat(held.isSignificant()).isFalse();
    }

    @Test
    void aPercentileRiseFailsOnlyWithEnoughSlowHits() throws Exception {
        DurationCounts before = new DurationCounts();
        for (int i = 0; i < 1000; i++) {
            before.record(100_000 + i * 50);
        }
        DurationCounts few = new DurationCounts();
        for (int i = 0; i < 20; i++) {
            few.record(i < 2 ? 900_000 : 100_000);
        }
        DurationCounts many = new DurationCounts();
        for (int i = 0; i < 200; i++) {
            many.record(i < 30 ? 900_000 : 100_000);
        }
        var expectation = Rule.parse("path^=/api/ p95<=1.5x").expectation();
        BaselineComparison blip = BaselineComparison.of(expectation, 20, 20, few, 1000, 1000, before, 0.01);
        BaselineComparison rise = BaselineComparison.of(expectation, 200, 200, many, 1000, 1000, before, 0.01);
        assertThat(blip.latency().valueMicros()).isBetween(147_000L, 150_500L);
        assertThat(blip.allowed()).isBetween(220_000.0, 226_000.0);
        assertThat(blip.beyond()).isTrue();
        assertThat(blip.isSignificant()).isFalse();
        assertThat(rise.beyond()).isTrue();
        assertThat(rise.isSignificant()).isTrue();
        var plus = Rule.parse("path^=/api/ p95<=+1s").expectation();
        assertThat(BaselineComparison.of(plus, 200, 200, many, 1000, 1000, before, 0.01).beyond()).isFalse();
    }

    /**
     * How often a release exactly as good as its baseline (or exactly at the rule's limit) fails, over many simulated
     * checks with a fixed seed: at most about the significance level, whatever the size of the baseline.
     */
    @Test
    void aReleaseAsGoodAsBeforeFailsAtMostAboutAsOftenAsTheSignificanceLevelSays() throws Exception {
        Random random = new Random(11);
        double level = 0.05;
        int checks = 1000;
        assertThat(falseFailures("status=5xx max=+0.5%", random, checks, level, 2000, 0.01, 2000, 0.015))
                .isLessThanOrEqualTo(level);
        assertThat(falseFailures("status=5xx max=2x", random, checks, level, 5000, 0.01, 5000, 0.02))
                .isLessThanOrEqualTo(level * 1.2);
        assertThat(falseFailures("status=5xx max=3x", random, checks, level, 3000, 0.005, 1000, 0.015))
                .isLessThanOrEqualTo(level * 1.2);
        assertThat(falseFailures("status=2xx min=0.9x", random, checks, level, 2000, 0.9, 2000, 0.81))
                .isLessThanOrEqualTo(level * 1.2);
        for (String rule : List.of("p95<=1.0x", "p95<=1.2x", "p99<=1.5x")) {
            for (int baseline : new int[] {20, 50, 200}) {
                assertThat(slowFalseFailures(rule, random, checks, level, baseline, 2000)).as("%s over %d", rule,
                        baseline).isLessThanOrEqualTo(level * 1.2);
            }
        }
    }

    @Test
    void holmsMethodMultipliesTheSmallestPValueByTheNumberOfRulesAndNeverLowersALaterOne() {
        List<BaselineComparison> adjusted = BaselineComparison.adjustedTogether(java.util.Arrays.asList(
                compared(0.03), compared(0.004), null, compared(Double.NaN), compared(0.001)));

        assertThat(adjusted.get(2)).isNull();
        assertThat(adjusted).filteredOn(c -> c != null).extracting(BaselineComparison::family).containsOnly(4);
        assertThat(adjusted.get(4).adjustedPValue()).isCloseTo(0.004, within(1e-12));
        assertThat(adjusted.get(1).adjustedPValue()).isCloseTo(0.012, within(1e-12));
        assertThat(adjusted.get(0).adjustedPValue()).isCloseTo(0.06, within(1e-12));
        assertThat(adjusted.get(3).adjustedPValue()).as("a rule within its limit has no p-value").isNaN();
        assertThat(adjusted.get(1).isSignificant()).as("0.004 alone, 0.012 among four").isFalse();
        assertThat(adjusted.get(4).isSignificant()).isTrue();
    }

    /** A rule relative to the baseline that was beyond its limit with this p-value, or within it for {@code NaN}. */
    private static BaselineComparison compared(double pValue) {
        return new BaselineComparison(1000, 10, 0.01, null, 1000, 0.015, !Double.isNaN(pValue), 0, 0, pValue, pValue,
                1, 0.01, false);
    }

    /**
     * How often a release exactly at the limit of each of several rules against the baseline fails at least one of
     * them, over many simulated checks: each rule tested alone at the significance level fails such a release far
     * more often than that level says; adjusted together (Holm's method), about as often as it says, at most.
     */
    @Test
    void severalRulesAtTheirLimitFailAReleaseAsGoodAsBeforeAtMostAboutAsOftenAsTheSignificanceLevelSays()
            throws Exception {
        Random random = new Random(13);
        double level = 0.05;
        int checks = 1000;
        List<String> shares = List.of("status=5xx max=+0.5%", "status=404 max=2x", "path^=/api/ max=3x",
                "status=2xx min=0.9x");
        List<String> mixed = List.of("status=5xx max=+0.5%", "status=404 max=2x", "path^=/api/ p95<=1.2x",
                "path^=/api/ p99<=1.5x");
        double[] alone = new double[2];
        double[] together = new double[2];
        int family = 0;
        for (List<String> rules : List.of(shares, mixed)) {
            int failedAlone = 0;
            int failedTogether = 0;
            for (int i = 0; i < checks; i++) {
                List<BaselineComparison> comparisons = new ArrayList<>();
                for (String rule : rules) {
                    comparisons.add(atTheLimit(rule, random, level));
                }
                if (comparisons.stream().anyMatch(BaselineComparison::isSignificant)) {
                    failedAlone++;
                }
                if (BaselineComparison.adjustedTogether(comparisons).stream()
                        .anyMatch(BaselineComparison::isSignificant)) {
                    failedTogether++;
                }
            }
            alone[family] = (double) failedAlone / checks;
            together[family] = (double) failedTogether / checks;
            family++;
        }
        for (int i = 0; i < 2; i++) {
            assertThat(alone[i]).as("rules tested alone, family %d", i).isGreaterThan(level * 1.5);
            assertThat(together[i]).as("rules adjusted together, family %d", i).isLessThanOrEqualTo(level * 1.2);
        }
    }

    /** One simulated rule whose window is exactly at the limit its baseline sets (for a percentile, as fast as it). */
    private static BaselineComparison atTheLimit(String rule, Random random, double level) throws Exception {
        var expectation = Rule.parse(rule).expectation();
        if (expectation.measure() == io.weblog.rule.Expectation.Measure.PERCENTILE) {
            DurationCounts before = new DurationCounts();
            DurationCounts now = new DurationCounts();
            for (int j = 0; j < 200; j++) {
                before.record(Math.round(Math.exp(11 + random.nextGaussian())));
            }
            for (int j = 0; j < 2000; j++) {
                now.record(Math.round(Math.exp(11 + random.nextGaussian())));
            }
            return BaselineComparison.of(expectation, 2000, 2000, now, 200, 200, before, level);
        }
        double baseShare = expectation.bound() == io.weblog.rule.Expectation.Bound.MIN ? 0.9 : 0.01;
        double share = Math.min(1, expectation.limitAfter(baseShare));
        long before = binomial(random, 3000, baseShare);
        long now = binomial(random, 3000, share);
        return BaselineComparison.of(expectation, now, 3000, null, before, 3000, null, level);
    }

    /** Failures of a share rule when the window's true share is exactly at the limit the baseline's true share sets. */
    private static double falseFailures(String rule, Random random, int checks, double level, int baseHits,
            double baseShare, int hits, double share) throws Exception {
        var expectation = Rule.parse(rule).expectation();
        int failures = 0;
        for (int i = 0; i < checks; i++) {
            long before = binomial(random, baseHits, baseShare);
            long now = binomial(random, hits, share);
            if (BaselineComparison.of(expectation, now, hits, null, before, baseHits, null, level).isSignificant()) {
                failures++;
            }
        }
        return (double) failures / checks;
    }

    /** Failures of a percentile rule when the window's durations come from the very distribution of the baseline's. */
    private static double slowFalseFailures(String rule, Random random, int checks, double level, int baseline,
            int window) throws Exception {
        var expectation = Rule.parse(rule).expectation();
        int failures = 0;
        for (int i = 0; i < checks; i++) {
            DurationCounts before = new DurationCounts();
            DurationCounts now = new DurationCounts();
            for (int j = 0; j < baseline; j++) {
                before.record(Math.round(Math.exp(11 + random.nextGaussian())));
            }
            for (int j = 0; j < window; j++) {
                now.record(Math.round(Math.exp(11 + random.nextGaussian())));
            }
            if (BaselineComparison.of(expectation, window, window, now, baseline, baseline, before, level)
                    .isSignificant()) {
                failures++;
            }
        }
        return (double) failures / checks;
    }

    private static long binomial(Random random, int n, double p) {
        long k = 0;
        for (int i = 0; i < n; i++) {
            if (random.nextDouble() < p) {
                k++;
            }
        }
        return k;
    }

    @Test
    void aRuleAgainstTheBaselineNeedsOneAndTheBaselineNeedsAWindowStart() throws Exception {
        assertThatThrownBy(() -> CheckConfig.builder().file("x.log").since("1h").rule("status=5xx max=2x").build())
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.setting()).isEqualTo(Setting.RULE);
                    assertThat(e.getMessage()).contains("status=5xx max=2x").contains("give a baseline");
                });
        assertThatThrownBy(() -> CheckConfig.builder().file("x.log").baseline("before").rule("status=5xx max=2x")
                .build()).isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.setting()).isEqualTo(Setting.BASELINE));
        assertThatThrownBy(() -> CheckConfig.builder().file("x.log").since("1h").baseline("2h..30m")
                .rule("status=5xx max=2x").build()).isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.getMessage()).contains("ends after the window starts"));
        assertThatThrownBy(() -> CheckConfig.builder().baseline("0s")).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> CheckConfig.builder().baseline("yesterday"))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.setting()).isEqualTo(Setting.BASELINE));
        assertThatThrownBy(() -> CheckConfig.builder().significance("0.9")).isInstanceOfSatisfying(
                ConfigException.class, e -> assertThat(e.getMessage()).contains("0.0001 to 0.5"));
        assertThatThrownBy(() -> Rule.parse("status=5xx max=-0.5%")).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.getMessage()).contains("the wrong way").contains("max=+0.5%"));
        assertThatThrownBy(() -> Rule.parse("p95<=-10ms")).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> Rule.parse("status=5xx max=0x")).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.getMessage()).contains("not a factor"));
    }

    /**
     * A log of an hour before the window and half an hour in it, one hit a second in each; {@code errorsBefore} and
     * {@code errorsIn} of them answered 500, spread evenly.
     */
    private Path log(String name, int errorsBefore, int errorsIn, int slowIn) {
        List<String> lines = new ArrayList<>();
        int before = 3600;
        int in = 1800;
        Random random = new Random(7);
        for (int i = 0; i < before + in; i++) {
            boolean inWindow = i >= before;
            int index = inWindow ? i - before : i;
            int errors = inWindow ? errorsIn : errorsBefore;
            int count = inWindow ? in : before;
            boolean error = errors > 0 && index % (count / errors) == 0 && index / (count / errors) < errors;
            long micros = 80_000 + random.nextInt(40_000);
            if (inWindow && index < slowIn) {
                micros = 2_000_000;
            }
            lines.add(LogLines.hit().at(WINDOW_START.minusSeconds(before - i)).get("/api/orders/" + i)
                    .status(error ? 500 : 200).combined() + " " + micros);
        }
        return TempLogs.write(dir.resolve(name), lines);
    }

    private Verdict verify(Path log, String baseline, String... rules) throws Exception {
        CheckConfig.Builder builder = CheckConfig.builder().file(log.toString()).format(LatencyTest.TIMED)
                .since(WINDOW_START.toInstant().toString()).until(WINDOW_START.plusMinutes(30).toInstant().toString())
                .baseline(baseline);
        for (String rule : rules) {
            builder.rule(rule);
        }
        return Weblog.verify(builder.build(), CheckListener.NONE);
    }

    @Test
    void aReleaseWithFiveTimesTheErrorsFailsAndTheReportsShowBothWindows() throws Exception {
        Path log = log("worse.log", 36, 90, 0);
        Verdict verdict = verify(log, "before", "errors: status=5xx max=+0.5%", "status=5xx max=0.5%");

        SourceVerdict source = verdict.sources().get(0);
        RuleResult relative = source.rules().get(0);
        assertThat(source.lines().inWindow()).isEqualTo(1800);
        assertThat(source.window().baselineHits()).isEqualTo(1800);
        assertThat(source.window().baselineSince()).isEqualTo(WINDOW_START.minusMinutes(30).toInstant());
        assertThat(relative.baseline().count()).isEqualTo(18);
        assertThat(relative.baseline().share()).isEqualTo(0.01);
        assertThat(relative.baseline().allowed()).isEqualTo(0.015);
        assertThat(relative.passed()).isFalse();
        assertThat(verdict.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(source.rules().get(1).baseline().allowed()).isNaN();

        String text = TextReport.render(verdict, false);
        assertThat(text).contains("BEFORE").contains("18 (1%)").contains("before: 1,800 hits from 2026-11-30T11:30:00Z")
                .contains("share 5% > 1.5% allowed (max=+0.5% over 1% before), significant: p<0.0001 < 0.01 "
                        + "(90 of 1,800 hits against 18 of 1,800 before)");
        assertThat(JsonReport.toJson(verdict)).contains("\"baseline\": {\"since\": \"2026-11-30T11:30:00Z\"")
                .contains("\"allowedShare\": 0.015").contains("\"significant\": true")
                .contains("\"adjustedPValue\": ").contains("\"rulesTestedTogether\": 1");
        StringWriter html = new StringWriter();
        HtmlReport.write(verdict, html);
        assertThat(html.toString()).contains("<th class=\"num\">Before</th>")
                .contains("<td class=\"num\">18 (1%)</td>").contains("<dt>Before</dt>");
        StringWriter junit = new StringWriter();
        JunitReport.write(verdict, junit);
        assertThat(junit.toString()).contains("share 5% &gt; 1.5% allowed (max=+0.5% over 1% before), significant");
    }

    @Test
    void aFewMoreErrorsThanBeforeAreNoise() throws Exception {
        Path log = log("blip.log", 0, 2, 0);
        Verdict verdict = verify(log, "1h", "status=5xx max=+0.05%");

        RuleResult result = verdict.rules().get(0);
        assertThat(result.baseline().hits()).isEqualTo(3600);
        assertThat(result.baseline().beyond()).isTrue();
        assertThat(result.passed()).isTrue();
        assertThat(TextReport.render(verdict, false)).contains("pass status=5xx max=+0.05%: share 0.11% > 0.05% "
                + "allowed (max=+0.05% over 0% before), but not significant: p=");
    }

    @Test
    void slowerRequestsFailAPercentileAgainstTheBaseline() throws Exception {
        Path log = log("slow.log", 0, 0, 200);
        Verdict verdict = verify(log, "before", "path^=/api/ p95<=1.5x", "path^=/api/ p50<=1.5x");

        assertThat(verdict.rules().get(0).passed()).isFalse();
        assertThat(verdict.rules().get(0).baseline().latency().valueMicros()).isBetween(110_000L, 121_000L);
        assertThat(verdict.rules().get(1).passed()).isTrue();
        assertThat(TextReport.render(verdict, false))
                .contains("p95 2s > 177ms allowed (p95<=1.5x over 117.913ms before), significant: p<0.0001 (p<0.0001 "
                        + "adjusted for 2 rules against the baseline, by Holm's method) < 0.01 (200 of 1,800 "
                        + "durations above 177ms, where at most 5% would be, against 0 of 1,800 before)");
    }

    @Test
    void severalLogsAreJudgedTogetherSoThatARiseSpreadOverThemFails() throws Exception {
        Path web1 = log("web1.log", 4, 15, 0);
        Path web2 = log("web2.log", 4, 15, 0);
        CheckConfig config = CheckConfig.builder().file(web1.toString()).file(web2.toString())
                .format(LatencyTest.TIMED).since(WINDOW_START.toInstant().toString())
                .until(WINDOW_START.plusMinutes(30).toInstant().toString()).baseline("before")
                .rule("status=5xx max=2x").build();

        Verdict verdict = Weblog.verify(config, CheckListener.NONE);

        for (SourceVerdict source : verdict.sources()) {
            RuleResult own = source.rules().get(0);
            assertThat(own.baseline().count()).isEqualTo(2);
            assertThat(own.baseline().pValue()).as("on its own, 15 against 2 is not enough").isGreaterThan(0.01);
            assertThat(own.baseline().overAllLogs()).isTrue();
            assertThat(own.passed()).isFalse();
            assertThat(source.outcome()).isEqualTo(Outcome.FAILED);
        }
        RuleResult together = verdict.rules().get(0);
        assertThat(together.baseline().count()).isEqualTo(4);
        assertThat(together.baseline().pValue()).isLessThan(0.01);
        assertThat(together.passed()).isFalse();
        assertThat(verdict.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(TextReport.render(verdict, false)).contains("but not significant: p=0.044, not below 0.01 (15 of "
                + "1,800 hits against 2 of 1,800 before); judged over all logs together, where it failed");
    }

    @Test
    void aPercentileWithNoDurationBeforeTheWindowHasNothingToCompareWith() throws Exception {
        DurationCounts none = new DurationCounts();
        DurationCounts some = new DurationCounts();
        some.record(250_000);
        var expectation = Rule.parse("path^=/api/new p95<=1.5x").expectation();
        BaselineComparison comparison = BaselineComparison.of(expectation, 1, 10, some, 0, 1000, none, 0.01);
        Latency measured = some.latency(95);
        assertThat(comparison.isCompared()).isFalse();
        assertThat(comparison.holds(measured, false)).isFalse();
        assertThat(comparison.holds(measured, true)).isTrue();
        assertThat(comparison.holds(none.latency(95), false)).isTrue();
    }

    @Test
    void anEmptyBaselineLeavesNothingToCompareWith() throws Exception {
        Path log = log("young.log", 0, 0, 0);
        Verdict verdict = verify(log, "2026-11-29T00:00:00Z..2026-11-29T01:00:00Z", "status=5xx max=2x");
        assertThat(verdict.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(TextReport.render(verdict, false)).contains("nothing to compare with: no hits in the baseline");
    }

    @Test
    void aLargeLogReadInPartsCountsTheBaselineOnce() throws Exception {
        List<String> lines = new ArrayList<>();
        String padding = "x".repeat(200);
        int perPhase = 80_000;
        for (int i = 0; i < 2 * perPhase; i++) {
            boolean inWindow = i >= perPhase;
            int status = i % (inWindow ? 50 : 100) == 0 ? 503 : 200;
            lines.add(LogLines.hit().at(WINDOW_START.minusSeconds(perPhase - i).withNano(0)).get("/p/" + padding)
                    .status(status).combined() + " 1000");
        }
        Path log = TempLogs.write(dir.resolve("large.log"), lines);
        assertThat(ParallelFileScan.parts(java.nio.file.Files.size(log))).isGreaterThanOrEqualTo(
                Math.min(2, Runtime.getRuntime().availableProcessors()));
        CheckConfig config = CheckConfig.builder().file(log.toString()).format(LatencyTest.TIMED)
                .since(WINDOW_START.toInstant().toString()).baseline("before").rule("status=5xx max=+0.5%").build();

        Verdict verdict = Weblog.verify(config, CheckListener.NONE);

        BaselineComparison before = verdict.rules().get(0).baseline();
        assertThat(before.hits()).isEqualTo(perPhase);
        assertThat(before.count()).isEqualTo(perPhase / 100);
        assertThat(verdict.rules().get(0).count()).isEqualTo(perPhase / 50);
        assertThat(verdict.outcome()).isEqualTo(Outcome.FAILED);
    }

    @Test
    void aFollowedWindowIsJudgedAgainstTheMinutesBeforeTheCheckStarted() throws Exception {
        List<String> history = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            history.add(LogLines.secondsAgo(600 - i, i % 100 == 0 ? 500 : 200, "/page/" + i));
        }
        Path log = TempLogs.write(dir.resolve("live.log"), history);
        later.run(300, () -> {
            List<String> fresh = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                fresh.add(LogLines.now(i % 4 == 0 ? 500 : 200, "/new/" + i));
            }
            TempLogs.append(log, fresh.toArray(String[]::new));
        });
        CheckConfig config = CheckConfig.builder().file(log.toString()).format("combined").follow("1500ms")
                .baseline("10m").rule("status=5xx max=+1%").build();

        Verdict verdict = Weblog.verify(config, CheckListener.NONE);

        SourceVerdict source = verdict.sources().get(0);
        assertThat(source.lines().inWindow()).isEqualTo(100);
        assertThat(source.window().baselineHits()).isBetween(598L, 600L);
        assertThat(verdict.rules().get(0).baseline().count()).isBetween(5L, 6L);
        assertThat(verdict.outcome()).isEqualTo(Outcome.FAILED);
    }
}
