package io.weblog.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.weblog.CheckConfig;
import io.weblog.ConfigException;
import io.weblog.Weblog;
import io.weblog.format.Hit;
import io.weblog.testing.LogLines;
import io.weblog.testing.TempLogs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Watching hits as they are read ({@code CheckConfig.Builder.watch}) and saving the raw lines of the window
 * ({@code saveWindow}), on local files and on standard input followed live.
 */
class WatchAndSaveWindowTest {
    private static final String T0 = "2024-10-10T12:00:00Z";

    @TempDir
    Path dir;

    private final List<CheckEvent> events = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> selectedAtNanos = Collections.synchronizedList(new ArrayList<>());

    private Verdict verify(CheckConfig.Builder builder) throws ConfigException, InterruptedException {
        return Weblog.verify(builder.build(), event -> {
            if (event instanceof CheckEvent.Selected) {
                selectedAtNanos.add(System.nanoTime());
            }
            events.add(event);
        });
    }

    private List<Hit> selected() {
        return events.stream().filter(CheckEvent.Selected.class::isInstance)
                .map(e -> ((CheckEvent.Selected) e).hit()).toList();
    }

    private static String at(String isoInstant, int status, String path) {
        return LogLines.hit().at(OffsetDateTime.parse(isoInstant)).get(path).status(status).combined();
    }

    private static String minutes(int minutesAfterT0, int status, String path) {
        return at(OffsetDateTime.parse(T0).plusMinutes(minutesAfterT0).toString(), status, path);
    }

