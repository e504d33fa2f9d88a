package io.weblog.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weblog.CheckConfig;
import io.weblog.ConfigException;
import io.weblog.Setting;
import io.weblog.Weblog;
import io.weblog.report.JsonReport;
import io.weblog.report.TextReport;
import io.weblog.server.ServerEvent;
import io.weblog.testing.Later;
import io.weblog.testing.LogLines;
import io.weblog.testing.TempLogs;
import io.weblog.testing.TestLogServer;
import io.weblog.testing.TestWebServer;
import io.weblog.window.Mark;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A window marked in the log: a real HTTP request's line starts it and a second one's ends it, on a local log and on
 * one read over SSH from {@code weblog serve}; a mark that never comes is an error that says why; without marks, lines
 * stamped far from the clock are told of.
 */
class MarkTest {

    @TempDir
    Path dir;

    private final Later later = new Later();
    private final List<CheckEvent> events = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void waitForRequests() {
        later.join();
    }

    private List<String> said() {
        synchronized (events) {
            return events.stream().map(event -> event instanceof CheckEvent.Marked marked ? marked.detail()
                    : event instanceof CheckEvent.Warning warning ? "warning: " + warning.message() : "").toList();
        }
    }

    /** Three requests while the window is open, each answered before the next, starting once the mark is logged. */
    private void trafficAfterTheMark(TestWebServer web) {
        later.run(0, () -> {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (web.requests() == 0 && System.nanoTime() < deadline) {
                sleep(20);
            }
            web.get("/ok/1");
            web.get("/boom");
            web.get("/ok/2");
        });
    }

    @Test
    void theWindowIsTheLinesBetweenTheMarksOfALocalLog() throws Exception {
        Path log = TempLogs.write(dir.resolve("access.log"), LogLines.now(500, "/before-the-mark"));
        try (TestWebServer web = TestWebServer.start(log)) {
            trafficAfterTheMark(web);
            CheckConfig config = CheckConfig.builder().file(log.toString()).format("combined").follow("2s")
                    .mark(web.url() + "/health").markTimeout("5s").rule("status=5xx max=1").rule("min=3").build();

            Verdict verdict = Weblog.verify(config, events::add);

            SourceVerdict source = verdict.sources().get(0);
            assertThat(source.error()).isNull();
            assertThat(source.lines().inWindow()).isEqualTo(3);
            assertThat(source.rules().get(0).count()).isEqualTo(1);
            assertThat(source.ended()).isEqualTo(EndReason.END_MARK);
            assertThat(source.window().startMarkLine()).as("counted from where following began").isEqualTo(1);
            assertThat(source.window().endMarkLine()).isEqualTo(5);
            assertThat(verdict.outcome()).isEqualTo(Outcome.PASSED);
            assertThat(said()).anySatisfy(said -> assertThat(said).startsWith("mark sent: GET " + web.url()
                    + "/health?weblog-mark=").endsWith("-start (HTTP 200)"))
                    .contains("the window starts at the mark, line 1", "the window ended at the end mark, line 5");
            assertThat(source.lines()).as("the marks' lines are before and after the window")
                    .extracting(LineCounts::read, LineCounts::beforeWindow, LineCounts::inWindow,
                            LineCounts::afterWindow, LineCounts::malformed).containsExactly(5L, 1L, 3L, 1L, 0L);
            assertThat(TextReport.render(verdict, false)).contains("from the mark at line 1 to the end mark at line 5")
                    .contains("lines:  5 read: 1 before the window, 3 in it, 1 after it, 0 malformed");
            assertThat(JsonReport.toJson(verdict)).contains("\"startMarkLine\": 1,").contains("\"endMarkLine\": 5");
        }
    }

