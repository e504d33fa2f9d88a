package io.weblog.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weblog.testing.LogLines;
import io.weblog.testing.TempLogs;
import io.weblog.testing.TestLogServer;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.channel.ClientChannel;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.keyverifier.RequiredServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log server against real clients: MINA's {@link SshClient} and OpenSSH's {@code ssh}/{@code scp}. It streams
 * the one log and refuses everything else.
 */
class LogServerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    @TempDir
    Path dir;

    private SshClient client;

    @BeforeEach
    void startClient() {
        client = SshClient.setUpDefaultClient();
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        client.start();
    }

    @AfterEach
    void stopClient() {
        client.stop();
    }

    // ---- people's commands -------------------------------------------------------------------------------------

    @Test
    void shellStreamsLinesAppendedAfterItStartsAndNotOlderOnes() throws Exception {
        try (TestLogServer server = TestLogServer.start(dir);
                ClientSession session = session(server)) {
            server.append("old-1", "old-2");
            ChannelShell shell = session.createShellChannel();
            shell.setUsePty(false);
            Output out = new Output();
            shell.setOut(out);
            shell.setErr(new Output());
            shell.open().verify(TIMEOUT);

            appendUntilSeen(server, out);
            server.append("new-1", "new-2");

            assertThat(out.await(text -> text.contains("new-2\n"))).endsWith("new-1\nnew-2\n").doesNotContain("old");
            shell.close(true);
        }
    }

    @Test
    void shellOnATerminalEndsLinesWithCarriageReturnAndStopsOnCtrlC() throws Exception {
        try (TestLogServer server = TestLogServer.start(dir);
                ClientSession session = session(server)) {
            ChannelShell shell = session.createShellChannel();
            shell.setUsePty(true);
            Output out = new Output();
            shell.setOut(out);
            shell.setErr(new Output());
            shell.open().verify(TIMEOUT);
            appendUntilSeen(server, out);
            server.append("on-a-terminal");
            assertThat(out.await(text -> text.contains("on-a-terminal"))).contains("on-a-terminal\r\n");

            shell.getInvertedIn().write(3);
            shell.getInvertedIn().flush();

            shell.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), TIMEOUT);
            assertThat(shell.getExitStatus()).isEqualTo(ServeProtocol.EXIT_INTERRUPTED);
        }
    }

    @Test
    void followReadsTheRenamedLogToItsEndThenTheNewOneFromItsStart() throws Exception {
        try (TestLogServer server = TestLogServer.start(dir);
                ClientSession session = session(server)) {
            Remote follow = open(session, "follow");
            appendUntilSeen(server, follow.out);
            server.append("before-rotation");
            Path rotated = Files.move(server.log(), dir.resolve("access.log.1"));
            TempLogs.append(rotated, "late-in-old-file");
            TempLogs.write(server.log(), "first-in-new-file", "second-in-new-file");

            String text = follow.out.await(t -> t.contains("second-in-new-file\n"));

            assertThat(text).containsSubsequence("before-rotation\n", "late-in-old-file\n", "first-in-new-file\n",
                    "second-in-new-file\n");
            follow.channel.close(true);
        }
    }

    @Test
    void followStartsAgainFromTheBeginningWhenTheLogIsTruncatedInPlace() throws Exception {
        try (TestLogServer server = TestLogServer.start(dir);
                ClientSession session = session(server)) {
            Remote follow = open(session, "follow");
            appendUntilSeen(server, follow.out);
            server.append("before-copytruncate");
            follow.out.await(t -> t.contains("before-copytruncate\n"));
            try (FileChannel log = FileChannel.open(server.log(), StandardOpenOption.WRITE)) {
                log.truncate(0);
            }
            server.append("after-copytruncate");

            assertThat(follow.out.await(t -> t.contains("after-copytruncate\n")))
                    .endsWith("before-copytruncate\nafter-copytruncate\n");
            follow.channel.close(true);
        }
    }

    @Test
    void catSendsTheWholeLogAndExitsZero() throws Exception {
        try (TestLogServer server = TestLogServer.start(dir);
                ClientSession session = session(server)) {
            server.append("one", "two", "three");

            Result result = run(session, "cat");

            assertThat(result.out).isEqualTo("one\ntwo\nthree\n");
            assertThat(result.err).isEmpty();
            assertThat(result.exit).isZero();
        }
    }

    @Test
    void sinceSendsLinesFromTheFirstLoggedAtOrAfterTheTimeThenFollows() throws Exception {
        OffsetDateTime now = OffsetDateTime.now();
        TempLogs.write(dir.resolve("access.log"),
                LogLines.hit().at(now.minusHours(2)).get("/two-hours-ago").combined(),
                LogLines.hit().at(now.minusMinutes(30)).get("/half-an-hour-ago").combined(),
                LogLines.hit().at(now.minusMinutes(5)).get("/five-minutes-ago").combined(),
                LogLines.hit().at(now.minusMinutes(1)).get("/a-minute-ago").combined());
        try (TestLogServer server = TestLogServer.start(dir);
                ClientSession session = session(server)) {
            Remote since = open(session, "since 10m");

            String text = since.out.await(t -> t.contains("/a-minute-ago"));
            server.append(LogLines.hit().at(OffsetDateTime.now()).get("/just-now").combined());
            text = since.out.await(t -> t.contains("/just-now"));

            assertThat(text).doesNotContain("/two-hours-ago", "/half-an-hour-ago")
                    .containsSubsequence("/five-minutes-ago", "/a-minute-ago", "/just-now");
            assertThat(text.lines()).hasSize(3);
            since.channel.close(true);
        }
    }

    @Test
    void sinceAcceptsAnInstantWithItsZone() throws Exception {
        TempLogs.write(dir.resolve("access.log"),
                LogLines.hit().at("2024-10-10T13:55:00+02:00").get("/before").combined(),
                LogLines.hit().at("2024-10-10T13:56:00+02:00").get("/at").combined(),
                LogLines.hit().at("2024-10-10T12:00:00Z").get("/after").combined());
        try (TestLogServer server = TestLogServer.start(dir);
                ClientSession session = session(server)) {
            Remote since = open(session, "since 2024-10-10T11:56:00Z");

            assertThat(since.out.await(t -> t.contains("/after"))).doesNotContain("/before").contains("/at");
            since.channel.close(true);
        }
    }

    @Test
    void sinceWithoutAValidTimeIsRefusedWithTheReason() throws Exception {
        try (TestLogServer server = TestLogServer.start(dir);
                ClientSession session = session(server)) {
            Result result = run(session, "since yesterday");

            assertThat(result.exit).isEqualTo(ServeProtocol.EXIT_REFUSED);
            assertThat(result.err).startsWith("since: 'yesterday'");
            assertThat(result.out).isEmpty();
        }
    }

    @Test
    void aMissingLogIsReportedWithExitOne() throws Exception {
        try (TestLogServer server = TestLogServer.start(dir);
                ClientSession session = session(server)) {
            Files.delete(server.log());

            for (String command : List.of("follow", "cat", "since 1h", "weblog-stat current",
                    "weblog-read current 0", "weblog-follow 0")) {
                Result result = run(session, command);
                assertThat(result.exit).as(command).isEqualTo(ServeProtocol.EXIT_NO_FILE);
                assertThat(result.err).as(command).isEqualTo("no such file: " + server.log() + "\n");
            }
        }
    }

    // ---- the machine protocol ------------------------------------------------------------------------------------

    @Test
    void statAnswersInodeAndSizeOfTheLogAndOfItsPredecessor() throws Exception {
        try (TestLogServer server = TestLogServer.start(dir);
                ClientSession session = session(server)) {
            server.append("12345");
            long inode = inode(server.log());

            assertThat(run(session, "weblog-stat current").out).isEqualTo(inode + " 6 access.log\n");
            Result previous = run(session, "weblog-stat previous");
            assertThat(previous.exit).isEqualTo(ServeProtocol.EXIT_NO_FILE);
            assertThat(previous.out).isEmpty();
            assertThat(previous.err).isEqualTo("no such file: " + server.log() + ".1\n");

            Files.move(server.log(), dir.resolve("access.log.1"));
            server.append("1");

            Result current = run(session, "weblog-stat current");
            assertThat(current.exit).isZero();
            assertThat(current.out).isEqualTo(inode(server.log()) + " 2 access.log\n").doesNotStartWith(inode + " ");
            assertThat(run(session, "weblog-stat previous").out).isEqualTo(inode + " 6 access.log.1\n");
        }
    }

    @Test
    void readSendsRawBytesFromAnOffsetUpToALengthOrTheEnd() throws Exception {
        try (TestLogServer server = TestLogServer.start(dir);
                ClientSession session = session(server)) {
            Files.write(server.log(), "line one\nline two\nhalf".getBytes(StandardCharsets.UTF_8));
            Files.write(dir.resolve("access.log.1"), "older\n".getBytes(StandardCharsets.UTF_8));

            assertThat(run(session, "weblog-read current 5").out).isEqualTo("one\nline two\nhalf");
            assertThat(run(session, "weblog-read current 5 6").out).isEqualTo("one\nli");
            assertThat(run(session, "weblog-read current 0 1000").out).isEqualTo("line one\nline two\nhalf");
            assertThat(run(session, "weblog-read current 22").out).isEmpty();
            assertThat(run(session, "weblog-read previous 2").out).isEqualTo("der\n");
            assertThat(run(session, "weblog-read current 0 3").exit).isZero();
        }
    }

    @Test
    void readBeyondTheEndExitsFourWithTheSize() throws Exception {
        try (TestLogServer server = TestLogServer.start(dir);
                ClientSession session = session(server)) {
            server.append("12345");

            Result result = run(session, "weblog-read current 7");

            assertThat(result.exit).isEqualTo(ServeProtocol.EXIT_BAD_OFFSET);
            assertThat(result.err).isEqualTo("offset 7 is beyond the end (6)\n");
            assertThat(result.out).isEmpty();
            assertThat(run(session, "weblog-follow 7").err).isEqualTo("offset 7 is beyond the end (6)\n");
        }
    }

    @Test
    void followBytesSendsFromTheOffsetAndKeepsReadingTheSameFileAfterItIsRenamed() throws Exception {
        try (TestLogServer server = TestLogServer.start(dir);
                ClientSession session = session(server)) {
            server.append("skipped", "kept");
            Remote follow = open(session, "weblog-follow 8");
            assertThat(follow.out.await(t -> t.equals("kept\n"))).isEqualTo("kept\n");

            TempLogs.append(server.log(), "before-rename");
            Path rotated = Files.move(server.log(), dir.resolve("access.log.1"));
            TempLogs.write(server.log(), "in-the-new-file");
            TempLogs.append(rotated, "still-the-old-file");

            assertThat(follow.out.await(t -> t.contains("still-the-old-file\n")))
                    .isEqualTo("kept\nbefore-rename\nstill-the-old-file\n");
            assertThat(follow.channel.isOpen()).isTrue();
            follow.channel.close(true);
        }
    }

    @Test
    void followBytesEndsWithExitFourWhenTheFileIsTruncated() throws Exception {
        try (TestLogServer server = TestLogServer.start(dir);
                ClientSession session = session(server)) {
            server.append("first", "second");
            Remote follow = open(session, "weblog-follow 0");
            follow.out.await(t -> t.contains("second\n"));

            try (FileChannel log = FileChannel.open(server.log(), StandardOpenOption.WRITE)) {
                log.truncate(0);
            }

            follow.channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), TIMEOUT);
            assertThat(follow.channel.getExitStatus()).isEqualTo(ServeProtocol.EXIT_BAD_OFFSET);
            assertThat(follow.err.text()).isEqualTo("truncated\n");
        }
    }

    @Test
    void followBytesNoticesATruncationThatTheFileRegrewPast() throws Exception {
        try (TestLogServer server = TestLogServer.start(dir);
                ClientSession session = session(server)) {
            server.append("first");
            Remote follow = open(session, "weblog-follow 0");
            follow.out.await(t -> t.contains("first\n"));

            Files.write(server.log(), "rewritten and longer than before\n".getBytes(StandardCharsets.UTF_8),
                    StandardOpenOption.TRUNCATE_EXISTING);

            follow.channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), TIMEOUT);
            assertThat(follow.channel.getExitStatus()).isEqualTo(ServeProtocol.EXIT_BAD_OFFSET);
            assertThat(follow.out.text()).isEqualTo("first\n");
        }
    }

    // ---- refusals --------------------------------------------------------------------------------------------------

    @Test
    void refusesAKeyThatIsNotInTheAuthorizedKeysFile() throws Exception {
        try (TestLogServer server = TestLogServer.start(dir)) {
            KeyPair stranger = TestLogServer.writeClientKey(dir.resolve("stranger"));

            assertThatThrownBy(() -> session(server, stranger).close()).isInstanceOf(IOException.class);

            assertThat(server.awaitEvent(ServerEvent.Refused.class, e -> e.reason().contains("is not in"), TIMEOUT))
                    .hasValueSatisfying(e -> {
                        assertThat(e.reason()).contains("ssh-ed25519 SHA256:")
                                .contains(server.authorizedKeys().toString());
                        assertThat(e.user()).isNotEmpty();
                    });
            assertThat(server.awaitEvent(ServerEvent.Disconnected.class, e -> !e.authenticated(), TIMEOUT))
                    .isPresent();
        }
    }

    @Test
    void letsInAKeyAddedToTheAuthorizedKeysFileWhileRunning() throws Exception {
        try (TestLogServer server = TestLogServer.start(dir)) {
            KeyPair newcomer = TestLogServer.writeClientKey(dir.resolve("newcomer"));
            Files.write(server.authorizedKeys(), Files.readAllBytes(dir.resolve("newcomer.pub")),
                    StandardOpenOption.APPEND);

            try (ClientSession session = session(server, newcomer)) {
                assertThat(session.isAuthenticated()).isTrue();
            }
        }
    }

    @Test
    void refusesPasswordsAndOffersOnlyPublicKeys() throws Exception {
        try (TestLogServer server = TestLogServer.start(dir)) {
            client.setServerKeyVerifier(new RequiredServerKeyVerifier(server.server().hostKey()));
            try (ClientSession session = client.connect("root", server.host(), server.port()).verify(TIMEOUT)
                    .getSession()) {
                session.addPasswordIdentity("secret");
                assertThatThrownBy(() -> session.auth().verify(TIMEOUT)).isInstanceOf(IOException.class);
            }

            Result ssh = ssh(server, List.of("-o", "PreferredAuthentications=password,keyboard-interactive",
                    "-o", "PubkeyAuthentication=no"), "cat");
            assertThat(ssh.exit).isEqualTo(255);
            assertThat(ssh.err).contains("Permission denied (publickey)");
        }
    }

    @Test
    void refusesEveryOtherCommandWithoutRunningOrReadingAnything() throws Exception {
        try (TestLogServer server = TestLogServer.start(dir);
                ClientSession session = session(server)) {
            server.append("secret-log-line");
            for (String command : List.of("sh -c id", "cat /etc/passwd", "ls", "id", "sh", "bash -i",
                    "cat; id", "follow && id", "$(id)", "cat ../../etc/passwd", "scp -f /etc/passwd",
                    "follow /etc/passwd", "weblog-read /etc/passwd 0", "weblog-read current -1",
                    "internal-sftp", "tail -F /etc/shadow")) {
                Result result = run(session, command);
                assertThat(result.exit).as(command).isEqualTo(ServeProtocol.EXIT_REFUSED);
                assertThat(result.out).as(command).isEmpty();
                assertThat(result.err).as(command).isNotEmpty().doesNotContain("root:");
            }
            assertThat(run(session, "sh -c id").err).isEqualTo(ServeProtocol.REFUSAL + "\n");
            assertThat(server.events()).filteredOn(ServerEvent.Refused.class::isInstance)
                    .map(e -> ((ServerEvent.Refused) e).reason()).contains("command refused: sh -c id");
        }
    }

    @Test
    void refusesTheSftpSubsystem() throws Exception {
        try (TestLogServer server = TestLogServer.start(dir);
                ClientSession session = session(server)) {
            assertThatThrownBy(() -> SftpClientFactory.instance().createSftpClient(session).close())
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void refusesScpInBothItsSftpAndItsLegacyProtocol() throws Exception {
        try (TestLogServer server = TestLogServer.start(dir)) {
            server.append("secret-log-line");
            for (List<String> mode : List.of(List.<String>of(), List.of("-O"))) {
                Path copy = dir.resolve("copy" + mode.size());
                List<String> command = new ArrayList<>(List.of("scp", "-F", "/dev/null", "-P",
                        Integer.toString(server.port())));
                command.addAll(mode);
                command.addAll(clientOptions(server));
                command.addAll(List.of(server.host() + ":" + server.log(), copy.toString()));

                Result scp = exec(command);

                assertThat(scp.exit).as("scp %s", mode).isNotZero();
                assertThat(copy).as("scp %s", mode).doesNotExist();
                assertThat(scp.err).as("scp %s", mode).contains(mode.isEmpty()
                        ? "subsystem request failed" : ServeProtocol.REFUSAL);
            }
        }
    }

    @Test
    void refusesLocalAndRemotePortForwarding() throws Exception {
        try (TestLogServer server = TestLogServer.start(dir);
                ClientSession session = session(server)) {
            SshdSocketAddress local = session.startLocalPortForwarding(
                    new SshdSocketAddress("127.0.0.1", 0), new SshdSocketAddress("127.0.0.1", server.port()));
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", local.getPort()), 1000);
                socket.setSoTimeout(2000);
                int read;
                try {
                    read = socket.getInputStream().read();
                } catch (SocketException reset) {
                    read = -1;
                }
                assertThat(read).isEqualTo(-1);
            }
            assertThat(server.awaitEvent(ServerEvent.Refused.class, e -> e.reason().contains("direct-tcpip"),
                    TIMEOUT)).isPresent();

            assertThatThrownBy(() -> session.startRemotePortForwarding(new SshdSocketAddress("127.0.0.1", 0),
                    new SshdSocketAddress("127.0.0.1", 9))).isInstanceOf(IOException.class);
            assertThat(server.awaitEvent(ServerEvent.Refused.class, e -> e.reason().contains("tcpip-forward"),
                    TIMEOUT)).isPresent();
        }
        try (TestLogServer server = TestLogServer.start(dir)) {
            Result stdioForward = ssh(server, List.of("-W", "127.0.0.1:" + server.port()), null);
            assertThat(stdioForward.exit).isEqualTo(255);
            assertThat(stdioForward.err).contains("open failed");

            Result remote = ssh(server, List.of("-o", "ExitOnForwardFailure=yes", "-R", "0:127.0.0.1:9"), "follow");
            assertThat(remote.exit).isEqualTo(255);
            assertThat(remote.err).contains("forwarding failed");
        }
    }

    // ---- OpenSSH's client ------------------------------------------------------------------------------------------

    @Test
    void openSshClientReadsTheLogCheckingTheHostKeyInKnownHosts() throws Exception {
        try (TestLogServer server = TestLogServer.start(dir)) {
            server.append("via-openssh-1", "via-openssh-2");

            Result cat = ssh(server, List.of(), "cat");

            assertThat(cat.exit).isZero();
            assertThat(cat.out).isEqualTo("via-openssh-1\nvia-openssh-2\n");
            Result stat = ssh(server, List.of(), "weblog-stat current");
            assertThat(stat.out).isEqualTo(inode(server.log()) + " 28 access.log\n");
            Result refused = ssh(server, List.of(), "sh -c id");
            assertThat(refused.exit).isEqualTo(ServeProtocol.EXIT_REFUSED);
            assertThat(refused.err).contains(ServeProtocol.REFUSAL);
        }
    }

    @Test
    void openSshClientFollowsTheLogUntilItIsKilledAndThenTheStreamEnds() throws Exception {
        try (TestLogServer server = TestLogServer.start(dir)) {
            List<String> command = new ArrayList<>(List.of("ssh", "-F", "/dev/null", "-p",
                    Integer.toString(server.port())));
            command.addAll(clientOptions(server));
            command.addAll(List.of(server.host(), "follow"));
            Process ssh = new ProcessBuilder(command).redirectInput(new File("/dev/null")).start();
            Output out = new Output();
            Thread reader = new Thread(() -> copy(ssh.getInputStream(), out));
            reader.start();
            try {
                appendUntilSeen(server, out);
                server.append("seen-by-openssh");
                assertThat(out.await(t -> t.contains("seen-by-openssh\n"))).endsWith("seen-by-openssh\n");
                assertThat(ssh.isAlive()).as("follow goes on after the client's end of input").isTrue();
            } finally {
                ssh.destroy();
                ssh.waitFor(2, TimeUnit.SECONDS);
            }
            String prefix = ServerState.streamThreadPrefix(server.port());
            await(() -> streamThreads(prefix).isEmpty() && openDescriptors(server.log()) == 0);
            assertThat(streamThreads(prefix)).isEmpty();
            assertThat(openDescriptors(server.log())).isZero();
        }
    }

    @Test
    void openSshClientRefusesTheServerWhenTheHostKeyIsNotTheKnownOne() throws Exception {
        try (TestLogServer server = TestLogServer.start(dir)) {
            Files.writeString(server.knownHosts(), "[127.0.0.1]:" + server.port() + " "
                    + Files.readString(dir.resolve("client_ed25519.pub")));

            Result cat = ssh(server, List.of(), "cat");

            assertThat(cat.exit).isEqualTo(255);
            assertThat(cat.err).contains("HOST IDENTIFICATION HAS CHANGED");
        }
    }

    // ---- the server itself -----------------------------------------------------------------------------------------

    @Test
    void announcesItselfAsWeblogAndReportsWhatHappens() throws Exception {
        try (TestLogServer server = TestLogServer.start(dir)) {
            try (ClientSession session = session(server)) {
                assertThat(session.getServerVersion()).startsWith("SSH-2.0-weblog_");
                server.append("x");
                assertThat(run(session, "cat").exit).isZero();
            }
            server.awaitEvent(ServerEvent.Disconnected.class, e -> true, TIMEOUT);

            assertThat(server.events()).extracting(e -> e.getClass().getSimpleName()).containsSubsequence(
                    "Connected", "Authenticated", "StreamStarted", "StreamEnded", "Disconnected");
            assertThat(server.events()).filteredOn(ServerEvent.Authenticated.class::isInstance)
                    .singleElement().satisfies(e -> {
                        ServerEvent.Authenticated authenticated = (ServerEvent.Authenticated) e;
                        assertThat(authenticated.user()).isEqualTo("ci");
                        assertThat(authenticated.key()).startsWith("ssh-ed25519 SHA256:");
                        assertThat(authenticated.client()).startsWith("127.0.0.1:");
                    });
            assertThat(server.events()).filteredOn(ServerEvent.StreamEnded.class::isInstance)
                    .singleElement().satisfies(e -> {
                        ServerEvent.StreamEnded ended = (ServerEvent.StreamEnded) e;
                        assertThat(ended.command()).isEqualTo("cat");
                        assertThat(ended.exitStatus()).isZero();
                        assertThat(ended.bytes()).isEqualTo(2);
                    });
        }
    }

    @Test
    void keepsItsHostKeyAcrossRestartsInAFileOnlyItsOwnerCanRead() throws Exception {
        String fingerprint;
        try (TestLogServer server = TestLogServer.start(dir)) {
            fingerprint = server.hostKeyFingerprint();
            assertThat(fingerprint).startsWith("SHA256:");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(server.hostKeyFile())))
                    .isEqualTo("rw-------");
            assertThat(Files.readString(server.hostKeyFile())).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----");
        }
        try (TestLogServer server = TestLogServer.start(dir)) {
            assertThat(server.hostKeyFingerprint()).isEqualTo(fingerprint);
            Result fromOpenSsh = ssh(server, List.of(), "weblog-stat current");
            assertThat(fromOpenSsh.exit).isZero();
        }
    }

    @Test
    void refusesToStartWithAHostKeyOthersCanRead() throws Exception {
        try (TestLogServer server = TestLogServer.start(dir)) {
            Files.setPosixFilePermissions(server.hostKeyFile(), PosixFilePermissions.fromString("rw-r--r--"));
        }
        LogServer server = LogServer.builder().log(dir.resolve("access.log")).port(0).bind("127.0.0.1")
                .authorizedKeys(dir.resolve("authorized_keys")).hostKey(dir.resolve("server/host_ed25519_key"))
                .build();

        assertThatThrownBy(server::start).isInstanceOf(IOException.class).hasMessageContaining("chmod 600");
    }

    @Test
    void failsToStartNamingTheLineOfAnAuthorizedKeysFileThatHoldsNoKeyOrAHostKeyThatIsADirectory()
            throws Exception {
        Files.writeString(dir.resolve("access.log"), "");
        Path keys = Files.writeString(dir.resolve("bad_keys"), "# ci\n\ngarbage stuff\n");
        LogServer badKeys = LogServer.builder().log(dir.resolve("access.log")).port(0).bind("127.0.0.1")
                .authorizedKeys(keys).hostKey(dir.resolve("server/host_key")).build();
        assertThatThrownBy(badKeys::start).isInstanceOf(IOException.class).hasMessage("the authorized keys file "
                + keys + " has no key on line 3 (garbage stuff); expected lines such as: ssh-ed25519 AAAA... "
                + "ci@example");
        Path fifo = dir.resolve("fifo.log");
        org.junit.jupiter.api.Assumptions.assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0);
        Files.writeString(keys, "");
        LogServer pipe = LogServer.builder().log(fifo).port(0).bind("127.0.0.1").authorizedKeys(keys)
                .hostKey(dir.resolve("server/host_key")).build();
        assertThatThrownBy(pipe::start).isInstanceOf(IOException.class)
                .hasMessageStartingWith(fifo + " is not a regular file");
        Path directory = Files.createDirectory(dir.resolve("a_directory"));
        Files.writeString(keys, "");
        LogServer directoryKey = LogServer.builder().log(dir.resolve("access.log")).port(0).bind("127.0.0.1")
                .authorizedKeys(keys).hostKey(directory).build();
        assertThatThrownBy(directoryKey::start).isInstanceOf(IOException.class)
                .hasMessageStartingWith("the host key " + directory + " is a directory");
    }

    @Test
    void failsToStartWithAClearMessageWhenThePortIsTakenOrTheKeysFileIsMissing() throws Exception {
        try (TestLogServer running = TestLogServer.start(dir)) {
            LogServer second = LogServer.builder().log(running.log()).bind("127.0.0.1").port(running.port())
                    .authorizedKeys(running.authorizedKeys()).build();
            assertThatThrownBy(second::start).isInstanceOf(IOException.class)
                    .hasMessageStartingWith("cannot listen on 127.0.0.1:" + running.port());
            second.close();
        }
        LogServer noKeys = LogServer.builder().log(dir.resolve("access.log")).port(0)
                .authorizedKeys(dir.resolve("missing_keys")).build();
        assertThatThrownBy(noKeys::start).isInstanceOf(IOException.class)
                .hasMessage("no such authorized keys file: " + dir.resolve("missing_keys"));
        assertThatThrownBy(() -> LogServer.builder().log(dir.resolve("access.log")).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("authorizedKeys");
    }

    @Test
    void closingTheClientEndsTheStreamThreadAndClosesTheLog() throws Exception {
        try (TestLogServer server = TestLogServer.start(dir)) {
            server.append(LogLines.hit().at(OffsetDateTime.now()).combined());
            String prefix = ServerState.streamThreadPrefix(server.port());
            for (String command : List.of("follow", "since 1h", "weblog-follow 0")) {
                try (ClientSession session = session(server)) {
                    Remote stream = open(session, command);
                    appendUntilSeen(server, stream.out);
                    assertThat(streamThreads(prefix)).as(command).hasSize(1);
                    assertThat(openDescriptors(server.log())).as(command).isPositive();

                    stream.channel.close(false).await(TIMEOUT);
                }
                await(() -> streamThreads(prefix).isEmpty() && openDescriptors(server.log()) == 0);
                assertThat(streamThreads(prefix)).as(command).isEmpty();
                assertThat(openDescriptors(server.log())).as(command).isZero();
            }
            assertThat(server.awaitEvent(ServerEvent.StreamEnded.class, e -> e.command().equals("weblog-follow 0"),
                    TIMEOUT)).hasValueSatisfying(e -> assertThat(e.how()).isIn("closed by the client",
                            "stopped by the client"));
        }
    }

    @Test
    void endsAMachineStreamWhenTheClientEndsItsInputButNotAPersonsFollow() throws Exception {
        try (TestLogServer server = TestLogServer.start(dir)) {
            server.append(LogLines.hit().at(OffsetDateTime.now()).combined());
            try (ClientSession session = session(server)) {
                Remote machine = open(session, "weblog-follow 0");
                Remote person = open(session, "follow");
                appendUntilSeen(server, person.out);
                machine.channel.getInvertedIn().close();
                person.channel.getInvertedIn().close();
                assertThat(machine.channel.waitFor(EnumSet.of(ClientChannelEvent.EXIT_STATUS), TIMEOUT))
                        .contains(ClientChannelEvent.EXIT_STATUS);
                assertThat(machine.channel.getExitStatus()).isZero();
                assertThat(person.channel.isOpen()).isTrue();
                assertThat(person.channel.getExitStatus()).isNull();
            }
        }
    }

    @Test
    void droppingTheConnectionOrClosingTheServerEndsEveryStream() throws Exception {
        TestLogServer server = TestLogServer.start(dir);
        String prefix = ServerState.streamThreadPrefix(server.port());
        ClientSession dropped = session(server);
        ClientSession kept = session(server);
        Remote first = open(dropped, "follow");
        Remote second = open(kept, "weblog-follow 0");
        appendUntilSeen(server, first.out);
        second.out.await(t -> t.contains("probe"));
        assertThat(streamThreads(prefix)).hasSize(2);

        dropped.close(true);
        await(() -> streamThreads(prefix).size() == 1);
        assertThat(streamThreads(prefix)).hasSize(1);

        server.close();
        assertThat(streamThreads(prefix)).isEmpty();
        assertThat(openDescriptors(server.log())).isZero();
        kept.close(true);
    }

    @Test
    void refusesStreamsBeyondItsBoundAsBusy() throws Exception {
        TempLogs.write(dir.resolve("access.log"), "x");
        TestLogServer keys = TestLogServer.start(dir);
        keys.close();
        try (LogServer server = LogServer.builder().log(dir.resolve("access.log")).bind("127.0.0.1").port(0)
                .authorizedKeys(keys.authorizedKeys()).maxStreams(1).build()) {
            server.start();
            client.setServerKeyVerifier(new RequiredServerKeyVerifier(server.hostKey()));
            try (ClientSession session = client.connect("ci", "127.0.0.1", server.port()).verify(TIMEOUT)
                    .getSession()) {
                session.addPublicKeyIdentity(keys.clientKeyPair());
                session.auth().verify(TIMEOUT);
                Remote follow = open(session, "weblog-follow 0");
                follow.out.await(t -> t.equals("x\n"));

                Result busy = run(session, "cat");

                assertThat(busy.exit).isEqualTo(ServeProtocol.EXIT_BUSY);
                assertThat(busy.err).startsWith("the server is busy");
                follow.channel.close(false).await(TIMEOUT);
                await(() -> Integer.valueOf(0).equals(run(session, "cat").exit));
            }
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private ClientSession session(TestLogServer server) throws IOException {
        return session(server, server.clientKeyPair());
    }

    private ClientSession session(TestLogServer server, KeyPair key) throws IOException {
        client.setServerKeyVerifier(new RequiredServerKeyVerifier(server.server().hostKey()));
        ClientSession session = client.connect("ci", server.host(), server.port()).verify(TIMEOUT).getSession();
        try {
            session.addPublicKeyIdentity(key);
            session.auth().verify(TIMEOUT);
            return session;
        } catch (IOException | RuntimeException e) {
            session.close(true);
            throw e;
        }
    }

    /** Runs a command to its end. */
    private static Result run(ClientSession session, String command) {
        try {
            ChannelExec channel = session.createExecChannel(command);
            Output out = new Output();
            Output err = new Output();
            channel.setOut(out);
            channel.setErr(err);
            channel.open().verify(TIMEOUT);
            channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), TIMEOUT);
            return new Result(out.text(), err.text(), channel.getExitStatus());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Starts a command that streams. */
    private static Remote open(ClientSession session, String command) throws IOException {
        ChannelExec channel = session.createExecChannel(command);
        Output out = new Output();
        Output err = new Output();
        channel.setOut(out);
        channel.setErr(err);
        channel.open().verify(TIMEOUT);
        return new Remote(channel, out, err);
    }

    /**
     * Appends a probe line until the stream shows it: from then on the stream surely reads past what was there when
     * it started.
     */
    private static void appendUntilSeen(TestLogServer server, Output out) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!out.text().contains("probe") && System.nanoTime() < deadline) {
            server.append("probe");
            for (int i = 0; i < 10 && !out.text().contains("probe"); i++) {
                Thread.sleep(5);
            }
        }
        assertThat(out.text()).contains("probe");
    }

    private static Result ssh(TestLogServer server, List<String> options, String command) throws Exception {
        List<String> line = new ArrayList<>(List.of("ssh", "-F", "/dev/null", "-p", Integer.toString(server.port())));
        line.addAll(clientOptions(server));
        line.addAll(options);
        line.add(server.host());
        if (command != null) {
            line.add(command);
        }
        return exec(line);
    }

    private static List<String> clientOptions(TestLogServer server) {
        return List.of("-i", server.clientKey().toString(), "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none",
                "-o", "UserKnownHostsFile=" + server.knownHosts(), "-o", "GlobalKnownHostsFile=/dev/null",
                "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes", "-o", "ConnectTimeout=3");
    }

    private static Result exec(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectInput(new File("/dev/null")).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread errReader = new Thread(() -> copy(process.getErrorStream(), err));
        errReader.start();
        copy(process.getInputStream(), out);
        assertThat(process.waitFor(5, TimeUnit.SECONDS)).as("%s ends", command).isTrue();
        errReader.join();
        return new Result(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                process.exitValue());
    }

    private static void copy(InputStream in, OutputStream out) {
        try (in) {
            in.transferTo(out);
        } catch (IOException ignored) {
            // The process ended.
        }
    }

    private static long inode(Path file) throws IOException {
        return (Long) Files.getAttribute(file, "unix:ino");
    }

    private static List<String> streamThreads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).filter(n -> n.startsWith(prefix))
                .toList();
    }

    /** How many descriptors of this process are open on the log or its rotated copies. */
    private static long openDescriptors(Path log) {
        String name = log.toAbsolutePath().toString();
        try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
            return descriptors.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().startsWith(name);
                } catch (IOException | UnsupportedOperationException e) {
                    return false;
                }
            }).count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    /** A finished command. */
    private record Result(String out, String err, Integer exit) {
    }

    /** A running command. */
    private record Remote(ClientChannel channel, Output out, Output err) {
    }

    /** Collects what a channel writes, from MINA's thread, for the test's thread to wait on. */
    private static final class Output extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
            notifyAll();
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
            notifyAll();
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }

        /** Waits until the text matches, and returns it (as it is at the time-out otherwise). */
        synchronized String await(java.util.function.Predicate<String> condition) throws InterruptedException {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!condition.test(text())) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    break;
                }
                wait(left);
            }
            return text();
        }
    }
}
