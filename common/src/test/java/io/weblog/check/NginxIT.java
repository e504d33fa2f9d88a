package io.weblog.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.weblog.CheckConfig;
import io.weblog.Weblog;
import io.weblog.report.JunitReport;
import io.weblog.report.TextReport;
import io.weblog.testing.Later;
import io.weblog.testing.Nginx;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verdicts against a real nginx on loopback, each checked against an exact count made from its log by hand, as a
 * person checks them: percentiles of {@code $request_time} at their bound, a latency rule's samples, a baseline that
 * ends at a mark on a server whose clock is two hours behind, a mark answered 503, and every line read accounted for.
 */
class NginxIT {
    private static final DateTimeFormatter CLF = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z",
            Locale.ENGLISH);

    @TempDir
    Path dir;

    private final Later later = new Later();
    private final List<CheckEvent> events = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void waitForRequests() {
        later.join();
    }

    private List<String> warnings() {
        synchronized (events) {
            return events.stream().filter(CheckEvent.Warning.class::isInstance)
                    .map(event -> ((CheckEvent.Warning) event).message()).toList();
        }
    }

    /** The duration nginx logged, in milliseconds: its line's last field. */
    private static long millis(String line) {
        return new BigDecimal(line.substring(line.lastIndexOf(' ') + 1)).movePointRight(3).longValueExact();
    }

    private static Instant time(String line) {
        int open = line.indexOf('[');
        return OffsetDateTime.parse(line.substring(open + 1, line.indexOf(']', open)), CLF).toInstant();
    }

    @Test
    void aPercentileOfRequestTimesExactlyAtItsBoundHoldsAndOneMillisecondBelowItFails() throws Exception {
        try (Nginx nginx = Nginx.start(dir.resolve("nginx"))) {
            for (int i = 0; i < 40; i++) {
                nginx.get("/slow?ms=" + (i % 10 == 9 ? 240 + i : 5 + i));
                nginx.get("/ok/" + i);
            }
            List<Long> slow = new ArrayList<>();
            for (String line : nginx.logLines()) {
                if (line.contains("GET /slow?")) {
                    slow.add(millis(line));
                }
            }
            Collections.sort(slow);
            int rank = BigDecimal.valueOf(95).multiply(BigDecimal.valueOf(slow.size()))
                    .divide(BigDecimal.valueOf(100), 0, RoundingMode.CEILING).intValueExact();
            long p95 = slow.get(rank - 1);

            Verdict verdict = Weblog.verify(CheckConfig.builder().file(nginx.log().toString()).format(Nginx.FORMAT)
                    .rule("at: path=/slow p95<=" + p95 + "ms").rule("below: path=/slow p95<=" + (p95 - 1) + "ms")
                    .rule("above: path=/slow p95<=" + (p95 + 1) + "ms").build(), events::add);

            assertThat(verdict.rules()).extracting(RuleResult::passed).containsExactly(true, false, true);
            assertThat(verdict.rules().get(0).latency()).isEqualTo(Latency.exact(95, p95 * 1000, 40));
            RuleResult below = verdict.rules().get(1);
            List<Long> beyond = slow.stream().filter(ms -> ms > p95 - 1).sorted(Collections.reverseOrder()).toList();
            assertThat(below.samples()).as("the slowest requests beyond the limit, the slowest first")
                    .extracting(hit -> hit.duration().toMillis()).containsExactlyElementsOf(beyond.subList(0,
                            Math.min(5, beyond.size())));
            assertThat(below.samples()).allSatisfy(hit -> assertThat(hit.path()).isEqualTo("/slow"));
            String text = TextReport.render(verdict, false);
            assertThat(text).contains("FAIL below: p95 " + shown(p95) + " > " + (p95 - 1) + "ms (over 40 hits");
            StringWriter junit = new StringWriter();
            JunitReport.write(verdict, junit);
            assertThat(junit.toString()).contains("slowest of 40 hits, each above " + (p95 - 1) + "ms (line, "
                    + "duration, line as logged)");
            LineCounts lines = verdict.lines();
            assertThat(lines.read()).isEqualTo(nginx.logLines().size()).isEqualTo(80);
            assertThat(lines.addsUp()).isTrue();
            assertThat(lines.inWindow()).isEqualTo(80);
        }
    }

    /** How a duration in whole milliseconds is shown: {@code 249ms}, or {@code 1.212s}. */
    private static String shown(long millis) {
        return millis < 1000 ? millis + "ms" : BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + "s";
    }

    @Test
    void aBaselineWithAMarkOnAServerTwoHoursBehindEndsAtTheMarkInTheLogsOwnTime() throws Exception {
        try (Nginx nginx = Nginx.start(dir.resolve("nginx"), Duration.ofHours(-2))) {
            for (int i = 0; i < 30; i++) {
                nginx.get(i % 10 == 0 ? "/boom" : "/ok/before/" + i);
            }
            later.run(0, () -> {
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (nginx.logLines().stream().noneMatch(line -> line.contains("-start "))
                        && System.nanoTime() < deadline) {
                    sleep(20);
                }
                for (int i = 0; i < 10; i++) {
                    nginx.get(i == 5 ? "/boom" : "/ok/after/" + i);
                }
            });
            CheckConfig config = CheckConfig.builder().file(nginx.log().toString()).format(Nginx.FORMAT)
                    .follow("3s").mark(nginx.url() + "/health").markTimeout("10s").baseline("30s")
                    .rule("errors: status=5xx max=+1%").build();

            Verdict verdict = Weblog.verify(config, events::add);

            SourceVerdict source = verdict.sources().get(0);
            assertThat(source.error()).isNull();
            List<String> log = nginx.logLines();
            int markLine = indexOf(log, "-start ");
            int endLine = indexOf(log, "-end ");
            Instant markTime = time(log.get(markLine));
            ObservedWindow window = source.window();
            assertThat(window.baselineUntil()).isEqualTo(markTime);
            assertThat(Duration.between(Instant.now().minus(Duration.ofHours(2)), markTime).abs())
                    .isLessThan(Duration.ofMinutes(1));
            assertThat(window.baselineSince()).isEqualTo(markTime.minusSeconds(30));
            long byHand = log.subList(0, markLine).stream().filter(line -> !time(line).isBefore(markTime
                    .minusSeconds(30))).count();
            long errorsByHand = log.subList(0, markLine).stream().filter(line -> !time(line).isBefore(markTime
                    .minusSeconds(30)) && line.contains("\" 500 ")).count();
            assertThat(window.baselineHits()).isEqualTo(byHand).isPositive();
            assertThat(source.rules().get(0).baseline().count()).isEqualTo(errorsByHand);
            assertThat(source.lines().inWindow()).isEqualTo(endLine - markLine - 1);
            assertThat(source.lines()).extracting(LineCounts::read, LineCounts::beforeWindow, LineCounts::afterWindow,
                    LineCounts::malformed).containsExactly((long) endLine + 1, (long) markLine + 1, 1L, 0L);
            assertThat(warnings()).anySatisfy(warning -> assertThat(warning).startsWith("the mark's line is "
                    + "stamped about 2 h before the time it was sent by this machine's clock ("));
            assertThat(TextReport.render(verdict, false)).contains("before: " + byHand + " hits from "
                    + markTime.minusSeconds(30) + " until the start mark, stamped " + markTime);
        }
    }

    @Test
    void aMarkAnswered503IsAWarningWhileItStillMarksTheWindow() throws Exception {
        try (Nginx nginx = Nginx.start(dir.resolve("nginx"))) {
            nginx.get("/ok/before");
            later.run(0, () -> {
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (nginx.logLines().stream().noneMatch(line -> line.contains("-start "))
                        && System.nanoTime() < deadline) {
                    sleep(20);
                }
                nginx.get("/ok/in");
            });
            CheckConfig config = CheckConfig.builder().file(nginx.log().toString()).format(Nginx.FORMAT)
                    .follow("2s").mark(nginx.url() + "/unwell").markTimeout("10s").rule("status=5xx max=0").build();

            Verdict verdict = Weblog.verify(config, events::add);

            SourceVerdict source = verdict.sources().get(0);
            assertThat(source.error()).isNull();
            assertThat(verdict.passed()).as("the marks' own 503s are not in the window").isTrue();
            assertThat(source.lines().inWindow()).isEqualTo(1);
            assertThat(source.lines().addsUp()).isTrue();
            assertThat(warnings()).anySatisfy(warning -> assertThat(warning).startsWith("the mark GET " + nginx.url()
                    + "/unwell?weblog-mark=").endsWith(" was answered 503: it is in the log and marks the window, "
                            + "but the server is unwell"));
            assertThat(events).anySatisfy(event -> assertThat(event).isInstanceOfSatisfying(CheckEvent.Marked.class,
                    marked -> assertThat(marked.detail()).startsWith("mark sent: GET ").endsWith("(HTTP 503)")));
        }
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no line holds " + text + ": " + lines);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