    @Test
    void marksALogReadOverSshWhereTheClockWouldHaveCountedALineBeforeTheRelease() throws Exception {
        try (TestLogServer server = TestLogServer.start(dir); TestWebServer web = TestWebServer.start(server.log())) {
            server.append(LogLines.now(500, "/before-the-mark"));
            trafficAfterTheMark(web);
            CheckConfig config = CheckConfig.builder().host("weblog@127.0.0.1:" + server.port()).log("access.log")
                    .identity(server.clientKey().toString()).knownHosts(server.knownHosts().toString())
                    .format("combined").follow("2s").mark(web.url() + "/health").rule("status=5xx max=1")
                    .rule("min=3").build();

            Verdict verdict = Weblog.verify(config, events::add);

            SourceVerdict source = verdict.sources().get(0);
            assertThat(source.error()).isNull();
            assertThat(source.lines().inWindow()).isEqualTo(3);
            assertThat(source.ended()).isEqualTo(EndReason.END_MARK);
            assertThat(verdict.outcome()).isEqualTo(Outcome.PASSED);
            assertThat(server.awaitEvent(ServerEvent.StreamEnded.class, e -> e.command().startsWith("weblog-follow"),
                    Duration.ofSeconds(3))).isPresent();
        }
    }

    @Test
    void linesHeldBackToRecogniseTheFormatStillCountWhenTheEndMarkArrives() throws Exception {
        CheckConfig config = CheckConfig.builder().file("access.log").follow("1m").mark("http://127.0.0.1:9/health")
                .rule("status=5xx max=5").build();
        SourceContext context = new SourceContext("access.log", config, config.window().resolve(Instant.now()),
                CheckListener.NONE, false);
        Tally tally = new Tally(config.rules(), 5, false, false);
        try (MarkClient client = new MarkClient(Duration.ofSeconds(1))) {
            MarkWatch marks = new MarkWatch(config.window().mark(), config.window().follow(), null, "access.log",
                    CheckListener.NONE, client);
            LineProcessor processor = new LineProcessor(context, null, tally, null, marks);
            List<String> lines = new ArrayList<>();
            lines.add(LogLines.hit().get("/health?" + new String(marks.startToken, StandardCharsets.US_ASCII))
                    .combined());
            for (int status : new int[] {200, 500, 200, 503, 200}) {
                lines.add(LogLines.hit().status(status).combined());
            }
            for (int i = 0; i < lines.size(); i++) {
                byte[] line = lines.get(i).getBytes(StandardCharsets.UTF_8);
                assertThat(processor.line(line, 0, line.length, i + 1, 0)).isTrue();
            }
            assertThat(processor.formatKnown()).as("five lines are too few to recognise the format").isFalse();
            marks.sendEnd();
            byte[] end = LogLines.hit().get("/health?" + new String(marks.endToken, StandardCharsets.US_ASCII))
                    .combined().getBytes(StandardCharsets.UTF_8);

            assertThat(processor.line(end, 0, end.length, 7, 0)).isFalse();
        }
        assertThat(tally.decided).isEqualTo(EndReason.END_MARK);
        assertThat(tally.inWindow).isEqualTo(5);
        assertThat(tally.counts[0]).isEqualTo(2);
        assertThat(tally.lineCounts()).as("the marks' own lines are before and after the window")
                .isEqualTo(new LineCounts(0, 7, 1, 5, 1, 0, 0));
    }

