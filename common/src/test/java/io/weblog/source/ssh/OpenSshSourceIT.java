package io.weblog.source.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weblog.CheckConfig;
import io.weblog.ConfigException;
import io.weblog.Secret;
import io.weblog.Setting;
import io.weblog.Weblog;
import io.weblog.check.CheckEvent;
import io.weblog.check.EndReason;
import io.weblog.check.Outcome;
import io.weblog.check.Probe;
import io.weblog.check.SourceVerdict;
import io.weblog.check.Verdict;
import io.weblog.testing.Later;
import io.weblog.testing.LogLines;
import io.weblog.testing.OpenSshd;
import io.weblog.testing.OpenSshd.KeyType;
import io.weblog.testing.TcpProxy;
import io.weblog.testing.TempLogs;
import io.weblog.testing.TestJumpHost;
import io.weblog.testing.TestKeys;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading logs from a real OpenSSH sshd on 127.0.0.1, as an ordinary user and as root. */
class OpenSshSourceIT {
    private static final String TAIL = "tail -c";

    @TempDir
    Path dir;

    private OpenSshd sshd;
    private final List<CheckEvent> events = Collections.synchronizedList(new ArrayList<>());
    private final Later later = new Later();

    @BeforeEach
    void startSshd() {
        sshd = OpenSshd.shared();
    }

    @AfterEach
    void noRemoteProcessOutlivesACheck() {
        later.join();
        for (String user : List.of(OpenSshd.USER, "root")) {
            assertThat(sshd.awaitNoProcessesMatching(user, "tail -c|sleep [0-9]|cat$", Duration.ofSeconds(5)))
                    .as("processes of %s left behind", user).isEmpty();
        }
    }

    private String host(String user) {
        return user + "@127.0.0.1:" + sshd.port();
    }

    private CheckConfig.Builder check(String user, Path log) throws ConfigException {
        return CheckConfig.builder().host(host(user)).log(log.toString())
                .identity(sshd.clientKey(KeyType.ED25519).toString()).knownHosts(sshd.knownHosts().toString())
                .format("combined");
    }

    private Verdict verify(CheckConfig.Builder builder) throws Exception {
        return Weblog.verify(builder.build(), events::add);
    }

    private Path log(String name, String... lines) {
        return sshd.writeLog(name, List.of(lines));
    }




    private static long count(Verdict verdict) {
        return verdict.sources().get(0).rules().get(0).count();
    }

