package io.weblog.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.weblog.CheckConfig;
import io.weblog.ConfigException;
import io.weblog.Weblog;
import io.weblog.format.Hit;
import io.weblog.testing.LogLines;
import io.weblog.testing.TempLogs;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckRunnerTest {

    @TempDir
    Path dir;

    private final List<CheckEvent> events = Collections.synchronizedList(new ArrayList<>());

    private Verdict verify(CheckConfig.Builder builder) throws ConfigException, InterruptedException {
        return Weblog.verify(builder.build(), events::add);
    }

    private Path log(String... lines) {
        return TempLogs.write(dir.resolve("access.log"), lines);
    }

    @Test
    void passesWhenEveryRuleHolds() throws Exception {
        Path log = log(LogLines.hit().get("/").combined(), LogLines.hit().get("/health").combined());
        Verdict verdict = verify(CheckConfig.builder().file(log.toString()).rule("status=5xx max=0")
                .rule("path=/health min=1"));
        assertThat(verdict.outcome()).isEqualTo(Outcome.PASSED);
        SourceVerdict source = verdict.sources().get(0);
        assertThat(source.lines()).isEqualTo(new LineCounts(Files.size(log), 2, 0, 2, 0, 0, 0));
        assertThat(source.rules()).extracting(RuleResult::count).containsExactly(0L, 1L);
        assertThat(source.ended()).isEqualTo(EndReason.END_OF_INPUT);
        assertThat(source.format()).isEqualTo("combined");
    }

    @Test
    void everyLineReadIsBeforeInOrAfterTheWindowOrMalformedAndThePartsAddUp() throws Exception {
        Path log = log(LogLines.hit().at("2024-10-10T11:00:00Z").combined(),
                LogLines.hit().at("2024-10-10T11:59:59Z").combined(),
                "not a log line",
                LogLines.hit().at("2024-10-10T12:00:00Z").combined(),
                LogLines.hit().at("2024-10-10T12:30:00Z").combined(),
                LogLines.hit().at("2024-10-10T13:00:00Z").combined(),
                LogLines.hit().at("2024-10-10T12:40:00Z").get("/deploy-done").combined(),
                LogLines.hit().at("2024-10-10T12:45:00Z").combined());

        SourceVerdict stopped = verify(CheckConfig.builder().file(log.toString()).since("2024-10-10T12:00:00Z")
                .until("2024-10-10T13:00:00Z").stopOn("path=/deploy-done").rule("min=1")).sources().get(0);
        SourceVerdict whole = verify(CheckConfig.builder().file(log.toString()).since("2024-10-10T12:00:00Z")
                .until("2024-10-10T13:00:00Z").rule("min=1")).sources().get(0);

        assertThat(stopped.lines()).as("the stop-on hit ends the window and is after it; nothing after it is read")
                .extracting(LineCounts::read, LineCounts::beforeWindow, LineCounts::inWindow, LineCounts::afterWindow,
                        LineCounts::malformed).containsExactly(7L, 2L, 2L, 2L, 1L);
        assertThat(whole.lines()).extracting(LineCounts::read, LineCounts::beforeWindow, LineCounts::inWindow,
                LineCounts::afterWindow, LineCounts::malformed).containsExactly(8L, 2L, 4L, 1L, 1L);
        assertThat(whole.lines().addsUp()).isTrue();
        assertThat(whole.lines().parsed()).isEqualTo(7);
    }

    @Test
    void failsOnABrokenInternalLinkAndKeepsItAsASampleWithItsLineNumber() throws Exception {
        Path log = log(LogLines.hit().get("/").combined(),
                LogLines.hit().get("/old").status(404).referrer("https://elsewhere.example/").combined(),
                LogLines.hit().get("/gone").status(404).referrer("https://shop.example.com/cart").combined(),
                LogLines.hit().get("/").combined());
        Verdict verdict = verify(CheckConfig.builder().file(log.toString())
                .rule("broken-links: status=404 referrer^=https://shop.example.com/ max=0").rule("status=5xx max=0"));
        assertThat(verdict.outcome()).isEqualTo(Outcome.FAILED);
        RuleResult broken = verdict.sources().get(0).rules().get(0);
        assertThat(broken.passed()).isFalse();
        assertThat(broken.count()).isEqualTo(1);
        assertThat(broken.share()).isEqualTo(0.25);
        Hit sample = broken.samples().get(0);
        assertThat(sample.path()).isEqualTo("/gone");
        assertThat(sample.position().line()).isEqualTo(3);
        assertThat(sample.position().source()).isEqualTo(log.toString());
        assertThat(verdict.sources().get(0).rules().get(1).passed()).isTrue();
        assertThat(verdict.rules().get(0).passed()).isFalse();
    }

    @Test
    void keepsEveryFieldInSamplesThoughTheRulesReadOnlyTheFirstOnes() throws Exception {
        Path log = log(LogLines.hit().get("/x?y=1").status(502).referrer("https://r.example/").agent("Agent/1").combined());
        Hit sample = verify(CheckConfig.builder().file(log.toString()).rule("status=5xx max=0")).sources().get(0)
                .rules().get(0).samples().get(0);
        assertThat(sample.agent()).isEqualTo("Agent/1");
        assertThat(sample.referrer()).isEqualTo("https://r.example/");
        assertThat(sample.query()).isEqualTo("y=1");
    }

    @Test
    void judgesSharesOfAllHitsInTheWindow() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 999; i++) {
            lines.add(LogLines.hit().combined());
        }
        lines.add(LogLines.hit().status(503).combined());
        Path log = TempLogs.write(dir.resolve("budget.log"), lines);
        assertThat(verify(CheckConfig.builder().file(log.toString()).rule("status=5xx max=0.1%")).outcome())
                .isEqualTo(Outcome.PASSED);
        assertThat(verify(CheckConfig.builder().file(log.toString()).rule("status=5xx max=0.09%")).outcome())
                .isEqualTo(Outcome.FAILED);
    }

    @Test
    void countsMalformedLinesWithoutFailingAndKeepsTheirSamples() throws Exception {
        Path log = log(LogLines.hit().combined(), "this is not a log line", "", LogLines.hit().status(500).combined());
        Verdict verdict = verify(CheckConfig.builder().file(log.toString()).format("combined").rule("status=5xx max=1"));
        SourceVerdict source = verdict.sources().get(0);
        assertThat(verdict.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(source.lines().read()).isEqualTo(4);
        assertThat(source.lines().parsed()).isEqualTo(2);
        assertThat(source.lines().malformed()).isEqualTo(2);
        assertThat(source.malformed()).extracting(MalformedLine::line).containsExactly(2L, 3L);
        assertThat(source.malformed().get(0).text()).isEqualTo("this is not a log line");
        assertThat(source.malformed().get(0).reason()).isNotBlank();
    }

    @Test
    void failsAnEmptyWindowUnlessAllowed() throws Exception {
        Path log = log(LogLines.hit().at("2024-10-10T10:00:00Z").combined());
        CheckConfig.Builder check = CheckConfig.builder().file(log.toString()).since("2024-10-11T00:00:00Z")
                .rule("status=5xx max=0");
        Verdict empty = verify(check);
        assertThat(empty.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(empty.sources().get(0).isEmptyWindow()).isTrue();
        assertThat(empty.sources().get(0).rules().get(0).passed()).isTrue();
        assertThat(verify(check.allowEmpty(true)).outcome()).isEqualTo(Outcome.PASSED);
    }

    @Test
    void countsHitsFromSinceInclusiveToUntilExclusiveAcrossZones() throws Exception {
        Path log = log(
                LogLines.hit().at("2024-10-10T13:59:59+02:00").status(500).combined(),
                LogLines.hit().at("2024-10-10T12:00:00Z").status(500).combined(),
                LogLines.hit().at("2024-10-10T07:30:00-05:00").status(500).combined(),
                LogLines.hit().at("2024-10-10T08:00:00-05:00").status(500).combined());
        Verdict verdict = verify(CheckConfig.builder().file(log.toString()).since("2024-10-10T12:00:00Z")
                .until("2024-10-10T13:00:00Z").rule("status=5xx max=0"));
        SourceVerdict source = verdict.sources().get(0);
        assertThat(source.lines().inWindow()).isEqualTo(2);
        assertThat(source.rules().get(0).samples()).extracting(h -> h.position().line()).containsExactly(2L, 3L);
        assertThat(source.window().firstHit()).isEqualTo(OffsetDateTime.parse("2024-10-10T12:00:00Z").toInstant());
        assertThat(source.window().lastHit()).isEqualTo(OffsetDateTime.parse("2024-10-10T12:30:00Z").toInstant());
    }

    @Test
    void readsBackADurationFromNow() throws Exception {
        OffsetDateTime now = OffsetDateTime.now();
        Path log = log(LogLines.hit().at(now.minusHours(2)).status(500).combined(),
                LogLines.hit().at(now.minusMinutes(5)).combined());
        Verdict verdict = verify(CheckConfig.builder().file(log.toString()).since("30m").rule("status=5xx max=0"));
        assertThat(verdict.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(verdict.sources().get(0).lines().inWindow()).isEqualTo(1);
    }

    @Test
    void endsTheWindowAtTheStopHitWithoutCountingIt() throws Exception {
        Path log = log(LogLines.hit().status(500).combined(), LogLines.hit().get("/deploy-done").combined(),
                LogLines.hit().status(500).combined());
        Verdict verdict = verify(CheckConfig.builder().file(log.toString()).stopOn("path=/deploy-done")
                .rule("status=5xx max=0"));
        SourceVerdict source = verdict.sources().get(0);
        assertThat(source.ended()).isEqualTo(EndReason.STOP_HIT);
        assertThat(source.lines().inWindow()).isEqualTo(1);
        assertThat(source.rules().get(0).count()).isEqualTo(1);
        assertThat(source.lines().read()).as("read up to the stop hit, not past it").isEqualTo(2);
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOf(CheckEvent.Stopped.class));
        SourceVerdict withFormat = verify(CheckConfig.builder().file(log.toString()).format("combined")
                .stopOn("path=/deploy-done").rule("status=5xx max=0")).sources().get(0);
        assertThat(withFormat.lines().read()).isEqualTo(2);
    }

    @Test
    void givesEachFileItsOwnVerdict() throws Exception {
        Path good = TempLogs.write(dir.resolve("good.log"), LogLines.hit().combined());
        Path bad = TempLogs.write(dir.resolve("bad.log"), LogLines.hit().status(502).combined());
        Verdict verdict = verify(CheckConfig.builder().file(good.toString()).file(bad.toString())
                .rule("status=5xx max=0"));
        assertThat(verdict.sources()).extracting(SourceVerdict::outcome).containsExactly(Outcome.PASSED,
                Outcome.FAILED);
        assertThat(verdict.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(verdict.rules().get(0).count()).isEqualTo(1);
        assertThat(verdict.rules().get(0).share()).isEqualTo(0.5);
        assertThat(verdict.lines().read()).isEqualTo(2);
    }

    @Test
    void reportsAMissingFileAsASourceErrorNamingIt() throws Exception {
        Path good = TempLogs.write(dir.resolve("good.log"), LogLines.hit().combined());
        Verdict verdict = verify(CheckConfig.builder().file(good.toString()).file(dir.resolve("nope.log").toString())
                .rule("status=5xx max=0"));
        assertThat(verdict.outcome()).isEqualTo(Outcome.ERROR);
        SourceVerdict missing = verdict.sources().get(1);
        assertThat(missing.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(missing.error()).isEqualTo("no such file: " + dir.resolve("nope.log"));
        assertThat(verdict.sources().get(0).outcome()).isEqualTo(Outcome.PASSED);
        assertThat(verdict.rules().get(0).passed()).as("not judged on every source").isFalse();
        assertThat(verdict.rules().get(0).count()).as("counted over the sources that were read").isZero();
    }

    @Test
    void reportsADirectoryAsASourceError() throws Exception {
        Verdict verdict = verify(CheckConfig.builder().file(dir.toString()).rule("status=5xx max=0"));
        assertThat(verdict.sources().get(0).error()).contains("is a directory");
    }

    @Test
    void recognisesTheFormatAndSaysWhich() throws Exception {
        Path log = log(LogLines.hit().vhostCombined(), LogLines.hit().status(404).vhostCombined());
        Verdict verdict = verify(CheckConfig.builder().file(log.toString()).rule("vhost=shop.example.com min=2"));
        assertThat(verdict.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(verdict.sources().get(0).format()).isEqualTo("vhost_combined");
        assertThat(events).anySatisfy(e -> assertThat(e).isEqualTo(
                new CheckEvent.FormatDetected(log.toString(), "vhost_combined", 2, 2)));
    }

    @Test
    void recognisesCommonWhenLinesHaveNoReferrer() throws Exception {
        Path log = log(LogLines.hit().common(), LogLines.hit().common());
        assertThat(verify(CheckConfig.builder().file(log.toString()).rule("status=5xx max=0")).sources().get(0)
                .format()).isEqualTo("common");
    }

    @Test
    void recognisesCombinedInALogThatTurnedFromCommonAndCountsTheCommonLinesAsMalformed() throws Exception {
        Path log = log(LogLines.hit().common(), LogLines.hit().common(), LogLines.hit().status(404)
                .referrer("https://shop.example.com/").combined(), LogLines.hit().combined());
        SourceVerdict source = verify(CheckConfig.builder().file(log.toString())
                .rule("status=404 referrer!=- max=0")).sources().get(0);
        assertThat(source.format()).isEqualTo("combined");
        assertThat(source.rules().get(0).count()).isEqualTo(1);
        assertThat(source.lines().malformed()).isEqualTo(2);
    }

    @Test
    void countsAHitWithoutATimeAsMalformedInAWindowRatherThanDropIt() throws Exception {
        Path log = log("{\"time_iso8601\":\"2024-10-10T13:55:36+02:00\",\"remote_addr\":\"10.0.0.1\","
                        + "\"request\":\"GET /a HTTP/1.1\",\"status\":\"500\"}",
                "{\"remote_addr\":\"10.0.0.1\",\"request\":\"GET /b HTTP/1.1\",\"status\":\"500\"}");
        SourceVerdict source = verify(CheckConfig.builder().file(log.toString()).format("nginx-json")
                .since("2024-10-10T11:00:00Z").rule("status=5xx max=0")).sources().get(0);
        assertThat(source.rules().get(0).count()).isEqualTo(1);
        assertThat(source.lines().malformed()).isEqualTo(1);
        assertThat(source.malformed().get(0).reason()).isEqualTo("no time in the line, so the window cannot place it");
    }

    @Test
    void reportsALogInNoKnownFormatAsASourceError() throws Exception {
        Path log = log("Oct 10 13:55:36 host sshd[123]: Accepted publickey for root", "another syslog line");
        SourceVerdict source = verify(CheckConfig.builder().file(log.toString()).rule("status=5xx max=0")).sources()
                .get(0);
        assertThat(source.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(source.error()).contains("no known format").contains("give the format");
    }

    @Test
    void warnsWhenARuleUsesAFieldTheFormatDoesNotLog() throws Exception {
        Path log = log(LogLines.hit().common());
        verify(CheckConfig.builder().file(log.toString()).format("common").rule("referrer!=- max=0"));
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(CheckEvent.Warning.class,
                w -> assertThat(w.message()).contains("does not log referrer")));
    }

    @Test
    void readsAFileWithoutATrailingNewlineAndWithCrlfEndings() throws Exception {
        Path log = dir.resolve("crlf.log");
        Files.writeString(log, LogLines.hit().status(500).combined() + "\r\n" + LogLines.hit().status(500).combined());
        Verdict verdict = verify(CheckConfig.builder().file(log.toString()).rule("status=5xx max=0"));
        assertThat(verdict.sources().get(0).rules().get(0).count()).isEqualTo(2);
        assertThat(verdict.sources().get(0).rules().get(0).samples().get(0).agent()).doesNotEndWith("\r");
    }

    @Test
    void skipsAndCountsLinesOverTheLengthLimit() throws Exception {
        Path log = log(LogLines.hit().get("/?q=" + "x".repeat(5000)).combined(), LogLines.hit().combined());
        Verdict verdict = verify(CheckConfig.builder().file(log.toString()).maxLineLength("1KiB")
                .rule("status=5xx max=0"));
        LineCounts lines = verdict.sources().get(0).lines();
        assertThat(lines.tooLong()).isEqualTo(1);
        assertThat(lines.malformed()).isEqualTo(1);
        assertThat(lines.parsed()).isEqualTo(1);
        assertThat(verdict.sources().get(0).malformed().get(0).reason()).contains("longer than 1024 bytes");
    }

    @Test
    void readsStandardInput() throws Exception {
        InputStream original = System.in;
        try {
            System.setIn(new ByteArrayInputStream((LogLines.hit().status(500).combined() + "\n")
                    .getBytes(StandardCharsets.UTF_8)));
            Verdict verdict = verify(CheckConfig.builder().file("-").rule("status=5xx max=0"));
            assertThat(verdict.sources().get(0).source()).isEqualTo("-");
            assertThat(verdict.sources().get(0).rules().get(0).count()).isEqualTo(1);
        } finally {
            System.setIn(original);
        }
    }

    @Test
    void buildsATimelineByStatusClass() throws Exception {
        Path log = log(LogLines.hit().at("2024-10-10T12:00:10Z").combined(),
                LogLines.hit().at("2024-10-10T12:00:50Z").status(404).combined(),
                LogLines.hit().at("2024-10-10T12:03:00Z").status(503).combined());
        Timeline timeline = verify(CheckConfig.builder().file(log.toString()).rule("status=5xx max=5")).sources()
                .get(0).timeline();
        assertThat(timeline.buckets()).hasSize(2);
        assertThat(timeline.buckets().get(0).success()).isEqualTo(1);
        assertThat(timeline.buckets().get(0).clientError()).isEqualTo(1);
        assertThat(timeline.buckets().get(1).serverError()).isEqualTo(1);
    }

    @Test
    void readsALargeFileInPartsWithExactlyTheCountsOfASequentialRead() throws Exception {
        Path log = dir.resolve("large.log");
        List<String> block = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            block.add(LogLines.hit().get("/p/" + i).status(i % 97 == 0 ? 503 : 200).combined());
        }
        block.add("a malformed line");
        String text = String.join("\n", block) + "\n";
        try (var out = Files.newBufferedWriter(log)) {
            while (Files.size(log) < 3 * ParallelFileScan.MIN_PART_BYTES) {
                for (int i = 0; i < 20; i++) {
                    out.write(text);
                }
                out.flush();
            }
        }
        long lines = Files.lines(log).count();
        Verdict parallel = verify(CheckConfig.builder().file(log.toString()).rule("status=5xx max=0").samples(3));
        Verdict sequential = verify(CheckConfig.builder().file(log.toString()).stopOn("path=/never")
                .rule("status=5xx max=0").samples(3));
        SourceVerdict p = parallel.sources().get(0);
        SourceVerdict s = sequential.sources().get(0);
        assertThat(p.lines()).isEqualTo(s.lines());
        assertThat(p.lines().read()).isEqualTo(lines);
        assertThat(p.rules().get(0).count()).isEqualTo(s.rules().get(0).count());
        assertThat(p.rules().get(0).samples()).isEqualTo(s.rules().get(0).samples());
        assertThat(p.malformed()).isEqualTo(s.malformed());
        assertThat(p.timeline()).isEqualTo(s.timeline());
    }

    @Test
    void reportsALogOfWhichNoLineParsesInTheGivenFormatAsASourceError() throws Exception {
        Path log = log("garbage", "more garbage");
        Verdict verdict = verify(CheckConfig.builder().file(log.toString()).format("combined").allowEmpty(true)
                .rule("status=5xx max=0"));
        assertThat(verdict.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(verdict.sources().get(0).error()).isEqualTo("not one of 2 lines of " + log
                + " parsed as combined; line 1: line ends inside %h");
        assertThat(verdict.sources().get(0).lines().malformed()).isEqualTo(2);
    }

    @Test
    void readsANamedPipeToItsEnd() throws Exception {
        Path fifo = dir.resolve("fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo is available");
        Thread writer = new Thread(() -> {
            try {
                Files.writeString(fifo, LogLines.hit().status(502).combined() + "\n" + LogLines.hit().combined()
                        + "\n");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        writer.start();
        Verdict verdict = verify(CheckConfig.builder().file(fifo.toString()).rule("status=5xx max=0"));
        writer.join();
        assertThat(verdict.sources().get(0).error()).isNull();
        assertThat(verdict.sources().get(0).lines().read()).isEqualTo(2);
        assertThat(verdict.sources().get(0).rules().get(0).count()).isEqualTo(1);
    }

    @Test
    void rejectsAWindowThatEndsBeforeItStarts() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CheckConfig.builder().file("x")
                .since("2024-10-10T12:00:00Z").until("2024-10-10T11:00:00Z").rule("status=5xx max=0").build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("ends before it starts");
    }

    @Test
    void rejectsAWindowOnAFormatWithoutTime() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CheckConfig.builder().file("x").format("%h %>s")
                .since("1h").rule("status=5xx max=0").build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("logs no time");
    }

    @Test
    void reportsIoProblemsAsSourceErrorsNotExceptions() throws IOException, Exception {
        Path unreadable = log(LogLines.hit().combined());
        unreadable.toFile().setReadable(false);
        try {
            Verdict verdict = verify(CheckConfig.builder().file(unreadable.toString()).rule("status=5xx max=0"));
            if (!unreadable.toFile().canRead()) {
                assertThat(verdict.sources().get(0).error()).startsWith("permission denied");
            }
        } finally {
            unreadable.toFile().setReadable(true);
        }
    }
}