    /**
     * Sixty lines a second apart before the check, stamped by a server whose clock is {@code offset} off, ending a
     * second before now by that clock; every fifth answered 500.
     */
    private static List<String> linesBefore(Duration offset) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).plus(offset).withNano(0);
        List<String> lines = new ArrayList<>();
        for (int i = 60; i >= 1; i--) {
            lines.add(LogLines.hit().at(now.minusSeconds(i)).get("/before/" + i).status(i % 5 == 0 ? 500 : 200)
                    .combined());
        }
        return lines;
    }

    /** How many of the lines are stamped at or after {@code since}. */
    private static long stampedFrom(List<String> lines, Instant since) {
        return lines.stream().map(LogLines::timeOf).filter(time -> !time.isBefore(since)).count();
    }

    @Test
    void aBaselineWithAMarkEndsAtTheMarkAndIsMeasuredInTheLogsOwnTimeWhenTheServersClockIsTwoHoursBehind()
            throws Exception {
        Duration behind = Duration.ofHours(-2);
        List<String> before = linesBefore(behind);
        Path log = TempLogs.write(dir.resolve("access.log"), before);
        try (TestWebServer web = TestWebServer.start(log, behind)) {
            trafficAfterTheMark(web);
            CheckConfig config = CheckConfig.builder().file(log.toString()).format("combined").follow("2s")
                    .mark(web.url() + "/health").markTimeout("5s").baseline("30s").rule("status=5xx max=+1%")
                    .build();

            Verdict verdict = Weblog.verify(config, events::add);

            SourceVerdict source = verdict.sources().get(0);
            assertThat(source.error()).isNull();
            ObservedWindow window = source.window();
            Instant mark = window.baselineUntil();
            assertThat(Duration.between(Instant.now().plus(behind), mark).abs())
                    .as("the baseline ends at the mark's own time, by the server's clock")
                    .isLessThan(Duration.ofSeconds(10));
            assertThat(window.baselineSince()).isEqualTo(mark.minusSeconds(30).truncatedTo(ChronoUnit.SECONDS));
            assertThat(window.baselineHits()).as("every line before the mark stamped in its 30 s")
                    .isEqualTo(stampedFrom(before, window.baselineSince())).isPositive();
            assertThat(source.rules().get(0).baseline().count()).isPositive();
            assertThat(source.lines()).extracting(LineCounts::read, LineCounts::beforeWindow, LineCounts::inWindow,
                    LineCounts::afterWindow).containsExactly(65L, 61L, 3L, 1L);
            assertThat(said()).anySatisfy(said -> assertThat(said)
                    .startsWith("warning: the mark's line is stamped about 2 h before the time it was sent by this "
                            + "machine's clock ("));
            assertThat(TextReport.render(verdict, false)).contains("until the start mark, stamped ")
                    .contains("(the baseline, in the log's own time)");
        }
    }

    @Test
    void aBaselineWithAMarkReadOverSshReachesBackInTheLogsOwnTime() throws Exception {
        Duration behind = Duration.ofHours(-2);
        List<String> before = new ArrayList<>();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).plus(behind).withNano(0);
        for (int i = 3600; i >= 1; i--) {
            before.add(LogLines.hit().at(now.minusSeconds(i)).get("/before/" + i).status(i % 5 == 0 ? 500 : 200)
                    .combined() + " " + "x".repeat(200));
        }
        try (TestLogServer server = TestLogServer.start(dir); TestWebServer web = TestWebServer.start(server.log(),
                behind)) {
            server.append(before.toArray(String[]::new));
            trafficAfterTheMark(web);
            CheckConfig config = CheckConfig.builder().host("weblog@127.0.0.1:" + server.port()).log("access.log")
                    .identity(server.clientKey().toString()).knownHosts(server.knownHosts().toString())
                    .format("combined").follow("2s").mark(web.url() + "/health").baseline("30s")
                    .rule("status=5xx max=+1%").build();

            Verdict verdict = Weblog.verify(config, events::add);

            SourceVerdict source = verdict.sources().get(0);
            assertThat(source.error()).isNull();
            assertThat(source.window().baselineHits()).isEqualTo(stampedFrom(before, source.window().baselineSince()))
                    .isPositive();
            assertThat(source.lines().read()).as("read back only as far as the baseline reaches, by the log's time")
                    .isLessThan(1000);
            assertThat(source.lines().addsUp()).isTrue();
        }
    }

    @Test
    void aStartMarkSlowToArriveDoesNotShortenTheFollowedWindowBeyondHalfTheMarkTimeout() throws Exception {
        CheckConfig config = CheckConfig.builder().file("access.log").follow("10s").mark("http://127.0.0.1:9/health")
                .markTimeout("30s").rule("status=5xx max=5").build();
        try (MarkClient client = new MarkClient(Duration.ofSeconds(1))) {
            MarkWatch marks = new MarkWatch(config.window().mark(), config.window().follow(), null, "access.log",
                    CheckListener.NONE, client);
            Instant byTheClock = Instant.now().plusSeconds(4);
            assertThat(marks.endDue(byTheClock)).as("before the mark arrived").isEqualTo(byTheClock);

            Instant before = Instant.now();
            marks.startArrived(1);
            Instant after = Instant.now();

            assertThat(marks.endDue(byTheClock)).as("followed for 10 s from the mark's arrival")
                    .isBetween(before.plusSeconds(10), after.plusSeconds(10));
            Instant longAgo = before.minusSeconds(60);
            assertThat(marks.endDue(longAgo)).as("at most half the mark timeout past the window's end")
                    .isEqualTo(longAgo.plusSeconds(15));
            Instant later = after.plusSeconds(20);
            assertThat(marks.endDue(later)).as("never before the window's end by the clock").isEqualTo(later);
        }
    }

    @Test
    void aMarkThatNeverAppearsIsAnErrorNamingWhatToCheck() throws Exception {
        Path log = TempLogs.write(dir.resolve("access.log"), LogLines.now(200, "/"));
        try (TestWebServer elsewhere = TestWebServer.start(dir.resolve("other.log"))) {
            CheckConfig config = CheckConfig.builder().file(log.toString()).format("combined").follow("20s")
                    .mark(elsewhere.url() + "/health").markTimeout("1s").rule("status=5xx max=0").build();
            long started = System.nanoTime();

            Verdict verdict = Weblog.verify(config, events::add);

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
            assertThat(verdict.outcome()).isEqualTo(Outcome.ERROR);
            assertThat(verdict.sources().get(0).error()).startsWith("the mark did not appear in the log within the "
                    + "mark timeout, 1s, of sending GET " + elsewhere.url() + "/health?weblog-mark=")
                    .endsWith(": is it the log of the server that URL reaches, and is the log written live?");
            assertThat(elsewhere.requests()).isEqualTo(1);
        }
    }

    @Test
    void aMarkThatCannotBeSentIsAnError() throws Exception {
        Path log = TempLogs.write(dir.resolve("access.log"), LogLines.now(200, "/"));
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        CheckConfig config = CheckConfig.builder().file(log.toString()).format("combined").follow("20s")
                .mark("http://127.0.0.1:" + closedPort + "/health").markTimeout("2s").rule("status=5xx max=0")
                .build();

        Verdict verdict = Weblog.verify(config, events::add);

        assertThat(verdict.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(verdict.sources().get(0).error()).startsWith("cannot send the mark to http://127.0.0.1:"
                + closedPort + "/health?weblog-mark=").endsWith(": connection refused");
        assertThat(said()).as("a mark that was never answered was never said to be sent")
                .noneMatch(said -> said.contains("mark sent"));
    }

    @Test
    void aMarkAnsweredWithAServerErrorIsAWarningAndStillMarksTheWindow() throws Exception {
        Path log = TempLogs.write(dir.resolve("access.log"), LogLines.now(200, "/"));
        try (TestWebServer web = TestWebServer.start(log)) {
            trafficAfterTheMark(web);
            CheckConfig config = CheckConfig.builder().file(log.toString()).format("combined").follow("2s")
                    .mark(web.url() + "/boom").markTimeout("5s").rule("status=5xx max=5").build();

            Verdict verdict = Weblog.verify(config, events::add);

            assertThat(verdict.sources().get(0).error()).isNull();
            assertThat(verdict.sources().get(0).window().startMarkLine()).isPositive();
            assertThat(said()).anySatisfy(said -> assertThat(said).startsWith("mark sent: GET " + web.url()
                    + "/boom?weblog-mark=").endsWith("-start (HTTP 500)"))
                    .anySatisfy(said -> assertThat(said).startsWith("warning: the mark GET " + web.url() + "/boom?")
                            .endsWith(" was answered 500: it is in the log and marks the window, but the server is "
                                    + "unwell"));
        }
    }

    @Test
    void aMarkWaitedForLongerThanTheFollowedWindowSaysSo() throws Exception {
        Path log = TempLogs.write(dir.resolve("access.log"), LogLines.now(200, "/"));
        try (TestWebServer elsewhere = TestWebServer.start(dir.resolve("other.log"))) {
            CheckConfig config = CheckConfig.builder().file(log.toString()).format("combined").follow("1s")
                    .mark(elsewhere.url() + "/health").markTimeout("2s").rule("status=5xx max=0").build();

            Verdict verdict = Weblog.verify(config, events::add);

            assertThat(verdict.sources().get(0).error()).contains("within the mark timeout, 2s, of sending GET ")
                    .contains(" (a mark is waited for that long even when the followed window, 1s, is shorter): ");
        }
    }

    @Test
    void aMarkNeedsAFollowedWindowWithoutAStartAndReachesEveryHost() {
        assertThatThrownBy(() -> CheckConfig.builder().file("a.log").mark("http://x/health").rule("min=1").build())
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.setting()).isEqualTo(Setting.MARK);
                    assertThat(e.getMessage()).contains("give a time to follow as well");
                });
        assertThatThrownBy(() -> CheckConfig.builder().file("a.log").follow("1m").since("1m").mark("http://x/")
                .rule("min=1").build()).isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.getMessage()).contains("give either a start or a mark"));
        assertThatThrownBy(() -> CheckConfig.builder().host("web1").host("web2").log("/var/log/x").follow("1m")
                .mark("https://shop.example.com/health").rule("min=1").build())
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.getMessage()).contains("there are 2 logs to mark; put {host} in the URL"));
        assertThatThrownBy(() -> CheckConfig.builder().file("a.log").follow("1m").mark("http://{host}/health")
                .rule("min=1").build()).isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.getMessage()).contains("a local log has none"));
        assertThatThrownBy(() -> CheckConfig.builder().mark("ftp://x/")).isInstanceOfSatisfying(
                ConfigException.class, e -> assertThat(e.getMessage()).contains("expected an http:// or https:// URL"));
        assertThatThrownBy(() -> CheckConfig.builder().mark("http://x/ y")).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> CheckConfig.builder().markTimeout("0s")).isInstanceOf(ConfigException.class);
    }

    @Test
    void theMarksQueryIsAddedToTheUrlForEachHost() throws Exception {
        Mark mark = Mark.of("http://{host}:8080/health?probe=1#top", Mark.DEFAULT_TIMEOUT);
        assertThat(mark.uri("web1", "ab-start")).hasToString("http://web1:8080/health?probe=1&weblog-mark=ab-start");
        assertThat(mark.uri("::1", "ab-end")).hasToString("http://[::1]:8080/health?probe=1&weblog-mark=ab-end");
        assertThat(Mark.of("https://shop.example.com", Mark.DEFAULT_TIMEOUT).uri(null, "x"))
                .hasToString("https://shop.example.com?weblog-mark=x");
    }

    @Test
    void linesStampedHoursAwayFromTheClockWhileFollowingAreToldOf() throws Exception {
        try (TestLogServer server = TestLogServer.start(dir)) {
            server.append(LogLines.secondsAgo(10, 200, "/"));
            Runnable lateLines = () -> {
                List<String> lines = new ArrayList<>();
                for (int i = 0; i < 30; i++) {
                    lines.add(LogLines.hit().at(OffsetDateTime.now().minusHours(2)).get("/late/" + i).combined());
                }
                server.append(lines.toArray(String[]::new));
            };
            CheckConfig config = CheckConfig.builder().host("weblog@127.0.0.1:" + server.port()).log("access.log")
                    .identity(server.clientKey().toString()).knownHosts(server.knownHosts().toString())
                    .format("combined").follow("3s").rule("status=5xx max=0").build();

            Verdict verdict = Weblog.verify(config, event -> {
                events.add(event);
                if (event instanceof CheckEvent.Following) {
                    later.run(1000, lateLines);
                }
            });

            assertThat(verdict.sources().get(0).lines().inWindow()).isZero();
            assertThat(said()).contains("warning: 30 lines arrived stamped about 2 h before the time they were read, "
                    + "so they fell outside the window: is the server's clock or time zone off? A "
                    + "mark starts the window at a line the server logs, whatever its clock");
        }
    }

    @Test
    void saysRoughlyHowFarOffTheClockIs() {
        assertThat(SourceRun.roughly(Duration.ofMinutes(119))).isEqualTo("2 h");
        assertThat(SourceRun.roughly(Duration.ofMinutes(330))).isEqualTo("5.5 h");
        assertThat(SourceRun.roughly(Duration.ofMinutes(12))).isEqualTo("12 min");
        assertThat(SourceRun.roughly(Duration.ofSeconds(70))).isEqualTo("70 s");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