    @Test
    void readsAWholeRemoteLogWithEachKeyType() throws Exception {
        Path log = log("whole.log", LogLines.hit().status(503).combined(), LogLines.hit().combined());
        for (KeyType type : List.of(KeyType.ED25519, KeyType.ECDSA, KeyType.RSA)) {
            Verdict verdict = verify(CheckConfig.builder().host(host(OpenSshd.USER)).log(log.toString())
                    .identity(sshd.clientKey(type).toString()).knownHosts(sshd.knownHosts().toString())
                    .rule("status=5xx max=0"));
            assertThat(verdict.outcome()).as(type.name()).isEqualTo(Outcome.FAILED);
            assertThat(verdict.sources().get(0).lines().read()).isEqualTo(2);
            assertThat(verdict.sources().get(0).ended()).isEqualTo(EndReason.END_OF_INPUT);
        }
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(CheckEvent.Connected.class,
                c -> assertThat(c.detail()).contains("sh and tail").contains("SHA256:")));
    }

    @Test
    void aProbeLooksAtTheLogOverShellAndSftpWithoutReadingItOrLeavingAProcess() throws Exception {
        Path log = log("probe.log", LogLines.hit().combined());
        Probe shell = Weblog.probe(check(OpenSshd.USER, log).rule("status=5xx max=0").build()).get(0);
        Probe sftp = Weblog.probe(check(OpenSshd.SFTP_USER, log).rule("status=5xx max=0").build()).get(0);
        Probe missing = Weblog.probe(check(OpenSshd.USER, log.resolveSibling("none.log")).rule("status=5xx max=0")
                .build()).get(0);

        assertThat(shell.detail()).startsWith("connected, reading with sh and tail; host key ")
                .endsWith("; the log has " + Files.size(log) + " bytes");
        assertThat(sftp.detail()).contains("reading with SFTP");
        assertThat(missing.readable()).isFalse();
        assertThat(missing.describe()).contains("no such file").contains("none.log");
    }

    @Test
    void readsAsRootToo() throws Exception {
        Path log = log("root.log", LogLines.hit().combined());
        assertThat(verify(check("root", log).rule("status=5xx max=0")).outcome()).isEqualTo(Outcome.PASSED);
    }

    @Test
    void decryptsAPassphraseProtectedKey() throws Exception {
        Path log = log("encrypted.log", LogLines.hit().combined());
        Verdict verdict = verify(CheckConfig.builder().host(host(OpenSshd.USER)).log(log.toString())
                .identity(sshd.clientKey(KeyType.ED25519_ENCRYPTED).toString())
                .passphrase(Secret.of(OpenSshd.KEY_PASSPHRASE, "test")).knownHosts(sshd.knownHosts().toString())
                .rule("status=5xx max=0"));
        assertThat(verdict.outcome()).isEqualTo(Outcome.PASSED);
    }

    @Test
    void refusesAnEncryptedKeyWithoutPassphraseBeforeConnecting() {
        assertThatThrownBy(() -> CheckConfig.builder().host(host(OpenSshd.USER)).log("/x")
                .identity(sshd.clientKey(KeyType.ED25519_ENCRYPTED).toString()).rule("status=5xx max=0").build())
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.setting()).isEqualTo(Setting.IDENTITY);
                    assertThat(e.problem()).contains("encrypted and no passphrase was given");
                });
    }

    @Test
    void saysAWrongPassphraseIsWrongAndWhichKeysItCannotDecrypt() throws Exception {
        assertThatThrownBy(() -> CheckConfig.builder().identity(sshd.clientKey(KeyType.ED25519_ENCRYPTED).toString())
                .passphrase(Secret.of("not-the-passphrase", "test")).host(host(OpenSshd.USER))
                .log("/x").rule("status=5xx max=0").build())
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problem())
                        .isEqualTo("cannot use this key: the passphrase does not decrypt it"));
        Path pkcs8 = dir.resolve("pkcs8_key");
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ecdsa", "-m", "PKCS8", "-N", "secret-words",
                "-f", pkcs8.toString()).redirectErrorStream(true).start();
        assertThat(keygen.waitFor()).isZero();
        assertThatThrownBy(() -> CheckConfig.builder().identity(pkcs8.toString())
                .passphrase(Secret.of("secret-words", "test")).host(host(OpenSshd.USER)).log("/x")
                .rule("status=5xx max=0").build())
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problem())
                        .startsWith("cannot use this key: it is an encrypted PKCS#8 key")
                        .endsWith("ssh-keygen -p -f " + pkcs8));
    }

    @Test
    void saysThatSshdMayHaveStoppedBeforeTheLastOfManyKeys() throws Exception {
        Path log = log("many-keys.log", LogLines.hit().combined());
        CheckConfig.Builder builder = CheckConfig.builder().host(host(OpenSshd.USER)).log(log.toString())
                .knownHosts(sshd.knownHosts().toString());
        for (int i = 0; i < 6; i++) {
            Path other = dir.resolve("other_key_" + i);
            KeyFiles.writePrivateKey(KeyFiles.generate(), other);
            builder.identity(other.toString());
        }
        Verdict verdict = verify(builder.identity(sshd.clientKey(KeyType.ED25519).toString())
                .rule("status=5xx max=0"));
        assertThat(verdict.sources().get(0).error()).contains("and the server accepted none (or stopped before the "
                + "last: OpenSSH's sshd ends a login after 6 failures by default");
    }

    @Test
    void logsInWithAPasswordFromAFile() throws Exception {
        Path log = log("password.log", LogLines.hit().combined());
        Path secret = Files.writeString(dir.resolve("password"), OpenSshd.USER_PASSWORD + "\n");
        Verdict verdict = verify(CheckConfig.builder().host(host(OpenSshd.USER)).log(log.toString())
                .passwordFile(secret.toString()).knownHosts(sshd.knownHosts().toString()).rule("status=5xx max=0"));
        assertThat(verdict.outcome()).isEqualTo(Outcome.PASSED);
    }

    @Test
    void namesWhatWasOfferedWhenAuthenticationFails() throws Exception {
        Path log = log("denied.log", LogLines.hit().combined());
        Verdict verdict = verify(CheckConfig.builder().host(host(OpenSshd.USER)).log(log.toString())
                .identity(sshd.unauthorizedKey().toString()).knownHosts(sshd.knownHosts().toString())
                .rule("status=5xx max=0"));
        assertThat(verdict.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(verdict.sources().get(0).error()).startsWith("authentication failed for weblog-user@")
                .contains(sshd.unauthorizedKey().toString());
    }

    @Test
    void checksHostKeysAgainstHashedKnownHosts() throws Exception {
        Path log = log("hashed.log", LogLines.hit().combined());
        Verdict verdict = verify(check(OpenSshd.USER, log).knownHosts(sshd.hashedKnownHosts().toString())
                .rule("status=5xx max=0"));
        assertThat(verdict.outcome()).isEqualTo(Outcome.PASSED);
    }

    @Test
    void refusesAnUnknownHostKeyNamingItsFingerprint() throws Exception {
        Path log = log("unknown.log", LogLines.hit().combined());
        Path empty = Files.writeString(dir.resolve("known_hosts"), "");
        Verdict verdict = verify(check(OpenSshd.USER, log).knownHosts(empty.toString()).rule("status=5xx max=0"));
        assertThat(verdict.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(verdict.sources().get(0).error()).contains("is not known").contains(empty.toString())
                .containsPattern("SHA256:[A-Za-z0-9+/]{43}");
    }

    @Test
    void refusesAChangedHostKeyNamingBothFingerprints() throws Exception {
        Path log = log("changed.log", LogLines.hit().combined());
        Path knownHosts = dir.resolve("known_hosts");
        StringBuilder lines = new StringBuilder();
        for (String type : List.of("ssh-ed25519", "ecdsa-sha2-nistp256", "ssh-rsa")) {
            String other = type.equals("ssh-ed25519") ? TestKeys.authorizedKeysLine(TestKeys.ed25519().getPublic())
                    : type.equals("ssh-rsa") ? TestKeys.authorizedKeysLine(TestKeys.rsa().getPublic())
                    : TestKeys.authorizedKeysLine(TestKeys.ecdsa().getPublic());
            lines.append("[127.0.0.1]:").append(sshd.port()).append(' ').append(other).append('\n');
        }
        Files.writeString(knownHosts, lines);
        Verdict verdict = verify(check(OpenSshd.USER, log).knownHosts(knownHosts.toString())
                .rule("status=5xx max=0"));
        assertThat(verdict.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(verdict.sources().get(0).error()).contains("HAS CHANGED")
                .containsPattern("has [a-z0-9-]+ SHA256:\\S+, the host presented [a-z0-9-]+ SHA256:\\S+");
    }

    @Test
    void refusesAHostKeyKnownHostsMarksRevokedEvenBesideAnEntryForIt() throws Exception {
        Path log = log("revoked.log", LogLines.hit().combined());
        StringBuilder lines = new StringBuilder();
        for (String type : List.of("ssh-ed25519", "ecdsa-sha2-nistp256", "ssh-rsa")) {
            lines.append("@revoked * ").append(sshd.hostKeyLine(type)).append('\n');
            lines.append("[127.0.0.1]:").append(sshd.port()).append(' ').append(sshd.hostKeyLine(type)).append('\n');
        }
        Path knownHosts = Files.writeString(dir.resolve("known_hosts"), lines);
        Verdict verdict = verify(check(OpenSshd.USER, log).knownHosts(knownHosts.toString())
                .rule("status=5xx max=0"));
        assertThat(verdict.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(verdict.sources().get(0).error()).contains("IS REVOKED: " + knownHosts + " marks ")
                .contains("@revoked; refusing it");
    }

    @Test
    void acceptsAPinnedHostKeyAndRefusesAnotherOne() throws Exception {
        Path log = log("pinned.log", LogLines.hit().combined());
        Path empty = Files.writeString(dir.resolve("known_hosts"), "");
        List<String> pins = List.of(sshd.hostKeyFingerprint("ssh-ed25519"),
                sshd.hostKeyFingerprint("ecdsa-sha2-nistp256"), sshd.hostKeyFingerprint("rsa-sha2-512"));
        CheckConfig.Builder pinned = check(OpenSshd.USER, log).knownHosts(empty.toString()).rule("status=5xx max=0");
        for (String pin : pins) {
            pinned.hostKey(pin);
        }
        assertThat(verify(pinned).outcome()).isEqualTo(Outcome.PASSED);
        Verdict wrong = verify(check(OpenSshd.USER, log).knownHosts(empty.toString())
                .hostKey(TestKeys.fingerprint(TestKeys.ed25519().getPublic())).rule("status=5xx max=0"));
        assertThat(wrong.sources().get(0).error()).contains("is not the pinned one");
    }

    @Test
    void recordsANewHostKeyWhenAskedAndThenChecksIt() throws Exception {
        Path log = log("acceptnew.log", LogLines.hit().combined());
        Path knownHosts = dir.resolve("not/yet/made/new_known_hosts");
        Verdict first = verify(check(OpenSshd.USER, log).knownHosts(knownHosts.toString()).acceptNewHostKey(true)
                .rule("status=5xx max=0"));
        assertThat(first.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(Files.readString(knownHosts)).contains("[127.0.0.1]:" + sshd.port());
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(CheckEvent.Warning.class,
                w -> assertThat(w.message()).contains("recorded the new host key")));
        Verdict second = verify(check(OpenSshd.USER, log).knownHosts(knownHosts.toString())
                .rule("status=5xx max=0"));
        assertThat(second.outcome()).isEqualTo(Outcome.PASSED);
    }

    @Test
    void warnsLoudlyWhenAcceptingAnyHostKey() throws Exception {
        Path log = log("insecure.log", LogLines.hit().combined());
        Path empty = Files.writeString(dir.resolve("known_hosts"), "");
        Verdict verdict = verify(check(OpenSshd.USER, log).knownHosts(empty.toString())
                .insecureAcceptAnyHostKey(true).rule("status=5xx max=0"));
        assertThat(verdict.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(CheckEvent.Warning.class,
                w -> assertThat(w.message()).startsWith("INSECURE")));
    }

    @Test
    void readsPathsLiterallyWhateverTheyHold() throws Exception {
        List<Path> markers = List.of(Path.of("/home/" + OpenSshd.USER + "/weblog-injected"),
                sshd.logDir().resolve("weblog-injected"), Path.of("/weblog-injected"));
        for (String name : List.of("with space.log", "it's.log", "$(touch weblog-injected).log",
                "a;touch weblog-injected;.log", "`touch weblog-injected`.log", "\"quoted\" $HOME.log", "-n.log")) {
            Path log = log(name, LogLines.hit().status(500).combined());
            Verdict verdict = verify(check(OpenSshd.USER, log).rule("status=5xx max=0"));
            assertThat(count(verdict)).as(name).isEqualTo(1);
        }
        assertThat(markers).allSatisfy(marker -> assertThat(marker).doesNotExist());
    }

    @Test
    void checksTheHostKeyTypeKnownHostsHoldsEvenWhenTheServerPrefersAnother() throws Exception {
        Path log = log("onlyrsa.log", LogLines.hit().combined());
        Path knownHosts = Files.writeString(dir.resolve("rsa_known_hosts"), "[127.0.0.1]:" + sshd.port() + " "
                + sshd.hostKeyLine("rsa-sha2-512") + "\n");
        Verdict verdict = verify(check(OpenSshd.USER, log).knownHosts(knownHosts.toString())
                .rule("status=5xx max=0"));
        assertThat(verdict.outcome()).isEqualTo(Outcome.PASSED);
    }

    @Test
    void saysWhenTheRemoteLogDoesNotExistOrMayNotBeRead() throws Exception {
        Verdict missing = verify(check(OpenSshd.USER, sshd.logDir().resolve("nope.log")).rule("status=5xx max=0"));
        assertThat(missing.sources().get(0).error()).isEqualTo("no such file on " + OpenSshd.USER + "@127.0.0.1:"
                + sshd.port() + ": " + sshd.logDir().resolve("nope.log"));
        Path secret = log("secret.log", LogLines.hit().combined());
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        Verdict denied = verify(check(OpenSshd.USER, secret).rule("status=5xx max=0"));
        assertThat(denied.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(denied.sources().get(0).error()).contains("Permission denied");
    }

    @Test
    void saysWhyAFollowedRemoteLogMayNotBeRead() throws Exception {
        Path secret = log("secret-followed.log", LogLines.hit().combined());
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        Verdict denied = verify(check(OpenSshd.USER, secret).follow("2s").rule("status=5xx max=0"));
        assertThat(denied.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(denied.sources().get(0).error()).contains("Permission denied");
    }

    @Test
    void refusesARemotePipeOrDeviceAtOnceOverAShellAndOverSftp() throws Exception {
        Path fifo = sshd.logDir().resolve("fifo.log");
        Files.deleteIfExists(fifo);
        assertThat(new ProcessBuilder("mkfifo", "-m", "644", fifo.toString()).start().waitFor()).isZero();
        try {
            for (String user : List.of(OpenSshd.USER, OpenSshd.SFTP_USER)) {
                Verdict verdict = verify(check(user, fifo).rule("status=5xx max=0"));
                assertThat(verdict.outcome()).as(user).isEqualTo(Outcome.ERROR);
                assertThat(verdict.sources().get(0).error()).as(user).contains(fifo + " is not a regular file");
            }
            Verdict device = verify(check(OpenSshd.USER, Path.of("/dev/null")).rule("status=5xx max=0"));
            assertThat(device.sources().get(0).error()).contains("/dev/null is not a regular file (ls shows c");
        } finally {
            Files.deleteIfExists(fifo);
        }
    }

    @Test
    void readsARemoteLogThroughASymbolicLink() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            lines.add(LogLines.hit().at(OffsetDateTime.now().minusHours(3).plusSeconds(i)).status(500).combined());
        }
        lines.add(LogLines.hit().at(OffsetDateTime.now().minusMinutes(5)).status(503).combined());
        Path target = log("linked-target.log", lines.toArray(String[]::new));
        Path link = sshd.logDir().resolve("linked.log");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, target);
        for (String user : List.of(OpenSshd.USER, OpenSshd.SFTP_USER)) {
            assertThat(count(verify(check(user, link).rule("status=5xx max=0")))).as(user).isEqualTo(3001);
            assertThat(count(verify(check(user, link).since("30m").rule("status=5xx max=0")))).as(user)
                    .isEqualTo(1);
        }
    }

    @Test
    void saysWhenTheRemoteHostHasNoTail() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path bin = Files.createDirectory(dir.resolve("bin"));
        for (String tool : List.of("sh", "ls", "dd", "cat", "sleep")) {
            Files.copy(Path.of("/bin", tool), bin.resolve(tool), StandardCopyOption.COPY_ATTRIBUTES);
        }
        OpenSshd.Options options = OpenSshd.Options.defaults().sessionEnvironment(Map.of("PATH", bin.toString()));
        try (OpenSshd noTail = OpenSshd.start(options)) {
            Path log = noTail.writeLog("notail.log", List.of(LogLines.hit().combined()));
            Verdict verdict = verify(CheckConfig.builder().host(OpenSshd.USER + "@127.0.0.1:" + noTail.port())
                    .log(log.toString()).identity(noTail.clientKey(KeyType.ED25519).toString())
                    .knownHosts(noTail.knownHosts().toString()).format("combined").rule("status=5xx max=0"));
            assertThat(verdict.outcome()).isEqualTo(Outcome.ERROR);
            assertThat(verdict.sources().get(0).error())
                    .isEqualTo(OpenSshd.USER + "@127.0.0.1:" + noTail.port() + ":" + log
                            + ": the remote host has no tail (sh: 1: tail: not found)");
        }
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
        Path log = sshd.writeLog("large.log", lines);
        Verdict verdict = verify(check(OpenSshd.USER, log).since("30m").rule("status=5xx max=0")
                .rule("path^=/recent/ min=10"));
        SourceVerdict source = verdict.sources().get(0);
        assertThat(verdict.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(source.lines().inWindow()).isEqualTo(10);
        assertThat(source.lines().bytes()).isLessThan(Files.size(log) / 4);
    }

    @Test
    void readsTheRotatedPredecessorWhenTheWindowReachesBackPastARotation() throws Exception {
        OffsetDateTime now = OffsetDateTime.now();
        sshd.writeLog("rotated.log.1", List.of(LogLines.hit().at(now.minusHours(5)).get("/too-old").combined(),
                LogLines.hit().at(now.minusMinutes(40)).get("/before-rotation").combined()));
        Path log = sshd.writeLog("rotated.log", List.of(LogLines.hit().at(now.minusMinutes(5)).get("/after").combined()));
        Verdict verdict = verify(check(OpenSshd.USER, log).since("1h").rule("path^=/ min=2"));
        assertThat(verdict.sources().get(0).rules().get(0).samples()).extracting(h -> h.path())
                .containsExactly("/before-rotation", "/after");
    }

    @Test
    void followsAndFailsAtTheFirstServerErrorWithoutLeavingATail() throws Exception {
        Path log = log("follow.log", LogLines.secondsAgo(10, 200, "/before"));
        later.run(700, () -> TempLogs.append(log, LogLines.now(200, "/a"), LogLines.now(502, "/checkout")));
        long started = System.nanoTime();
        Verdict verdict = verify(check(OpenSshd.USER, log).follow("60s").rule("status=5xx max=0"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
        assertThat(verdict.sources().get(0).ended()).isEqualTo(EndReason.FAILED_FAST);
        assertThat(verdict.sources().get(0).rules().get(0).samples().get(0).path()).isEqualTo("/checkout");
    }

    @Test
    void countsWhatWasLoggedBetweenTheStartOfTheCheckAndTheConnection() throws Exception {
        Path log = log("connecting.log", LogLines.secondsAgo(10, 500, "/before-the-check"),
                LogLines.hit().at(OffsetDateTime.now().plusSeconds(1)).get("/while-connecting").status(502).combined());
        Verdict verdict = verify(check(OpenSshd.USER, log).follow("10s").rule("status=5xx max=0"));
        assertThat(verdict.sources().get(0).ended()).isEqualTo(EndReason.FAILED_FAST);
        assertThat(verdict.sources().get(0).rules().get(0).samples()).extracting(h -> h.path())
                .containsExactly("/while-connecting");
    }

    @Test
    void endsAtTheWindowsDeadlineWithoutLeavingATailAsRootOrUser() throws Exception {
        for (String user : List.of(OpenSshd.USER, "root")) {
            Path log = log("deadline-" + user + ".log", LogLines.secondsAgo(10, 200, "/"));
            later.run(500, () -> TempLogs.append(log, LogLines.now(200, "/during")));
            Verdict verdict = verify(check(user, log).follow("5s").rule("status=5xx max=0"));
            assertThat(verdict.sources().get(0).ended()).isEqualTo(EndReason.WINDOW_ENDED);
            assertThat(verdict.sources().get(0).lines().inWindow()).isEqualTo(1);
            assertThat(sshd.awaitNoProcessesMatching(user, TAIL, Duration.ofSeconds(3))).isEmpty();
        }
    }

    @Test
    void resumesAfterADroppedConnectionWithoutLosingOrRepeatingAHit() throws Exception {
        Path log = log("drop.log");
        try (TcpProxy proxy = TcpProxy.to("127.0.0.1", sshd.port())) {
            later.run(600, () -> {
                for (int i = 0; i < 50; i++) {
                    TempLogs.append(log, LogLines.now(200, "/first/" + i));
                }
            });
            later.run(1500, () -> {
                proxy.severAll();
                for (int i = 0; i < 50; i++) {
                    TempLogs.append(log, LogLines.now(200, "/second/" + i));
                }
            });
            Path knownHosts = dir.resolve("proxy_known_hosts");
            Files.writeString(knownHosts, "[127.0.0.1]:" + proxy.port() + " "
                    + sshd.hostKeyLine("ssh-ed25519") + "\n[127.0.0.1]:" + proxy.port() + " "
                    + sshd.hostKeyLine("ecdsa-sha2-nistp256") + "\n");
            Verdict verdict = verify(CheckConfig.builder().host(OpenSshd.USER + "@127.0.0.1:" + proxy.port())
                    .log(log.toString()).identity(sshd.clientKey(KeyType.ED25519).toString())
                    .knownHosts(knownHosts.toString()).format("combined").follow("5s").samples(200)
                    .rule("path^=/ min=100"));
            SourceVerdict source = verdict.sources().get(0);
            assertThat(source.rules().get(0).count()).isEqualTo(100);
            assertThat(source.rules().get(0).samples()).extracting(h -> h.path()).doesNotHaveDuplicates();
            assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOf(CheckEvent.Reconnecting.class));
        }
    }

    @Test
    void followsALogRenamedAwayToItsNewFile() throws Exception {
        Path log = log("rename.log");
        Path old = log.resolveSibling("rename.log.1");
        later.run(700, () -> {
            TempLogs.append(log, LogLines.now(200, "/one"));
            try {
                Files.move(log, old);
                Thread.sleep(200);
                TempLogs.append(old, LogLines.now(200, "/late-in-old"));
                Thread.sleep(300);
                sshd.writeLog("rename.log", List.of(LogLines.now(200, "/two")));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Verdict verdict = verify(check(OpenSshd.USER, log).follow("5s").rule("path^=/ min=3"));
        assertThat(verdict.sources().get(0).rules().get(0).samples()).extracting(h -> h.path())
                .containsExactly("/one", "/late-in-old", "/two");
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOf(CheckEvent.Rotated.class));
    }

    @Test
    void followsALogTruncatedInPlace() throws Exception {
        Path log = log("truncate.log", LogLines.secondsAgo(10, 200, "/old"));
        later.run(700, () -> {
            TempLogs.append(log, LogLines.now(200, "/before"));
            try (FileChannel channel = FileChannel.open(log, StandardOpenOption.WRITE)) {
                Thread.sleep(300);
                channel.truncate(0);
                Thread.sleep(1500);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            TempLogs.append(log, LogLines.now(200, "/after"));
        });
        Verdict verdict = verify(check(OpenSshd.USER, log).follow("5s").rule("path^=/ min=2"));
        assertThat(verdict.sources().get(0).rules().get(0).samples()).extracting(h -> h.path())
                .containsExactly("/before", "/after");
    }

    @Test
    void readsOverSftpWhereTheAccountGetsNoShell() throws Exception {
        Path log = log("sftp.log", LogLines.hit().status(500).combined());
        Verdict viaForceCommand = verify(check(OpenSshd.SFTP_USER, log).rule("status=5xx max=0"));
        assertThat(count(viaForceCommand)).isEqualTo(1);
        Verdict viaNologin = verify(check(OpenSshd.NOLOGIN_USER, log).rule("status=5xx max=0"));
        assertThat(count(viaNologin)).isEqualTo(1);
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(CheckEvent.Connected.class,
                c -> assertThat(c.detail()).contains("SFTP")));
        Verdict forced = verify(check(OpenSshd.USER, log).sftp(true).rule("status=5xx max=0"));
        assertThat(count(forced)).isEqualTo(1);
    }

    @Test
    void followsOverSftp() throws Exception {
        Path log = log("sftp-follow.log", LogLines.secondsAgo(10, 200, "/"));
        later.run(500, () -> TempLogs.append(log, LogLines.now(503, "/down")));
        Verdict verdict = verify(check(OpenSshd.USER, log).sftp(true).follow("30s").rule("status=5xx max=0"));
        assertThat(verdict.sources().get(0).ended()).isEqualTo(EndReason.FAILED_FAST);
    }

    @Test
    void givesEveryHostItsVerdictAndADeadHostDelaysNoOther() throws Exception {
        Path log = log("many.log", LogLines.hit().combined());
        int dead;
        try (ServerSocket socket = new ServerSocket(0)) {
            dead = socket.getLocalPort();
        }
        long started = System.nanoTime();
        Verdict verdict = verify(CheckConfig.builder().host(host(OpenSshd.USER)).host("root@127.0.0.1:" + dead)
                .host(host("root")).log(log.toString()).identity(sshd.clientKey(KeyType.ED25519).toString())
                .knownHosts(sshd.knownHosts().toString()).format("combined").rule("status=5xx max=0"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
        assertThat(verdict.sources()).extracting(SourceVerdict::outcome)
                .containsExactly(Outcome.PASSED, Outcome.ERROR, Outcome.PASSED);
        assertThat(verdict.sources().get(1).error()).contains("connection refused");
        assertThat(verdict.outcome()).isEqualTo(Outcome.ERROR);
    }

    @Test
    void connectsThroughAJumpHost() throws Exception {
        Path log = log("jump.log", LogLines.hit().status(500).combined());
        var key = io.weblog.source.ssh.KeyFiles.load(sshd.clientKey(KeyType.ED25519), null).get(0);
        try (TestJumpHost jump = TestJumpHost.start(key.getPublic())) {
            Path knownHosts = dir.resolve("jump_known_hosts");
            Files.writeString(knownHosts, Files.readString(sshd.knownHosts()) + jump.knownHostsLine() + "\n");
            Verdict verdict = verify(check(OpenSshd.USER, log).knownHosts(knownHosts.toString())
                    .jump("bastion@127.0.0.1:" + jump.port()).rule("status=5xx max=0"));
            assertThat(count(verdict)).isEqualTo(1);
            assertThat(jump.forwardedConnections()).isGreaterThan(0);
            Path withoutJumpKey = Files.writeString(dir.resolve("no_jump_known_hosts"),
                    Files.readString(sshd.knownHosts()));
            Verdict refused = verify(check(OpenSshd.USER, log).knownHosts(withoutJumpKey.toString())
                    .jump("bastion@127.0.0.1:" + jump.port()).rule("status=5xx max=0"));
            assertThat(refused.sources().get(0).error()).contains("jump host").contains("is not known");
            int closed;
            try (ServerSocket socket = new ServerSocket(0)) {
                closed = socket.getLocalPort();
            }
            Verdict unreachable = verify(CheckConfig.builder().host(OpenSshd.USER + "@127.0.0.1:" + closed)
                    .log(log.toString()).identity(sshd.clientKey(KeyType.ED25519).toString())
                    .knownHosts(knownHosts.toString()).jump("bastion@127.0.0.1:" + jump.port())
                    .rule("status=5xx max=0"));
            assertThat(unreachable.sources().get(0).error()).isEqualTo("no SSH server answered at [127.0.0.1]:"
                    + closed + " through the jump host (it could not reach it, it refused to forward the connection, as "
                    + "a host without port forwarding or weblog serve does, or what answers there does not speak SSH)");
        }
    }

    @Test
    void saysWhenTheOtherSideIsNotAnSshServerOrSaysNothing() throws Exception {
        try (ServerSocket web = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
                ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread answering = new Thread(() -> {
                while (!web.isClosed()) {
                    try (java.net.Socket client = web.accept()) {
                        client.getOutputStream().write("HTTP/1.0 400 Bad Request\r\n\r\n"
                                .getBytes(StandardCharsets.US_ASCII));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            answering.setDaemon(true);
            answering.start();
            Verdict http = verify(check(OpenSshd.USER, Path.of("/var/log/x.log")).host("u@127.0.0.1:" + web
                    .getLocalPort()).rule("status=5xx max=0"));
            assertThat(http.sources().get(1).error()).isEqualTo("[127.0.0.1]:" + web.getLocalPort()
                    + " is not an SSH server: it closed the connection without an SSH greeting");
            Verdict quiet = verify(CheckConfig.builder().host("u@127.0.0.1:" + silent.getLocalPort()).log("/x.log")
                    .identity(sshd.clientKey(KeyType.ED25519).toString()).connectTimeout("2s")
                    .rule("status=5xx max=0"));
            assertThat(quiet.sources().get(0).error()).isEqualTo("no SSH greeting from [127.0.0.1]:"
                    + silent.getLocalPort() + " within 2s: something accepts connections there but says nothing");
        }
    }

    @Test
    void readsEveryLineOfAChunkyStreamWhole() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            lines.add(LogLines.hit().get("/p/" + i + "?q=" + "x".repeat(i % 300)).combined());
        }
        Path log = sshd.writeLog("chunky.log", lines);
        Verdict verdict = verify(check(OpenSshd.USER, log).rule("path^=/p/ min=20000"));
        assertThat(verdict.sources().get(0).lines().malformed()).isZero();
        assertThat(count(verdict)).isEqualTo(20_000);
        assertThat(verdict.sources().get(0).lines().bytes()).isEqualTo(Files.size(log));
        assertThat(new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().count()).isEqualTo(20_000);
    }
}
