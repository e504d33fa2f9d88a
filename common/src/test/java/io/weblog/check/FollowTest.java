package io.weblog.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.weblog.CheckConfig;
import io.weblog.Weblog;
import io.weblog.testing.Later;
import io.weblog.testing.LogLines;
import io.weblog.testing.TempLogs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Following a local log live: what arrives counts, the outcome comes as soon as it is known, rotation is survived. */
class FollowTest {

    @TempDir
    Path dir;

    private final List<CheckEvent> events = Collections.synchronizedList(new ArrayList<>());
    private final Later later = new Later();

    @AfterEach
    void waitForWriters() {
        later.join();
    }



    private Verdict follow(Path log, String duration, String... rules) throws Exception {
        CheckConfig.Builder builder = CheckConfig.builder().file(log.toString()).follow(duration).format("combined");
        for (String rule : rules) {
            builder.rule(rule);
        }
        return Weblog.verify(builder.build(), events::add);
    }

    @Test
    void countsOnlyWhatArrivesWhileFollowingAndRunsToTheEndOfTheWindow() throws Exception {
        Path log = TempLogs.write(dir.resolve("access.log"), LogLines.now(500, "/before"));
        later.run(300, () -> TempLogs.append(log, LogLines.now(200, "/a"), LogLines.now(200, "/b")));
        long started = System.nanoTime();
        Verdict verdict = follow(log, "1500ms", "status=5xx max=0");
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        SourceVerdict source = verdict.sources().get(0);
        assertThat(verdict.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(source.lines().inWindow()).isEqualTo(2);
        assertThat(source.ended()).isEqualTo(EndReason.WINDOW_ENDED);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(1400));
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOf(CheckEvent.Following.class));
    }

    @Test
    void saysHowFarItHasComeAlsoWhileTheLogIsQuiet() throws Exception {
        Path log = TempLogs.write(dir.resolve("quiet.log"), LogLines.hit().combined());

        follow(log, "2500ms", "status=5xx max=0");

        assertThat(events.stream().filter(e -> e instanceof CheckEvent.Progress)).hasSizeGreaterThanOrEqualTo(1);
    }

    @Test
    void failsAtFirstServerErrorWithoutWaitingForWindowEnd() throws Exception {
        Path log = TempLogs.write(dir.resolve("access.log"), LogLines.now(200, "/"));
        later.run(300, () -> TempLogs.append(log, LogLines.now(200, "/ok"), LogLines.now(503, "/checkout"), LogLines.now(200, "/after")));
        long started = System.nanoTime();
        Verdict verdict = follow(log, "60s", "status=5xx max=0");
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        SourceVerdict source = verdict.sources().get(0);
        assertThat(verdict.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(source.ended()).isEqualTo(EndReason.FAILED_FAST);
        assertThat(source.rules().get(0).samples().get(0).path()).isEqualTo("/checkout");
        assertThat(took).isLessThan(Duration.ofSeconds(30));
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(CheckEvent.Violation.class,
                v -> assertThat(v.hit().path()).isEqualTo("/checkout")));
    }

    @Test
    void passesAsSoonAsEveryMinimumIsMet() throws Exception {
        Path log = TempLogs.write(dir.resolve("access.log"));
        later.run(200, () -> {
            for (int i = 0; i < 5; i++) {
                TempLogs.append(log, LogLines.now(200, "/health"));
            }
        });
        long started = System.nanoTime();
        Verdict verdict = follow(log, "60s", "path=/health status=200 min=5");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
        assertThat(verdict.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(verdict.sources().get(0).ended()).isEqualTo(EndReason.PASSED_EARLY);
    }

    @Test
    void doesNotPassEarlyWhileAMaxRuleCouldStillFail() throws Exception {
        Path log = TempLogs.write(dir.resolve("access.log"));
        later.run(200, () -> TempLogs.append(log, LogLines.now(200, "/health")));
        Verdict verdict = follow(log, "1s", "path=/health min=1", "status=5xx max=0");
        assertThat(verdict.sources().get(0).ended()).isEqualTo(EndReason.WINDOW_ENDED);
        assertThat(verdict.outcome()).isEqualTo(Outcome.PASSED);
    }

    @Test
    void followsARenamedLogToItsNewFileWithoutLosingLinesWrittenToTheOldOne() throws Exception {
        Path log = TempLogs.write(dir.resolve("access.log"));
        Path rotated = dir.resolve("access.log.1");
        later.run(200, () -> {
            TempLogs.append(log, LogLines.now(200, "/one"));
            try {
                Files.move(log, rotated);
                Thread.sleep(100);
                TempLogs.append(rotated, LogLines.now(200, "/late-in-old-file"));
                Thread.sleep(100);
                TempLogs.append(log, LogLines.now(200, "/two"), LogLines.now(200, "/three"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Verdict verdict = follow(log, "2500ms", "path^=/ min=4");
        SourceVerdict source = verdict.sources().get(0);
        assertThat(source.rules().get(0).count()).isEqualTo(4);
        assertThat(source.rules().get(0).samples()).extracting(h -> h.path())
                .containsExactly("/one", "/late-in-old-file", "/two", "/three");
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(CheckEvent.Rotated.class,
                r -> assertThat(r.how()).contains("renamed")));
    }

    @Test
    void followsALogTruncatedInPlace() throws Exception {
        Path log = TempLogs.write(dir.resolve("access.log"), LogLines.now(200, "/old"));
        later.run(200, () -> {
            TempLogs.append(log, LogLines.now(200, "/before-truncate"));
            try (FileChannel channel = FileChannel.open(log, StandardOpenOption.WRITE)) {
                Thread.sleep(150);
                channel.truncate(0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                Thread.sleep(150);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            TempLogs.append(log, LogLines.now(200, "/after-truncate"));
        });
        Verdict verdict = follow(log, "2s", "path^=/ min=2");
        assertThat(verdict.sources().get(0).rules().get(0).samples()).extracting(h -> h.path())
                .containsExactly("/before-truncate", "/after-truncate");
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(CheckEvent.Rotated.class,
                r -> assertThat(r.how()).contains("truncated")));
    }

    @Test
    void catchesATruncationThatTheLogRegrewPastBeforeTheNextLook() throws Exception {
        Path log = TempLogs.write(dir.resolve("access.log"), LogLines.now(200, "/old-line-that-is-long-enough"));
        later.run(200, () -> {
            String replacement = LogLines.now(200, "/new-1") + "\n" + LogLines.now(200, "/new-2") + "\n" + LogLines.now(200, "/new-3") + "\n";
            try (FileChannel channel = FileChannel.open(log, StandardOpenOption.WRITE)) {
                channel.truncate(0);
                channel.write(java.nio.ByteBuffer.wrap(replacement.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                        0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        Verdict verdict = follow(log, "1500ms", "path^=/new min=3");
        assertThat(verdict.sources().get(0).rules().get(0).samples()).extracting(h -> h.path())
                .containsExactly("/new-1", "/new-2", "/new-3");
    }

    @Test
    void neverParsesAHalfWrittenLine() throws Exception {
        Path log = TempLogs.write(dir.resolve("access.log"));
        String whole = LogLines.now(503, "/half");
        later.run(200, () -> {
            try {
                Files.writeString(log, whole.substring(0, 40), StandardOpenOption.APPEND);
                Thread.sleep(300);
                Files.writeString(log, whole.substring(40) + "\n", StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Verdict verdict = follow(log, "1500ms", "status=5xx max=0");
        SourceVerdict source = verdict.sources().get(0);
        assertThat(source.lines().malformed()).isZero();
        assertThat(source.rules().get(0).samples()).extracting(h -> h.path()).containsExactly("/half");
    }

    @Test
    void dropsTheRestOfALineThatWasBeingWrittenWhenFollowingStarted() throws Exception {
        Path log = dir.resolve("access.log");
        String half = LogLines.now(500, "/was-being-written");
        Files.writeString(log, LogLines.now(200, "/old") + "\n" + half.substring(0, 30));
        later.run(300, () -> {
            try {
                Files.writeString(log, half.substring(30) + "\n" + LogLines.now(200, "/new") + "\n", StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        Verdict verdict = follow(log, "1s", "path^=/ min=0");
        SourceVerdict source = verdict.sources().get(0);
        assertThat(source.lines().malformed()).isZero();
        assertThat(source.lines().read()).isEqualTo(1);
        assertThat(source.lines().inWindow()).isEqualTo(1);
    }

    @Test
    void readsBackFromSinceBeforeFollowing() throws Exception {
        Path log = TempLogs.write(dir.resolve("access.log"),
                LogLines.hit().at(OffsetDateTime.now().minusHours(3)).status(500).combined(),
                LogLines.hit().at(OffsetDateTime.now().minusMinutes(2)).combined());
        later.run(200, () -> TempLogs.append(log, LogLines.now(200, "/live")));
        Verdict verdict = Weblog.verify(CheckConfig.builder().file(log.toString()).since("10m").follow("1s")
                .rule("status=5xx max=0").build(), events::add);
        assertThat(verdict.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(verdict.sources().get(0).lines().inWindow()).isEqualTo(2);
    }

    @Test
    void stopsEveryFollowedLogOnceOneFailsFast() throws Exception {
        Path quiet = TempLogs.write(dir.resolve("quiet.log"));
        Path failing = TempLogs.write(dir.resolve("failing.log"));
        later.run(300, () -> TempLogs.append(failing, LogLines.now(500, "/boom")));
        long started = System.nanoTime();
        Verdict verdict = Weblog.verify(CheckConfig.builder().file(quiet.toString()).file(failing.toString())
                .format("combined").follow("60s").rule("status=5xx max=0").build(), events::add);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
        assertThat(verdict.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(verdict.sources()).extracting(SourceVerdict::ended)
                .containsExactly(EndReason.CANCELLED, EndReason.FAILED_FAST);
    }
}
