package io.weblog.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.weblog.testing.Later;
import io.weblog.testing.LogLines;
import io.weblog.testing.TempLogs;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code weblog watch}: the live view of the original weblog client. */
class WatchCommandTest {

    @TempDir
    Path dir;

    private final Later later = new Later();

    @AfterEach
    void waitForWriters() {
        later.join();
    }


    private static LogLines now(String path) {
        return LogLines.hit().at(OffsetDateTime.now()).get(path);
    }

    @Test
    void printsReferrerAndPathOfEachHitWithAReferrerThatArrivesWhileWatching() {
        Path log = TempLogs.write(dir.resolve("access.log"),
                now("/already-there").referrer("https://old.example/").combined());
        later.run(400, () -> TempLogs.append(log,
                now("/from-search").referrer("https://www.google.com/search?q=shoes").combined(),
                now("/typed-in").combined(),
                now("/products/7").referrer("https://shop.example.com/").combined()));
        Run run = Run.of("watch", "--file", log.toString(), "--follow", "2s");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).isEqualTo("https://www.google.com/search?q=shoes --> /from-search"
                + System.lineSeparator() + "https://shop.example.com/ --> /products/7" + System.lineSeparator());
    }

    @Test
    void printsTheSelectedHitsWithTheTemplateGiven() {
        Path log = TempLogs.write(dir.resolve("access.log"));
        later.run(400, () -> TempLogs.append(log,
                now("/ok").status(200).combined(),
                now("/checkout?step=2").status(502).combined(),
                now("/missing").status(404).combined(),
                now("/api/cart").status(500).referrer("https://shop.example.com/").combined()));
        Run run = Run.of("watch", "--file", log.toString(), "--follow", "2s", "--select", "status=5xx",
                "--print", "{status} {target}");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out().lines()).containsExactly("502 /checkout?step=2", "500 /api/cart");
    }

    @Test
    void exitsTwoForAnUnknownPlaceholderNamingIt() {
        Path log = TempLogs.write(dir.resolve("access.log"), LogLines.hit().combined());
        long started = System.nanoTime();
        Run run = Run.of("watch", "--file", log.toString(), "--follow", "30s", "--print", "{status} {refferer}");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--print '{status} {refferer}'").contains("unknown placeholder {refferer}")
                .contains("{referrer}");
        assertThat(run.out()).isEmpty();
        Run unclosed = Run.of("watch", "--file", log.toString(), "--follow", "30s", "--print", "{status");
        assertThat(unclosed.exitCode()).isEqualTo(2);
        assertThat(unclosed.err()).contains("'{' at column 1 opens no placeholder");
    }

    @Test
    void printsTimesWithTheirSecondsAlways() {
        Path log = TempLogs.write(dir.resolve("access.log"),
                LogLines.hit().at(java.time.OffsetDateTime.parse("2024-10-10T11:00:00Z")).combined(),
                LogLines.hit().at(java.time.OffsetDateTime.parse("2024-10-27T02:30:00+02:00")).combined());
        Run run = Run.of("watch", "--file", log.toString(), "--since", "2024-01-01T00:00:00Z", "--follow", "200ms",
                "--select", "", "--print", "{time}");
        assertThat(run.out().lines()).containsExactly("2024-10-10T11:00:00Z", "2024-10-27T02:30:00+02:00");
    }

    /**
     * The original weblog's "kill URL": the first hit on it ends the watch, and nothing after it is shown. Without
     * {@code --format} the first lines are held back until the format is recognised, which happens when the log goes
     * quiet (SourceRun.idle); the stop decided then is not passed on to the reader (idle ignores what
     * LineProcessor.settleFormat returns), so the watch goes on for ever. With {@code --format} it stops.
     */
    @Test
    void stopsAtTheKillUrl() {
        Path log = TempLogs.write(dir.resolve("access.log"));
        later.run(400, () -> TempLogs.append(log,
                now("/before").referrer("https://a.example/").combined(),
                now("/kill").referrer("https://a.example/").combined(),
                now("/after").referrer("https://a.example/").combined()));
        Run run = assertTimeoutPreemptively(Duration.ofSeconds(15),
                () -> Run.of("watch", "--file", log.toString(), "--stop-on", "path=/kill"),
                "weblog watch --stop-on path=/kill did not end at /kill");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out().lines()).containsExactly("https://a.example/ --> /before");
        assertThat(run.err()).contains("/kill");
    }

    @Test
    void stopsAtTheKillUrlInALogOfAFormatGiven() {
        Path log = TempLogs.write(dir.resolve("access.log"));
        later.run(400, () -> TempLogs.append(log,
                now("/before").referrer("https://a.example/").combined(),
                now("/kill").referrer("https://a.example/").combined(),
                now("/after").referrer("https://a.example/").combined()));
        Run run = assertTimeoutPreemptively(Duration.ofSeconds(15),
                () -> Run.of("watch", "--file", log.toString(), "--format", "combined", "--stop-on", "path=/kill"));
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out().lines()).containsExactly("https://a.example/ --> /before");
    }

    @Test
    void exitsThreeWhenTheLogCannotBeRead() {
        Run run = Run.of("watch", "--file", dir.resolve("missing.log").toString(), "--follow", "2s");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("missing.log");
    }
}
