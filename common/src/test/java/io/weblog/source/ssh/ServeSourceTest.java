package io.weblog.source.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import io.weblog.CheckConfig;
import io.weblog.ConfigException;
import io.weblog.Weblog;
import io.weblog.check.CheckEvent;
import io.weblog.check.EndReason;
import io.weblog.check.Remedy;
import io.weblog.check.Outcome;
import io.weblog.check.SourceVerdict;
import io.weblog.check.Verdict;
import io.weblog.format.Hit;
import io.weblog.server.LogServer;
import io.weblog.server.ServerEvent;
import io.weblog.testing.Later;
import io.weblog.testing.LogLines;
import io.weblog.testing.TcpProxy;
import io.weblog.testing.TempLogs;
import io.weblog.testing.TestKeys;
import io.weblog.testing.TestLogServer;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SSH source reading from an in-process {@code weblog serve}: the client recognises the server, reads through its
 * commands (weblog-stat, weblog-read, weblog-follow), and no stream on the server outlives a check.
 */
class ServeSourceTest {

    @TempDir
    Path dir;

    private TestLogServer server;
    private final List<CheckEvent> events = Collections.synchronizedList(new ArrayList<>());
    private final Later later = new Later();

    @BeforeEach
    void startServer() {
        server = TestLogServer.start(dir);
    }

    @AfterEach
    void noStreamOutlivesACheck() {
        try {
            later.join();
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (ended() < started() && System.nanoTime() < deadline) {
                sleep(10);
            }
            assertThat(ended()).as("streams ended on the server, of %s", server.events()).isEqualTo(started());
        } finally {
            server.close();
        }
    }

    private long started() {
        return server.events().stream().filter(ServerEvent.StreamStarted.class::isInstance).count();
    }

    private long ended() {
        return server.events().stream().filter(ServerEvent.StreamEnded.class::isInstance).count();
    }

    private CheckConfig.Builder check() throws ConfigException {
        return CheckConfig.builder().host("weblog@127.0.0.1:" + server.port()).log("access.log")
                .identity(server.clientKey().toString()).knownHosts(server.knownHosts().toString())
                .format("combined");
    }

