package io.weblog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.weblog.testing.LogLines;
import io.weblog.testing.TempLogs;
import io.weblog.testing.TestKeys;
import io.weblog.testing.TestLogServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code weblog serve} run in-process on a thread, read back with {@code weblog verify --host}. Its first line says
 * where it listens and its host key's fingerprint.
 */
class ServeCommandTest {
    private static final Pattern FIRST_LINE = Pattern.compile(
            "weblog serve: serving (\\S+) on 127\\.0\\.0\\.1:(\\d+), host key (SHA256:[A-Za-z0-9+/]{43}) \\((.+)\\)");

    @TempDir
    Path dir;

    private Path log;
    private Path clientKey;
    private Path authorizedKeys;
    private final List<Serving> servers = new ArrayList<>();

    /** A serve command running on its own thread, with what it printed so far. */
    private static final class Serving {
        final Thread thread;
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final AtomicInteger exitCode = new AtomicInteger(Integer.MIN_VALUE);
        String path;
        int port;
        String fingerprint;
        String hostKeyFile;

        Serving(String... args) {
            var commandLine = WeblogCommand.newCommandLine(args);
            commandLine.setOut(new PrintWriter(out, true));
            commandLine.setErr(new PrintWriter(err, true));
            thread = new Thread(() -> exitCode.set(commandLine.execute(args)), "weblog-serve-under-test");
            thread.setDaemon(true);
            thread.start();
        }

        /** Waits for the first line and reads it. */
        Serving started() throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (System.nanoTime() < deadline) {
                String text = out.toString();
                if (text.contains("\n")) {
                    String first = text.lines().findFirst().orElseThrow();
                    Matcher matcher = FIRST_LINE.matcher(first);
                    assertThat(matcher.matches()).as("first line: %s", first).isTrue();
                    path = matcher.group(1);
                    port = Integer.parseInt(matcher.group(2));
                    fingerprint = matcher.group(3);
                    hostKeyFile = matcher.group(4);
                    return this;
                }
                if (!thread.isAlive()) {
                    throw new AssertionError("serve ended with exit code " + exitCode + ": " + out + err);
                }
                Thread.sleep(10);
            }
            throw new AssertionError("serve printed no first line within 15 s: " + out + err);
        }

