package io.weblog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.weblog.testing.LogLines;
import io.weblog.testing.TestKeys;
import io.weblog.testing.TestLogServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code weblog verify --host ...} against an in-process {@code weblog serve}: its exit codes and messages. */
class SshVerifyCommandTest {

    @TempDir
    Path dir;

    private TestLogServer server;

    @BeforeEach
    void startServer() {
        server = TestLogServer.start(dir);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private String host() {
        return "weblog@127.0.0.1:" + server.port();
    }

    private Run verify(Path knownHosts, String... rules) {
        String[] head = {"verify", "--host", host(), "--log", "/var/log/nginx/access.log", "--identity",
                server.clientKey().toString(), "--known-hosts", knownHosts.toString(), "--format", "combined",
                "--color", "never"};
        String[] args = new String[head.length + rules.length * 2];
        System.arraycopy(head, 0, args, 0, head.length);
        for (int i = 0; i < rules.length; i++) {
            args[head.length + 2 * i] = "--rule";
            args[head.length + 2 * i + 1] = rules[i];
        }
        return Run.of(args);
    }

    @Test
    void exitsZeroWhenEveryRuleHoldsOnTheRemoteLog() {
        server.append(LogLines.hit().combined(), LogLines.hit().get("/health").combined());
        Run run = verify(server.knownHosts(), "status=5xx max=0", "path=/health min=1");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).startsWith("PASSED").contains(host() + ":/var/log/nginx/access.log");
        assertThat(run.err()).contains("connected").contains("weblog serve");
    }

    @Test
    void exitsOneWhenARuleFailsOnTheRemoteLog() {
        server.append(LogLines.hit().combined(), LogLines.hit().get("/checkout").status(502).combined());
        Run run = verify(server.knownHosts(), "status=5xx max=0");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).startsWith("FAILED").contains("/checkout").contains("502");
    }

    @Test
    void exitsThreeForAnUnknownHostKeyNamingTheFingerprintOffered() throws Exception {
        server.append(LogLines.hit().combined());
        Path empty = Files.writeString(dir.resolve("empty_known_hosts"), "");
        Run run = verify(empty, "status=5xx max=0");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(run.out() + run.err()).contains("is not known").contains(empty.toString())
                .contains(server.hostKeyFingerprint());
        assertThat(Files.readString(empty)).as("nothing recorded without --accept-new-host-key").isEmpty();
    }

    @Test
    void exitsThreeWhenTheHostKeyHasChanged() throws Exception {
        server.append(LogLines.hit().combined());
        PublicKey otherKey = TestKeys.ed25519().getPublic();
        String other = TestKeys.authorizedKeysLine(otherKey);
        Path changed = Files.writeString(dir.resolve("changed_known_hosts"), "[127.0.0.1]:" + server.port() + " "
                + other + "\n");
        Run run = verify(changed, "status=5xx max=0");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(run.out() + run.err()).contains("HAS CHANGED").contains(server.hostKeyFingerprint())
                .contains(TestKeys.fingerprint(otherKey));
        assertThat(Files.readString(changed)).isEqualTo("[127.0.0.1]:" + server.port() + " " + other + "\n");
    }

    @Test
    void exitsTwoForAPortOutOfRangeNamingTheFlagAndColumn() {
        Run run = Run.of("verify", "--host", "web1:99999", "--log", "/var/log/access.log", "--rule",
                "status=5xx max=0");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--host 'web1:99999'").contains("'99999' is not a port")
                .contains("at column 6");
        assertThat(run.err()).doesNotContain("Exception");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void exitsTwoForALogWithoutAHost() {
        Run run = Run.of("verify", "--log", "/var/log/access.log", "--rule", "status=5xx max=0");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--log '/var/log/access.log'").contains("give a host too");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void exitsTwoForAHostWithoutALog() {
        Run run = Run.of("verify", "--host", host(), "--rule", "status=5xx max=0");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--log").contains("remote hosts need the path of the log");
        assertThat(server.events()).as("nothing connects for a configuration error").isEmpty();
    }

    @Test
    void exitsTwoForAPasswordVariableThatIsNotSetBeforeConnecting() {
        String variable = "WEBLOG_TEST_PASSWORD_NEVER_SET_" + ProcessHandle.current().pid();
        Run run = Run.of("verify", "--host", host(), "--log", "access.log", "--password-env", variable,
                "--known-hosts", server.knownHosts().toString(), "--rule", "status=5xx max=0");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--password-env").contains(variable).contains("is not set");
        assertThat(server.events()).isEmpty();
    }
}