    private Verdict verify(CheckConfig.Builder builder) throws Exception {
        return Weblog.verify(builder.build(), events::add);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<String> paths(SourceVerdict source) {
        return source.rules().get(0).samples().stream().map(Hit::path).toList();
    }

    @Test
    void readsTheWholeLog() throws Exception {
        server.append(LogLines.hit().get("/a").combined(), LogLines.hit().get("/b").status(503).combined(),
                LogLines.hit().get("/c").combined());
        Verdict verdict = verify(check().rule("status=5xx max=0").rule("path^=/ min=3"));
        SourceVerdict source = verdict.sources().get(0);
        assertThat(verdict.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(source.ended()).isEqualTo(EndReason.END_OF_INPUT);
        assertThat(source.lines().read()).isEqualTo(3);
        assertThat(source.lines().bytes()).isEqualTo(Files.size(server.log()));
        assertThat(source.rules().get(0).samples()).extracting(Hit::path).containsExactly("/b");
        assertThat(source.rules().get(1).samples()).extracting(Hit::path).containsExactly("/a", "/b", "/c");
    }

    @Test
    void refusesALogPathThatDoesNotNameTheLogServed() throws Exception {
        server.append(LogLines.hit().combined());
        assertThat(verify(check().log("/var/log/nginx/access.log").rule("status=5xx max=0")).outcome())
                .isEqualTo(Outcome.PASSED);
        Verdict typo = verify(check().log("/var/log/nginx/acess.log").rule("status=5xx max=0"));
        assertThat(typo.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(typo.sources().get(0).error()).isEqualTo("weblog serve there serves access.log, not "
                + "/var/log/nginx/acess.log; name the log it serves");
    }

    @Test
    void saysThatWeblogServeOffersNoSftp() throws Exception {
        server.append(LogLines.hit().combined());
        Verdict verdict = verify(check().sftp(true).rule("status=5xx max=0"));
        assertThat(verdict.sources().get(0).error()).isEqualTo("weblog@127.0.0.1:" + server.port() + " is weblog "
                + "serve, which offers no SFTP (it serves its log with commands of its own); read it without SFTP");
    }

    @Test
    void saysItReadsFromWeblogServeWithTheHostKey() throws Exception {
        server.append(LogLines.hit().combined());
        verify(check().rule("status=5xx max=0"));
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(CheckEvent.Connected.class,
                c -> assertThat(c.detail()).contains("weblog serve").contains(server.hostKeyFingerprint())));
    }

    @Test
    void readsOnlyTheEndOfALargeLogForALookbackWindow() throws Exception {
        List<String> lines = new ArrayList<>();
        OffsetDateTime old = OffsetDateTime.now().minusDays(2);
        for (int i = 0; i < 40_000; i++) {
            lines.add(LogLines.hit().at(old.plusSeconds(i)).status(500).get("/old/" + i).combined());
        }
        for (int i = 0; i < 10; i++) {
            lines.add(LogLines.hit().at(OffsetDateTime.now().minusMinutes(10 - i)).get("/recent/" + i).combined());
        }
        TempLogs.write(server.log(), lines);
        Verdict verdict = verify(check().since("30m").rule("status=5xx max=0").rule("path^=/recent/ min=10"));
        SourceVerdict source = verdict.sources().get(0);
        assertThat(verdict.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(source.lines().inWindow()).isEqualTo(10);
        assertThat(source.lines().bytes()).isLessThan(Files.size(server.log()) / 4);
        assertThat(server.events()).filteredOn(ServerEvent.StreamStarted.class::isInstance)
                .extracting(e -> ((ServerEvent.StreamStarted) e).command())
                .anySatisfy(command -> assertThat(command).matches("weblog-read current [1-9][0-9]* [0-9]+"))
                .noneSatisfy(command -> assertThat(command).matches("weblog-read current 0( [0-9]+)?"));
    }

    @Test
    void followsAndFailsFastEndingTheServersStream() throws Exception {
        server.append(LogLines.secondsAgo(10, 200, "/before"));
        later.run(700, () -> server.append(LogLines.now(200, "/a"), LogLines.now(502, "/checkout")));
        long started = System.nanoTime();
        Verdict verdict = verify(check().follow("60s").rule("status=5xx max=0"));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        SourceVerdict source = verdict.sources().get(0);
        assertThat(took).isLessThan(Duration.ofSeconds(5));
        assertThat(source.ended()).isEqualTo(EndReason.FAILED_FAST);
        assertThat(source.lines().inWindow()).isEqualTo(2);
        assertThat(paths(source)).containsExactly("/checkout");
        assertThat(server.awaitEvent(ServerEvent.StreamEnded.class, e -> e.command().startsWith("weblog-follow"),
                Duration.ofSeconds(3))).as("the server's follow stream ended; events %s", server.events())
                .isPresent();
    }

    /**
     * Without a format the first lines are held back until it is recognised, when the log goes quiet; the deciding
     * hit among them is found then (a Violation event), but the reader is not told to stop (SourceRun.idle ignores
     * what LineProcessor.settleFormat returns) and follows on to the window's end.
     */
    @Test
    void failsFastOnTheFirstLinesOfALogWhoseFormatIsRecognisedNotGiven() throws Exception {
        later.run(700, () -> server.append(LogLines.now(200, "/a"), LogLines.now(502, "/checkout")));
        long started = System.nanoTime();
        Verdict verdict = verify(CheckConfig.builder().host("weblog@127.0.0.1:" + server.port()).log("access.log")
                .identity(server.clientKey().toString()).knownHosts(server.knownHosts().toString()).follow("10s")
                .rule("status=5xx max=0"));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        SourceVerdict source = verdict.sources().get(0);
        assertThat(source.format()).isEqualTo("combined");
        assertThat(source.ended()).isEqualTo(EndReason.FAILED_FAST);
        assertThat(took).isLessThan(Duration.ofSeconds(6));
    }

    /**
     * Reading a local log, the verdict comes milliseconds after the deciding hit. Here it came about two seconds
     * later: closing a stream closes its standard input and waits up to 2 s for the channel to close
     * (ExecRemoteLog.ExecStream.close), but weblog serve drops its input and never ends a stream at its end.
     */
    @Test
    void returnsTheVerdictAsSoonAsTheDecidingHitIsRead() throws Exception {
        server.append(LogLines.secondsAgo(10, 200, "/before"));
        later.run(700, () -> server.append(LogLines.now(502, "/checkout")));
        long[] violationAt = new long[1];
        Verdict verdict = Weblog.verify(check().follow("60s").rule("status=5xx max=0").build(), event -> {
            if (event instanceof CheckEvent.Violation) {
                violationAt[0] = System.nanoTime();
            }
        });
        Duration afterViolation = Duration.ofNanos(System.nanoTime() - violationAt[0]);
        assertThat(verdict.sources().get(0).ended()).isEqualTo(EndReason.FAILED_FAST);
        assertThat(afterViolation).as("from the deciding hit to the verdict").isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void readsTheRotatedPredecessorWhenTheWindowReachesBackPastARotation() throws Exception {
        OffsetDateTime now = OffsetDateTime.now();
        TempLogs.write(dir.resolve("access.log.1"), LogLines.hit().at(now.minusHours(5)).get("/too-old").combined(),
                LogLines.hit().at(now.minusMinutes(40)).get("/before-rotation").combined());
        server.append(LogLines.hit().at(now.minusMinutes(5)).get("/after").combined());
        Verdict verdict = verify(check().since("1h").rule("path^=/ min=2"));
        assertThat(paths(verdict.sources().get(0))).containsExactly("/before-rotation", "/after");
    }

    @Test
    void followsJudgedAgainstTheHourBeforeReadingOnlyThatFarBack() throws Exception {
        List<String> lines = new ArrayList<>();
        OffsetDateTime old = OffsetDateTime.now().minusDays(2);
        for (int i = 0; i < 40_000; i++) {
            lines.add(LogLines.hit().at(old.plusSeconds(i)).status(500).get("/old/" + i).combined());
        }
        for (int i = 0; i < 300; i++) {
            lines.add(LogLines.secondsAgo(3000 - i * 10, i % 100 == 0 ? 500 : 200, "/before/" + i));
        }
        TempLogs.write(server.log(), lines);
        later.run(500, () -> server.append(IntStream.range(0, 40)
                .mapToObj(i -> LogLines.now(i % 4 == 0 ? 503 : 200, "/after/" + i)).toArray(String[]::new)));
        Verdict verdict = verify(check().follow("3s").baseline("1h").rule("status=5xx max=+1%"));
        SourceVerdict source = verdict.sources().get(0);
        assertThat(source.lines().inWindow()).isEqualTo(40);
        assertThat(source.window().baselineHits()).isEqualTo(300);
        assertThat(source.rules().get(0).baseline().count()).isEqualTo(3);
        assertThat(source.rules().get(0).baseline().isSignificant()).isTrue();
        assertThat(verdict.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(source.lines().bytes()).isLessThan(Files.size(server.log()) / 4);
    }

    @Test
    void endsAtTheWindowsDeadline() throws Exception {
        server.append(LogLines.secondsAgo(10, 200, "/before"));
        later.run(300, () -> server.append(LogLines.now(200, "/during")));
        long started = System.nanoTime();
        Verdict verdict = verify(check().follow("2s").rule("status=5xx max=0"));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        SourceVerdict source = verdict.sources().get(0);
        assertThat(source.ended()).isEqualTo(EndReason.WINDOW_ENDED);
        assertThat(source.lines().inWindow()).isEqualTo(1);
        assertThat(took).isBetween(Duration.ofMillis(1900), Duration.ofSeconds(6));
        assertThat(server.awaitEvent(ServerEvent.StreamEnded.class, e -> e.command().startsWith("weblog-follow"),
                Duration.ofSeconds(3))).isPresent();
    }

    @Test
    void followsALogRenamedAwayToItsNewFile() throws Exception {
        Path log = server.log();
        Path old = log.resolveSibling("access.log.1");
        later.run(700, () -> {
            server.append(LogLines.now(200, "/one"));
            try {
                Files.move(log, old);
                sleep(200);
                TempLogs.append(old, LogLines.now(200, "/late-in-old"));
                sleep(300);
                TempLogs.write(log, LogLines.now(200, "/two"));
                sleep(100);
                TempLogs.append(log, LogLines.now(200, "/three"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        Verdict verdict = verify(check().follow("15s").samples(10).rule("path^=/ min=4"));
        SourceVerdict source = verdict.sources().get(0);
        assertThat(paths(source)).containsExactly("/one", "/late-in-old", "/two", "/three");
        assertThat(source.ended()).isEqualTo(EndReason.PASSED_EARLY);
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(CheckEvent.Rotated.class,
                r -> assertThat(r.how()).contains("renamed")));
    }

    @Test
    void followsALogTruncatedInPlace() throws Exception {
        server.append(LogLines.secondsAgo(10, 200, "/old"));
        later.run(700, () -> {
            server.append(LogLines.now(200, "/before"));
            sleep(300);
            try (FileChannel channel = FileChannel.open(server.log(), StandardOpenOption.WRITE)) {
                channel.truncate(0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.append(LogLines.now(200, "/after"));
            sleep(300);
            server.append(LogLines.now(200, "/later"));
        });
        Verdict verdict = verify(check().follow("15s").samples(10).rule("path^=/ min=3"));
        SourceVerdict source = verdict.sources().get(0);
        assertThat(paths(source)).containsExactly("/before", "/after", "/later");
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(CheckEvent.Rotated.class,
                r -> assertThat(r.how()).contains("truncated")));
    }

    @Test
    void resumesAfterADroppedConnectionWithoutLosingOrRepeatingAHit() throws Exception {
        List<String> expected = new ArrayList<>();
        IntStream.range(0, 50).forEach(i -> expected.add("/first/" + i));
        IntStream.range(0, 50).forEach(i -> expected.add("/second/" + i));
        try (TcpProxy proxy = TcpProxy.to("127.0.0.1", server.port())) {
            later.run(600, () -> {
                for (int i = 0; i < 50; i++) {
                    server.append(LogLines.now(200, "/first/" + i));
                }
            });
            later.run(1500, () -> {
                // Right after one of the client's once-a-second rotation checks, not during one: a drop during a
                // check is the case of survivesAConnectionDroppedDuringARotationCheck.
                long stats = statsEnded();
                long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
                while (statsEnded() == stats && System.nanoTime() < deadline) {
                    sleep(2);
                }
                sleep(50);
                assertThat(proxy.severAll()).isPositive();
                for (int i = 0; i < 50; i++) {
                    server.append(LogLines.now(200, "/second/" + i));
                }
            });
            Path knownHosts = knownHostsFor(proxy);
            Verdict verdict = verify(CheckConfig.builder().host("weblog@127.0.0.1:" + proxy.port())
                    .log("access.log").identity(server.clientKey().toString()).knownHosts(knownHosts.toString())
                    .format("combined").follow("15s").samples(200).rule("path^=/ min=100"));
            SourceVerdict source = verdict.sources().get(0);
            assertThat(source.error()).isNull();
            assertThat(paths(source)).containsExactlyElementsOf(expected);
            assertThat(source.rules().get(0).count()).isEqualTo(100);
            assertThat(source.ended()).isEqualTo(EndReason.PASSED_EARLY);
            assertThat(proxy.acceptedConnections()).isGreaterThanOrEqualTo(2);
            assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOf(CheckEvent.Reconnecting.class));
        }
    }

    private long statsEnded() {
        return server.events().stream().filter(e -> e instanceof ServerEvent.StreamEnded ended
                && ended.command().equals("weblog-stat current")).count();
    }

    private Path knownHostsFor(TcpProxy proxy) throws IOException {
        return Files.writeString(dir.resolve("proxy_known_hosts"), "[127.0.0.1]:" + proxy.port() + " "
                + TestKeys.authorizedKeysLine(server.server().hostKey()) + "\n");
    }

    /**
     * The connection drops while the client asks weblog-stat whether the followed log was rotated (it does once a
     * second): the channel closes without an exit status, which ExecRemoteLog.run reports as exit status -1, and
     * ServerRemoteLog.stat turns into a SourceException ("weblog serve did not answer weblog-stat: exit status -1")
     * that the reader does not treat as a dropped connection. The check ends in ERROR instead of reconnecting.
     * A second log server, on the same files, severs the connection from its listener the moment the rotation
     * check's command arrives, before it is answered.
     */
    @Test
    void survivesAConnectionDroppedDuringARotationCheck() throws Exception {
        TcpProxy[] proxyHolder = new TcpProxy[1];
        AtomicBoolean following = new AtomicBoolean();
        AtomicBoolean severed = new AtomicBoolean();
        LogServer severing = LogServer.builder().log(server.log()).bind("127.0.0.1").port(0)
                .authorizedKeys(server.authorizedKeys()).hostKey(server.hostKeyFile()).listener(event -> {
                    if (event instanceof ServerEvent.StreamStarted started) {
                        if (started.command().startsWith("weblog-follow")) {
                            following.set(true);
                        } else if (started.command().equals("weblog-stat current") && following.get()
                                && severed.compareAndSet(false, true)) {
                            proxyHolder[0].severAll();
                        }
                    }
                }).build();
        severing.start();
        try (severing; TcpProxy proxy = TcpProxy.to("127.0.0.1", severing.port())) {
            proxyHolder[0] = proxy;
            // Each once the check is where it matters, so that a loaded machine changes nothing: the second hit comes
            // only after the connection was severed, so that the check is still following when it looks for rotation.
            later.run(following::get, 300, () -> server.append(LogLines.now(200, "/before-drop")));
            later.run(severed::get, 200, () -> server.append(LogLines.now(200, "/after-drop")));
            Verdict verdict = verify(CheckConfig.builder().host("weblog@127.0.0.1:" + proxy.port())
                    .log("access.log").identity(server.clientKey().toString())
                    .knownHosts(knownHostsFor(proxy).toString()).format("combined").follow("8s")
                    .rule("path^=/ min=2"));
            SourceVerdict source = verdict.sources().get(0);
            assertThat(severed).as("severed during a rotation check").isTrue();
            assertThat(source.error()).isNull();
            assertThat(paths(source)).containsExactly("/before-drop", "/after-drop");
            assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOf(CheckEvent.Reconnecting.class));
        }
    }

    @Test
    void aMissingLogIsASourceErrorThatSaysSo() throws Exception {
        Files.delete(server.log());
        Verdict verdict = verify(check().rule("status=5xx max=0"));
        SourceVerdict source = verdict.sources().get(0);
        assertThat(verdict.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(source.ended()).isEqualTo(EndReason.ERROR);
        assertThat(source.error()).isEqualTo("no such file on weblog@127.0.0.1:" + server.port() + ": access.log");
    }

    @Test
    void anUnknownClientKeyFailsAuthentication() throws Exception {
        Path stranger = dir.resolve("stranger_ed25519");
        TestLogServer.writeClientKey(stranger);
        server.append(LogLines.hit().combined());
        Verdict verdict = verify(CheckConfig.builder().host("weblog@127.0.0.1:" + server.port()).log("access.log")
                .identity(stranger.toString()).knownHosts(server.knownHosts().toString()).rule("status=5xx max=0"));
        SourceVerdict source = verdict.sources().get(0);
        assertThat(verdict.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(source.error()).startsWith("authentication failed for weblog@").contains(stranger.toString());
        assertThat(server.events()).anySatisfy(e -> assertThat(e).isInstanceOf(ServerEvent.Refused.class))
                .noneSatisfy(e -> assertThat(e).isInstanceOf(ServerEvent.StreamStarted.class));
    }

    @Test
    void anUnknownHostKeyAndALoginWithNothingToOfferEachNameWhatFixesThem() throws Exception {
        server.append(LogLines.hit().combined());
        Path empty = Files.writeString(dir.resolve("empty_known_hosts"), "");
        Verdict unknown = verify(check().knownHosts(empty.toString()).rule("status=5xx max=0"));
        assertThat(unknown.sources().get(0).remedy()).isEqualTo(Remedy.TRUST_THE_HOST_KEY);
        assertThat(Remedy.of(unknown)).containsExactly(Remedy.TRUST_THE_HOST_KEY);

        Verdict nothingOffered = verify(CheckConfig.builder().host("weblog@127.0.0.1:" + server.port())
                .log("access.log").knownHosts(server.knownHosts().toString()).defaultKeys(false)
                .rule("status=5xx max=0"));
        assertThat(nothingOffered.sources().get(0).error()).endsWith(": no key or password was available");
        assertThat(Remedy.of(nothingOffered)).containsExactly(Remedy.GIVE_CREDENTIALS);

        Path stranger = dir.resolve("stranger_ed25519");
        TestLogServer.writeClientKey(stranger);
        Verdict refused = verify(CheckConfig.builder().host("weblog@127.0.0.1:" + server.port()).log("access.log")
                .identity(stranger.toString()).knownHosts(server.knownHosts().toString()).rule("status=5xx max=0"));
        assertThat(refused.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(Remedy.of(refused)).as("a key was offered and refused: no setting of ours fixes that").isEmpty();
    }

    @Test
    void aWindowWithoutHitsNamesItsRemedyUnlessItWasAllowed() throws Exception {
        server.append(LogLines.hit().at(java.time.OffsetDateTime.now().minusHours(3)).combined());
        assertThat(Remedy.of(verify(check().since("1h").rule("status=5xx max=0"))))
                .containsExactly(Remedy.ALLOW_AN_EMPTY_WINDOW);
        assertThat(Remedy.of(verify(check().since("1h").allowEmpty(true).rule("status=5xx max=0")))).isEmpty();
        assertThat(Remedy.of(verify(check().rule("status=5xx max=0")))).isEmpty();
    }
}
