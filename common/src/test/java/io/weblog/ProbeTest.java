package io.weblog;

import static org.assertj.core.api.Assertions.assertThat;

import io.weblog.check.Probe;
import io.weblog.testing.LogLines;
import io.weblog.testing.TempLogs;
import io.weblog.testing.TestLogServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Looking at sources without reading them, as a "Test connection" button does. */
class ProbeTest {
    @TempDir
    Path dir;

    private CheckConfig.Builder remote(TestLogServer server) throws ConfigException {
        return CheckConfig.builder().host(server.host() + ":" + server.port()).log("access.log")
                .identity(server.clientKey().toString()).rule("status=5xx max=0");
    }

    @Test
    void connectsChecksTheHostKeyAndFindsTheLogWithoutReadingIt() throws Exception {
        try (TestLogServer server = TestLogServer.start(dir)) {
            server.append(LogLines.hit().combined());
            long size = Files.size(server.log());

            List<Probe> probes = Weblog.probe(remote(server).knownHosts(server.knownHosts().toString()).build());

            assertThat(probes).hasSize(1);
            Probe probe = probes.get(0);
            assertThat(probe.readable()).isTrue();
            assertThat(probe.source()).isEqualTo("127.0.0.1:" + server.port() + ":access.log");
            assertThat(probe.detail()).isEqualTo("connected, reading with weblog serve; host key ssh-ed25519 "
                    + server.hostKeyFingerprint() + "; the log has " + size + " bytes");
            assertThat(probe.warnings()).isEmpty();
        }
    }

    @Test
    void saysWhyASourceCannotBeReadInTheWordsOfACheck() throws Exception {
        try (TestLogServer server = TestLogServer.start(dir)) {
            Path empty = Files.writeString(dir.resolve("empty_known_hosts"), "");

            Probe unknown = Weblog.probe(remote(server).knownHosts(empty.toString()).build()).get(0);

            assertThat(unknown.readable()).isFalse();
            assertThat(unknown.describe()).contains("is not known", server.hostKeyFingerprint());
            Probe wrongLog = Weblog.probe(CheckConfig.builder().host(server.host() + ":" + server.port())
                    .log("other.log").identity(server.clientKey().toString()).rule("status=5xx max=0")
                    .knownHosts(server.knownHosts().toString()).build()).get(0);
            assertThat(wrongLog.readable()).isFalse();
            assertThat(wrongLog.describe()).contains("other.log");
        }
    }

    @Test
    void passesOnTheWarningsOfAnInsecureConnection() throws Exception {
        try (TestLogServer server = TestLogServer.start(dir)) {
            Probe probe = Weblog.probe(remote(server).insecureAcceptAnyHostKey(true).build()).get(0);

            assertThat(probe.readable()).isTrue();
            assertThat(probe.warnings()).singleElement().asString().startsWith("INSECURE: accepted the host key of ");
        }
    }

    @Test
    void findsLocalFilesOrSaysTheyAreMissing() throws Exception {
        Path log = TempLogs.write(dir.resolve("access.log"), LogLines.hit().combined());

        List<Probe> probes = Weblog.probe(CheckConfig.builder().file(log.toString())
                .file(dir.resolve("missing.log").toString()).rule("status=5xx max=0").build());

        assertThat(probes.get(0).describe()).isEqualTo(log + ": the log has " + Files.size(log) + " bytes");
        assertThat(probes.get(1).readable()).isFalse();
        assertThat(probes.get(1).describe()).isEqualTo("no such file: " + dir.resolve("missing.log"));
    }
}