        /** Interrupts the thread, the only way to stop it in-process, and waits for the command to return. */
        void stop() throws InterruptedException {
            thread.interrupt();
            thread.join(10_000);
        }
    }

    @BeforeEach
    void writeLogAndKeys() throws IOException {
        log = TempLogs.write(dir.resolve("access.log"), LogLines.hit().combined(),
                LogLines.hit().get("/health").combined());
        clientKey = dir.resolve("client_ed25519");
        TestLogServer.writeClientKey(clientKey);
        authorizedKeys = Files.copy(dir.resolve("client_ed25519.pub"), dir.resolve("keys"));
    }

    @AfterEach
    void stopServers() throws InterruptedException {
        for (Serving serving : servers) {
            serving.stop();
        }
    }

    private Serving serve(String... extra) {
        List<String> args = new ArrayList<>(List.of("serve", "--log", log.toString(), "--port", "0", "--bind",
                "127.0.0.1", "--host-key", dir.resolve("key").toString(), "--authorized-keys",
                authorizedKeys.toString()));
        args.addAll(List.of(extra));
        Serving serving = new Serving(args.toArray(String[]::new));
        servers.add(serving);
        return serving;
    }

    private Run verify(Serving serving, String trust, String trustValue, String rule) {
        return Run.of("verify", "--host", "ci@127.0.0.1:" + serving.port, "--log", log.toString(), "--identity",
                clientKey.toString(), trust, trustValue, "--format", "combined", "--color", "never", "--rule", rule);
    }

    private Path knownHostsFor(Serving serving) throws IOException {
        PublicKey hostKey = TestLogServer.readKey(Path.of(serving.hostKeyFile)).getPublic();
        assertThat(TestKeys.fingerprint(hostKey)).isEqualTo(serving.fingerprint);
        return Files.writeString(dir.resolve("known_hosts-" + serving.port), "[127.0.0.1]:" + serving.port + " "
                + TestKeys.authorizedKeysLine(hostKey) + "\n");
    }

    @Test
    void printsWhereItListensAndServesTheLogToVerifyWithKnownHosts() throws Exception {
        Serving serving = serve().started();
        assertThat(serving.path).isEqualTo(log.toAbsolutePath().toString());
        assertThat(serving.port).isPositive();
        assertThat(Path.of(serving.hostKeyFile)).isEqualTo(dir.resolve("key")).isRegularFile();
        Path knownHosts = knownHostsFor(serving);

        Run passed = verify(serving, "--known-hosts", knownHosts.toString(), "path=/health min=1");
        assertThat(passed.exitCode()).as(passed.toString()).isZero();
        assertThat(passed.err()).contains("weblog serve");
        Run failed = verify(serving, "--known-hosts", knownHosts.toString(), "status=200 max=1");
        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
        assertThat(serving.err.toString()).contains("weblog-stat current");
    }

    @Test
    void servesToAClientThatPinsThePrintedFingerprint() throws Exception {
        Serving serving = serve().started();
        Path empty = Files.writeString(dir.resolve("empty_known_hosts"), "");
        Run run = Run.of("verify", "--host", "ci@127.0.0.1:" + serving.port, "--log", log.toString(), "--identity",
                clientKey.toString(), "--known-hosts", empty.toString(), "--host-key", serving.fingerprint,
                "--rule", "path=/health min=1");
        assertThat(run.exitCode()).as(run.toString()).isZero();
    }

    @Test
    void keepsItsHostKeyAcrossStarts() throws Exception {
        Serving first = serve().started();
        Serving second = serve().started();
        assertThat(second.port).isNotEqualTo(first.port);
        assertThat(second.fingerprint).isEqualTo(first.fingerprint);
    }

    @Test
    void refusesAKeyNotInTheAuthorizedKeysFile() throws Exception {
        Serving serving = serve().started();
        Path stranger = dir.resolve("stranger_ed25519");
        TestLogServer.writeClientKey(stranger);
        Run run = Run.of("verify", "--host", "ci@127.0.0.1:" + serving.port, "--log", log.toString(), "--identity",
                stranger.toString(), "--known-hosts", knownHostsFor(serving).toString(), "--rule",
                "status=5xx max=0");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(run.out() + run.err()).contains("authentication failed");
        assertThat(serving.err.toString()).contains("refused");
    }

    /**
     * ServeCommand waits for a latch that only its JVM shutdown hook counts down; an interrupt makes call() return
     * (exit 130, "interrupted"), but the server it started is never closed: it keeps listening, and a shutdown hook
     * per run is left registered. Embedding it ({@code WeblogCommand.run} is documented "for tests and embedding")
     * leaks a listening server.
     */
    @Test
    void stopsListeningWhenItsThreadIsInterrupted() throws Exception {
        Serving serving = serve().started();
        serving.stop();
        assertThat(serving.thread.isAlive()).isFalse();
        assertThat(serving.exitCode.get()).isEqualTo(130);
        boolean listening;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", serving.port), 2_000);
            listening = true;
        } catch (ConnectException refused) {
            listening = false;
        }
        assertThat(listening).as("127.0.0.1:%s still accepts connections after serve returned", serving.port)
                .isFalse();
    }

    @Test
    void exitsTwoWhenTheAuthorizedKeysFileIsMissing() {
        Path missing = dir.resolve("no-such-keys");
        Run run = Run.of("serve", "--log", log.toString(), "--port", "0", "--bind", "127.0.0.1", "--host-key",
                dir.resolve("key").toString(), "--authorized-keys", missing.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--authorized-keys").contains(missing.toString());
        assertThat(run.out()).isEmpty();
        assertThat(dir.resolve("key")).as("nothing made before the configuration is checked").doesNotExist();
    }

    @Test
    void exitsTwoWithoutTheRequiredOptions() {
        assertThat(Run.of("serve", "--log", log.toString()).exitCode()).isEqualTo(2);
        assertThat(Run.of("serve", "--authorized-keys", authorizedKeys.toString()).exitCode()).isEqualTo(2);
    }
}
