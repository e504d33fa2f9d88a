package io.weblog.jenkins;

import com.cloudbees.jenkins.plugins.sshcredentials.impl.BasicSSHUserPrivateKey;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import io.weblog.testing.LogLines;
import io.weblog.testing.TestLogServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the plugin's tests share: a weblog serve on loopback, its key as Jenkins credentials, and log lines. */
final class Servers {
    /** The id of the SSH key credentials that {@link #addKeyCredentials} adds. */
    static final String KEY_CREDENTIALS = "deploy-key";

    private Servers() {
    }

    /** A {@code weblog serve} on 127.0.0.1 serving these lines, from common's test support. */
    static TestLogServer serve(Path dir, List<String> lines) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve("access.log"), lines, StandardCharsets.UTF_8);
        return TestLogServer.start(dir);
    }

    /** Adds the server's client key to Jenkins as SSH private key credentials, with the user {@code deploy}. */
    static void addKeyCredentials(TestLogServer server) throws IOException {
        String pem = Files.readString(server.clientKey(), StandardCharsets.US_ASCII);
        SystemCredentialsProvider.getInstance().getCredentials().add(new BasicSSHUserPrivateKey(
                CredentialsScope.GLOBAL, KEY_CREDENTIALS, "deploy",
                new BasicSSHUserPrivateKey.DirectEntryPrivateKeySource(pem), null, "weblog test key"));
        SystemCredentialsProvider.getInstance().save();
    }

    /** The server as a host of a check: {@code 127.0.0.1:PORT}. */
    static String host(TestLogServer server) {
        return server.host() + ":" + server.port();
    }

    /** Ten healthy hits of the last minute, four of them the health check. */
    static List<String> healthy() {
        List<String> lines = new ArrayList<>();
        for (int i = 10; i > 0; i--) {
            lines.add(LogLines.secondsAgo(i * 5, 200, i % 2 == 0 ? "/health" : "/products/" + i));
        }
        return lines;
    }

    /** The healthy hits and two server errors, one linked from the cart. */
    static List<String> withServerErrors() {
        List<String> lines = new ArrayList<>(healthy());
        lines.add(LogLines.hit().at(java.time.OffsetDateTime.now().minusSeconds(2)).request("POST /checkout HTTP/1.1")
                .status(502).referrer("https://shop.example.com/cart").combined());
        lines.add(LogLines.secondsAgo(1, 503, "/api/stock"));
        return lines;
    }

    /** A check of the server with its key credentials and its host key pinned. */
    static WeblogVerifyStep check(TestLogServer server, String... rules) {
        WeblogVerifyStep check = new WeblogVerifyStep();
        check.setHosts(List.of(host(server)));
        check.setLog("access.log");
        check.setCredentialsId(KEY_CREDENTIALS);
        check.setHostKeyVerification(new PinnedHostKeyVerification(server.hostKeyFingerprint()));
        check.setRules(List.of(rules));
        return check;
    }
}