    @Test
    void watchSelectsEachMatchingHitInTheWindowAndNeedsNoRule() throws Exception {
        Path log = TempLogs.write(dir.resolve("access.log"),
                minutes(0, 500, "/too-early"),
                minutes(10, 200, "/ok"),
                minutes(11, 503, "/first-error"),
                minutes(12, 404, "/missing"),
                minutes(13, 502, "/second-error"),
                minutes(30, 500, "/too-late"));
        Verdict verdict = verify(CheckConfig.builder().file(log.toString()).since("2024-10-10T12:10:00Z")
                .until("2024-10-10T12:20:00Z").watch("status=5xx"));
        assertThat(selected()).extracting(Hit::path).containsExactly("/first-error", "/second-error");
        assertThat(selected()).allSatisfy(hit -> assertThat(hit.position().source()).isEqualTo(log.toString()));
        assertThat(selected()).extracting(hit -> hit.position().line()).containsExactly(3L, 5L);
        assertThat(events).filteredOn(CheckEvent.Selected.class::isInstance)
                .allSatisfy(e -> assertThat(e.source()).isEqualTo(log.toString()));
        assertThat(verdict.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(verdict.rules()).isEmpty();
        assertThat(verdict.sources().get(0).lines().inWindow()).isEqualTo(4);
    }

    @Test
    void watchGivesEveryFieldOfTheSelectedHit() throws Exception {
        Path log = TempLogs.write(dir.resolve("access.log"), LogLines.hit().get("/p?q=1").status(200)
                .referrer("https://search.example/").agent("Agent/1").combined());
        verify(CheckConfig.builder().file(log.toString()).watch("referrer!=-"));
        assertThat(selected()).singleElement().satisfies(hit -> {
            assertThat(hit.path()).isEqualTo("/p");
            assertThat(hit.query()).isEqualTo("q=1");
            assertThat(hit.referrer()).isEqualTo("https://search.example/");
            assertThat(hit.agent()).isEqualTo("Agent/1");
            assertThat(hit.status()).isEqualTo(200);
        });
    }

    @Test
    void watchSelectsTheHitsOfALargeFileInFileOrderWithTheirLineNumbers() throws Exception {
        Assumptions.assumeTrue(Runtime.getRuntime().availableProcessors() >= 2,
                "a large file is read in parts only with two cores or more");
        Path log = dir.resolve("large.log");
        String ok = LogLines.hit().get("/ok").combined() + "\n";
        List<Long> errorLines = new ArrayList<>();
        long lines = 0;
        try (Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            // Over 32 MiB, so that it is read in at least two parts (ParallelFileScan.MIN_PART_BYTES is 16 MiB).
            while (lines * ok.length() < 34L * 1024 * 1024) {
                lines++;
                if (lines % 20_000 == 0) {
                    out.write(LogLines.hit().get("/error/" + lines).status(500).combined() + "\n");
                    errorLines.add(lines);
                } else {
                    out.write(ok);
                }
            }
        }
        Verdict verdict = verify(CheckConfig.builder().file(log.toString()).format("combined").watch("status=5xx")
                .rule("status=5xx max=0"));
        assertThat(verdict.sources().get(0).rules().get(0).count()).isEqualTo(errorLines.size());
        assertThat(verdict.sources().get(0).rules().get(0).samples()).extracting(hit -> hit.position().line())
                .containsExactlyElementsOf(errorLines.subList(0, 5));
        assertThat(selected()).as("selected hits, in the order selected").extracting(hit -> hit.path() + " at line "
                + hit.position().line())
                .containsExactlyElementsOf(errorLines.stream().map(line -> "/error/" + line + " at line " + line)
                        .toList());
    }

    /**
     * Without a format, the first lines of a followed log are held back until it is recognised, which happens when
     * the log goes quiet (SourceRun.idle calls LineProcessor.settleFormat). A stop hit among them is seen, but idle
     * ignores settleFormat's answer, so reading goes on to the end of the window, and hits that arrive later are
     * selected and counted as if in the window.
     */
    @Test
    void watchEndsAtAStopHitAmongTheFirstLinesOfALogWhoseFormatIsRecognised() throws Exception {
        Path log = TempLogs.write(dir.resolve("access.log"));
        Thread writer = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            }
            TempLogs.append(log, LogLines.hit().at(OffsetDateTime.now()).get("/before").combined(),
                    LogLines.hit().at(OffsetDateTime.now()).get("/kill").combined(),
                    LogLines.hit().at(OffsetDateTime.now()).get("/after").combined());
            try {
                Thread.sleep(1500);
            } catch (InterruptedException e) {
                return;
            }
            TempLogs.append(log, LogLines.hit().at(OffsetDateTime.now()).get("/later").combined());
        });
        writer.start();
        long started = System.nanoTime();
        Verdict verdict = verify(CheckConfig.builder().file(log.toString()).follow("10s").watch("")
                .stopOn("path=/kill").allowEmpty(true));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        writer.join();
        SourceVerdict source = verdict.sources().get(0);
        assertThat(selected()).extracting(Hit::path).containsExactly("/before");
        assertThat(source.lines().inWindow()).isEqualTo(1);
        assertThat(source.ended()).isEqualTo(EndReason.STOP_HIT);
        assertThat(took).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void anEmptyWatchSelectorSelectsEveryHitAndRulesStillCount() throws Exception {
        Path log = TempLogs.write(dir.resolve("access.log"), minutes(0, 200, "/a"), "not a hit",
                minutes(1, 500, "/b"));
        Verdict verdict = verify(CheckConfig.builder().file(log.toString()).format("combined").watch("")
                .rule("status=5xx max=0"));
        assertThat(selected()).extracting(Hit::path).containsExactly("/a", "/b");
        assertThat(verdict.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(verdict.sources().get(0).rules().get(0).count()).isEqualTo(1);
    }

    @Test
    void savesExactlyTheRawLinesOfTheWindow() throws Exception {
        List<String> lines = List.of(
                minutes(0, 200, "/before"),
                minutes(10, 200, "/first-in-window"),
                LogLines.hit().at(OffsetDateTime.parse(T0).plusMinutes(11)).get("/caf\\xc3\\xa9").status(404)
                        .referrer("https://x.example/?q=\\\"a\\\"").combined(),
                "garbage inside the window",
                minutes(12, 500, "/last-in-window"),
                minutes(20, 200, "/at-until-so-outside"),
                minutes(25, 200, "/after"));
        Path log = TempLogs.write(dir.resolve("access.log"), lines);
        byte[] invalidUtf8 = (minutes(13, 200, "/bytes") + "\n").replace("Firefox", "Fire\u00fffox")
                .getBytes(StandardCharsets.ISO_8859_1);
        Files.write(log, invalidUtf8, java.nio.file.StandardOpenOption.APPEND);
        Path saved = dir.resolve("out/window.log");
        Verdict verdict = verify(CheckConfig.builder().file(log.toString()).format("combined")
                .since("2024-10-10T12:10:00Z").until("2024-10-10T12:20:00Z").saveWindow(saved.toString())
                .rule("status=5xx max=0"));
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (String line : List.of(lines.get(1), lines.get(2), lines.get(4))) {
            expected.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        }
        expected.write(invalidUtf8);
        assertThat(verdict.sources().get(0).lines().inWindow()).isEqualTo(4);
        assertThat(Files.readAllBytes(saved)).isEqualTo(expected.toByteArray());
    }

    @Test
    void savesTheWindowOfALogShorterThanTheLinesItsFormatIsRecognisedFrom() throws Exception {
        List<String> lines = List.of(minutes(0, 200, "/a"), minutes(1, 404, "/b"), minutes(2, 200, "/c"));
        Path log = TempLogs.write(dir.resolve("short.log"), lines);
        Path saved = dir.resolve("window.log");
        Verdict verdict = verify(CheckConfig.builder().file(log.toString()).saveWindow(saved.toString())
                .rule("status=5xx max=0"));
        assertThat(verdict.sources().get(0).format()).isEqualTo("combined");
        assertThat(Files.readAllLines(saved)).isEqualTo(lines);
    }

    @Test
    void savesOneFilePerSourceNamedAfterEach() throws Exception {
        Path a = TempLogs.write(dir.resolve("a.log"), minutes(0, 200, "/a-old"), minutes(10, 200, "/a-in"));
        Path b = TempLogs.write(dir.resolve("b.log"), minutes(10, 500, "/b-in"), minutes(11, 200, "/b-in-too"));
        Path saves = Files.createDirectory(dir.resolve("saves"));
        Verdict verdict = verify(CheckConfig.builder().file(a.toString()).file(b.toString()).format("combined")
                .since("2024-10-10T12:05:00Z").saveWindow(saves.resolve("window.log").toString())
                .rule("status=5xx max=0"));
        assertThat(verdict.sources()).hasSize(2);
        List<Path> files;
        try (Stream<Path> list = Files.list(saves)) {
            files = list.sorted().toList();
        }
        assertThat(files).hasSize(2);
        assertThat(files).noneMatch(file -> file.getFileName().toString().equals("window.log"));
        Path savedA = files.stream().filter(f -> f.getFileName().toString().contains("a.log")).findFirst()
                .orElseThrow();
        Path savedB = files.stream().filter(f -> f.getFileName().toString().contains("b.log")).findFirst()
                .orElseThrow();
        assertThat(savedA.getFileName().toString()).startsWith("window-").endsWith(".log");
        assertThat(savedB.getFileName().toString()).startsWith("window-").endsWith(".log");
        assertThat(Files.readString(savedA)).isEqualTo(minutes(10, 200, "/a-in") + "\n");
        assertThat(Files.readString(savedB)).isEqualTo(minutes(10, 500, "/b-in") + "\n"
                + minutes(11, 200, "/b-in-too") + "\n");
    }

    @Test
    void followsStandardInputUntilTheDeadlineDroppingAHalfLineAtItsEnd() throws Exception {
        InputStream original = System.in;
        PipedOutputStream feed = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(feed, 64 * 1024);
        CountDownLatch checkDone = new CountDownLatch(1);
        String first = LogLines.hit().at(OffsetDateTime.now()).get("/first").status(500).combined();
        String second = LogLines.hit().at(OffsetDateTime.now()).get("/second").referrer("https://r.example/")
                .combined();
        String half = LogLines.hit().at(OffsetDateTime.now()).get("/half").status(500).combined();
        Thread feeder = new Thread(() -> {
            try {
                Thread.sleep(200);
                feed.write((first + "\n" + second.substring(0, 40)).getBytes(StandardCharsets.UTF_8));
                feed.flush();
                Thread.sleep(100);
                feed.write((second.substring(40) + "\n" + half.substring(0, 50)).getBytes(StandardCharsets.UTF_8));
                feed.flush();
                // Keeps the pipe open, and this writer alive, past the window's end: only the deadline ends it.
                checkDone.await(30, TimeUnit.SECONDS);
                feed.close();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, "stdin-feeder");
        feeder.setDaemon(true);
        Path saved = dir.resolve("stdin-window.log");
        Verdict verdict;
        long started = System.nanoTime();
        long took;
        try {
            System.setIn(in);
            feeder.start();
            verdict = verify(CheckConfig.builder().file("-").format("combined").follow("1s").watch("")
                    .saveWindow(saved.toString()).rule("status=5xx max=5"));
            took = System.nanoTime() - started;
        } finally {
            System.setIn(original);
            checkDone.countDown();
        }
        feeder.join(5_000);
        SourceVerdict source = verdict.sources().get(0);
        assertThat(source.ended()).isEqualTo(EndReason.WINDOW_ENDED);
        assertThat(Duration.ofNanos(took)).isBetween(Duration.ofMillis(900), Duration.ofSeconds(3));
        assertThat(source.lines().read()).isEqualTo(2);
        assertThat(source.lines().malformed()).isZero();
        assertThat(source.lines().inWindow()).isEqualTo(2);
        assertThat(source.rules().get(0).count()).isEqualTo(1);
        assertThat(selected()).extracting(Hit::path).containsExactly("/first", "/second");
        assertThat(selectedAtNanos).as("hits are selected as they arrive, not at the end")
                .allSatisfy(at -> assertThat(Duration.ofNanos(at - started)).isLessThan(Duration.ofMillis(900)));
        assertThat(Files.readString(saved)).isEqualTo(first + "\n" + second + "\n");
    }
}
