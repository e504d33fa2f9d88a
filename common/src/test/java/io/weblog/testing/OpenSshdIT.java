package io.weblog.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.weblog.testing.OpenSshd.KeyType;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The OpenSSH harness does what tests rely on, proven with the system's own {@code ssh}, {@code sftp} and keygen. */
class OpenSshdIT {

    private static OpenSshd sshd;

    @TempDir
    Path temp;

    @BeforeAll
    static void startSharedServer() {
        sshd = OpenSshd.shared();
    }

    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = "ED25519_ENCRYPTED", mode = EnumSource.Mode.EXCLUDE)
    void everyClientKeyLogsInAsTheTestUserAndAsRoot(KeyType key) {
        for (String user : List.of(OpenSshd.USER, "root")) {
            Ran ran = Ran.run(sshd.sshCommand(user, key, "echo ok; id -un"));
            assertThat(ran.out()).as("%s as %s: %s%n%s", key, user, ran, sshd.logTail())
                    .isEqualTo("ok\n" + user + "\n");
            assertThat(ran.exit()).isZero();
        }
    }

    @Test
    void encryptedKeyNeedsItsPassphraseAndThenLogsInAsTheTestUserAndAsRoot() throws IOException {
        Path key = sshd.clientKey(KeyType.ED25519_ENCRYPTED);
        assertThat(Ran.run(List.of("ssh-keygen", "-y", "-P", "", "-f", key.toString())).exit()).isNotZero();
        assertThat(Ran.run(List.of("ssh-keygen", "-y", "-P", OpenSshd.KEY_PASSPHRASE, "-f", key.toString())).exit())
                .isZero();

        Path askpass = script("askpass", "echo '" + OpenSshd.KEY_PASSPHRASE + "'");
        for (String user : List.of(OpenSshd.USER, "root")) {
            Ran ran = Ran.run(interactive(sshd.sshCommand(user, KeyType.ED25519_ENCRYPTED, "echo ok")),
                    Map.of("SSH_ASKPASS", askpass.toString(), "SSH_ASKPASS_REQUIRE", "force"));
            assertThat(ran.out()).as("%s: %s", user, ran).isEqualTo("ok\n");
        }
    }

    @Test
    void testUsersLogInWithTheirPassword() throws IOException {
        Path askpass = script("askpass", "echo '" + OpenSshd.USER_PASSWORD + "'");
        List<String> command = new ArrayList<>(interactive(sshd.sshCommand(OpenSshd.USER, KeyType.ED25519, "echo ok")));
        command.addAll(command.size() - 2, List.of("-o", "PubkeyAuthentication=no",
                "-o", "PreferredAuthentications=password"));
        Ran ran = Ran.run(command, Map.of("SSH_ASKPASS", askpass.toString(), "SSH_ASKPASS_REQUIRE", "force"));
        assertThat(ran.out()).as("%s", ran).isEqualTo("ok\n");
    }

    @Test
    void hashedKnownHostsNamesNoHostAndIsAccepted() throws IOException {
        String hashed = Files.readString(sshd.hashedKnownHosts());
        assertThat(hashed).doesNotContain("127.0.0.1").startsWith("|1|");
        assertThat(hashed.lines()).hasSize(3);

        Ran ran = Ran.run(withKnownHosts(sshd.sshCommand(OpenSshd.USER, KeyType.ED25519, "echo ok"),
                sshd.hashedKnownHosts()));
        assertThat(ran.out()).as("%s", ran).isEqualTo("ok\n");
    }

    @Test
    void anUnknownHostKeyIsRefusedSoTheCheckingIsReal() throws IOException {
        Path empty = Files.createFile(temp.resolve("empty_known_hosts"));
        Ran ran = Ran.run(withKnownHosts(sshd.sshCommand(OpenSshd.USER, KeyType.ED25519, "echo ok"), empty));
        assertThat(ran.exit()).isEqualTo(255);
        assertThat(ran.err()).contains("Host key verification failed");
    }

    @Test
    void fingerprintsAreThoseSshKeygenPrints() {
        Ran listed = Ran.run(List.of("ssh-keygen", "-l", "-f", sshd.knownHosts().toString()));
        assertThat(listed.out())
                .contains(sshd.hostKeyFingerprint("ssh-ed25519") + " [127.0.0.1]:" + sshd.port() + " (ED25519)")
                .contains(sshd.hostKeyFingerprint("ecdsa-sha2-nistp256") + " [127.0.0.1]:" + sshd.port() + " (ECDSA)")
                .contains(sshd.hostKeyFingerprint("rsa-sha2-512") + " [127.0.0.1]:" + sshd.port() + " (RSA)");
        assertThat(sshd.hostKeyFingerprint("ssh-rsa")).isEqualTo(sshd.hostKeyFingerprint("rsa-sha2-256"));
    }

    @Test
    void theUnauthorizedKeyIsRefused() {
        List<String> command = new ArrayList<>(sshd.sshCommand(OpenSshd.USER, KeyType.ED25519, "echo ok"));
        command.set(command.indexOf("-i") + 1, sshd.unauthorizedKey().toString());
        Ran ran = Ran.run(command);
        assertThat(ran.exit()).isEqualTo(255);
        assertThat(ran.out()).isEmpty();
        assertThat(ran.err()).contains("Permission denied");
    }

    @Test
    void sftpUserGetsNoCommandButSftpReadsTheLogDirectory() throws IOException {
        Ran exec = Ran.run(sshd.sshCommand(OpenSshd.SFTP_USER, KeyType.ED25519, "echo ok"));
        assertThat(exec.out()).as("the refusal comes on stdout, where a log would be").isEqualTo(
                "This service allows sftp connections only.\n");
        assertThat(exec.exit()).isEqualTo(1);

        assertThat(sftpGet(OpenSshd.SFTP_USER)).isEqualTo("GET / 200\nGET /b 404\n");
    }

    @Test
    void nologinUserIsRefusedCommandsButSftpWorks() throws IOException {
        Ran exec = Ran.run(sshd.sshCommand(OpenSshd.NOLOGIN_USER, KeyType.ED25519, "echo ok"));
        assertThat(exec.exit()).isEqualTo(1);
        assertThat(exec.out()).as("nologin says so on stdout, where a log would be").isEqualTo(
                "This account is currently not available.\n");

        assertThat(sftpGet(OpenSshd.NOLOGIN_USER)).isEqualTo("GET / 200\nGET /b 404\n");
    }

    @Test
    void theTestUserReadsLogsWrittenByTheTest() {
        Path log = sshd.writeLog("read-by-user.log", List.of("line one", "line two"));
        Ran ran = Ran.run(sshd.sshCommand(OpenSshd.USER, KeyType.ED25519, "tail -n 1 -- '" + log + "'"));
        assertThat(ran.out()).as("%s", ran).isEqualTo("line two\n");
    }

    @Test
    void processesOfLeavesOutWhatTheServersSessionsDidNotStart() throws Exception {
        String sleep = "sleep 31.0" + ProcessHandle.current().pid();
        Process local = new ProcessBuilder(sleep.split(" ")).start();
        try {
            assertThat(sshd.awaitNoProcessesMatching("root", "^" + Pattern.quote(sleep) + "$", Duration.ZERO))
                    .as("a process of root that no session started").isEmpty();
            assertThat(ProcessHandle.allProcesses().anyMatch(p -> p.pid() == local.pid())).isTrue();
        } finally {
            local.destroyForcibly();
        }
    }

    @Test
    void processesOfSeesARemoteSleepAndAwaitSeesItGo() throws Exception {
        String sleep = "sleep 30.0" + ProcessHandle.current().pid();
        Process ssh = new ProcessBuilder(sshd.sshCommand(OpenSshd.USER, KeyType.ED25519, "echo $$; exec " + sleep))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            long remotePid = Long.parseLong(readLine(ssh));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!sshd.processesOf(OpenSshd.USER).contains(sleep) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(sshd.processesOf(OpenSshd.USER)).contains(sleep)
                    .noneMatch(command -> command.startsWith("sshd: " + OpenSshd.USER));

            ProcessHandle.of(remotePid).ifPresent(ProcessHandle::destroy);

            assertThat(sshd.awaitNoProcessesMatching(OpenSshd.USER, "^" + Pattern.quote(sleep) + "$",
                    Duration.ofSeconds(5))).isEmpty();
            assertThat(ssh.waitFor(5, TimeUnit.SECONDS)).as("ssh ends with its command").isTrue();
        } finally {
            ssh.destroyForcibly();
        }
    }

    @Test
    void aSecondServerListensOnEveryExtraAddressWithItsOwnConfiguration() {
        OpenSshd.Options options = OpenSshd.Options.defaults()
                .listenAddresses(List.of("127.0.0.2", "127.0.0.3"))
                .extraConfig(List.of("PermitRootLogin no"));
        try (OpenSshd extra = OpenSshd.start(options)) {
            assertThat(extra.port()).isNotEqualTo(sshd.port());
            assertThat(extra.listenAddresses()).containsExactly("127.0.0.1", "127.0.0.2", "127.0.0.3");
            for (String address : extra.listenAddresses()) {
                List<String> command = new ArrayList<>(extra.sshCommand(OpenSshd.USER, KeyType.ED25519, "echo ok"));
                command.set(command.size() - 2, OpenSshd.USER + "@" + address);
                Ran ran = Ran.run(command);
                assertThat(ran.out()).as("%s: %s", address, ran).isEqualTo("ok\n");
            }
            Ran root = Ran.run(extra.sshCommand("root", KeyType.ED25519, "echo ok"));
            assertThat(root.exit()).as("PermitRootLogin no overrides the default").isEqualTo(255);
        }
    }

    @Test
    void aJumpHostForwardsTheSessionToSshd() throws IOException {
        KeyPair jumpKey = TestKeys.ed25519();
        Path keyFile = TestKeys.writeOpenSsh(jumpKey, temp.resolve("jump_key"), null);
        try (TestJumpHost jump = TestJumpHost.start(jumpKey.getPublic())) {
            Path jumpKnownHosts = Files.writeString(temp.resolve("jump_known_hosts"), jump.knownHostsLine() + "\n");
            String proxyCommand = String.join(" ", "/usr/bin/ssh", "-F", "/dev/null",
                    "-p", Integer.toString(jump.port()), "-i", keyFile.toString(),
                    "-o", "UserKnownHostsFile=" + jumpKnownHosts, "-o", "StrictHostKeyChecking=yes",
                    "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-W", "%h:%p", "bastion@127.0.0.1");
            List<String> command = new ArrayList<>(sshd.sshCommand(OpenSshd.USER, KeyType.ED25519, "echo ok"));
            command.addAll(command.size() - 2, List.of("-o", "ProxyCommand=" + proxyCommand));

            Ran ran = Ran.run(command);

            assertThat(ran.out()).as("%s", ran).isEqualTo("ok\n");
            assertThat(jump.forwardedConnections()).isEqualTo(1);

            List<String> onJumpHost = new ArrayList<>(List.of(proxyCommand.split(" ")));
            onJumpHost.removeAll(List.of("-W", "%h:%p"));
            onJumpHost.add("echo ok");
            Ran exec = Ran.run(onJumpHost);
            assertThat(exec.out()).as("no commands on the jump host: %s", exec).isEmpty();
            assertThat(exec.exit()).isNotZero();
        }
    }

    @Test
    void testKeysWritesKeysThatOpenSshReads() throws IOException {
        KeyPair pair = TestKeys.ed25519();
        Path plain = TestKeys.writeOpenSsh(pair, temp.resolve("plain"), null);
        Path encrypted = TestKeys.writeOpenSsh(pair, temp.resolve("encrypted"), "s3cret words");

        assertThat(Files.readString(plain)).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----\n");
        assertThat(Files.getPosixFilePermissions(encrypted)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Ran.run(List.of("ssh-keygen", "-y", "-P", "", "-f", plain.toString())).out())
                .startsWith(TestKeys.authorizedKeysLine(pair.getPublic()));
        assertThat(Ran.run(List.of("ssh-keygen", "-y", "-P", "", "-f", encrypted.toString())).exit()).isNotZero();
        assertThat(Ran.run(List.of("ssh-keygen", "-y", "-P", "s3cret words", "-f", encrypted.toString())).out())
                .startsWith(TestKeys.authorizedKeysLine(pair.getPublic()));
        assertThat(Ran.run(List.of("ssh-keygen", "-l", "-f", plain + ".pub")).out())
                .startsWith("256 " + TestKeys.fingerprint(pair.getPublic()) + " ");
    }

    private String sftpGet(String user) throws IOException {
        Path log = sshd.writeLog("sftp-" + user + ".log", List.of("GET / 200", "GET /b 404"));
        Path local = temp.resolve("fetched-" + user);
        Path batch = Files.writeString(temp.resolve("batch-" + user), "get " + log + " " + local + "\n");
        Ran ran = Ran.run(List.of("/usr/bin/sftp", "-F", "/dev/null", "-b", batch.toString(),
                "-P", Integer.toString(sshd.port()), "-i", sshd.clientKey(KeyType.ED25519).toString(),
                "-o", "UserKnownHostsFile=" + sshd.knownHosts(), "-o", "StrictHostKeyChecking=yes",
                "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", user + "@127.0.0.1"));
        assertThat(ran.exit()).as("%s%n%s", ran, sshd.logTail()).isZero();
        return Files.readString(local);
    }

    private Path script(String name, String body) throws IOException {
        Path file = temp.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    /** The same command with prompts allowed (answered by SSH_ASKPASS, as there is no terminal). */
    private static List<String> interactive(List<String> command) {
        List<String> copy = new ArrayList<>(command);
        copy.set(copy.indexOf("BatchMode=yes"), "BatchMode=no");
        return copy;
    }

    private static List<String> withKnownHosts(List<String> command, Path knownHosts) {
        List<String> copy = new ArrayList<>(command);
        int at = copy.indexOf("UserKnownHostsFile=" + sshd.knownHosts());
        copy.set(at, "UserKnownHostsFile=" + knownHosts);
        return copy;
    }

    private static String readLine(Process process) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c; (c = process.getInputStream().read()) >= 0 && c != '\n'; ) {
            line.append((char) c);
        }
        return line.toString().strip();
    }

    /** A finished command: its exit status and output, run with stdin at end of file and a 30 s limit. */
    record Ran(int exit, String out, String err) {
        static Ran run(List<String> command) {
            return run(command, Map.of());
        }

        static Ran run(List<String> command, Map<String, String> environment) {
            Path out = null;
            Path err = null;
            try {
                out = Files.createTempFile("weblog-ran-", ".out");
                err = Files.createTempFile("weblog-ran-", ".err");
                ProcessBuilder builder = new ProcessBuilder(command)
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile());
                builder.environment().putAll(environment);
                Process process = builder.start();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("did not finish in 30 s: " + command + "\n" + Files.readString(err));
                }
                return new Ran(process.exitValue(), Files.readString(out), Files.readString(err));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            } finally {
                deleteQuietly(out);
                deleteQuietly(err);
            }
        }

        private static void deleteQuietly(Path file) {
            try {
                if (file != null) {
                    Files.deleteIfExists(file);
                }
            } catch (IOException e) {
                // a temporary file left behind
            }
        }
    }
}
