package io.weblog.maven.it;

import io.weblog.CheckConfig;
import io.weblog.Weblog;
import io.weblog.check.CheckListener;
import io.weblog.report.Reports;
import io.weblog.server.ServerEvent;
import io.weblog.testing.LogLines;
import io.weblog.testing.OpenSshd;
import io.weblog.testing.TestKeys;
import io.weblog.testing.TestLogServer;
import io.weblog.testing.TestWebServer;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.opentest4j.TestAbortedException;

/**
 * What the maven-invoker-plugin's hook scripts in {@code src/it} call, so that each script is a few lines and the
 * work is in compiled, reviewed Java: real SSH servers started in the invoking JVM before a case's Maven build
 * (their ports and files handed to the build as user properties), stopped after it, and checks of what the build
 * wrote.
 *
 * <p>A pre-build script: {@code serve(basedir, context, 'web1', healthyLines())};
 * the POM then reads {@code ${it.web1.port}}, {@code ${it.web1.key}} and {@code ${it.knownHosts}}. The post-build
 * script calls {@link #stop(Map)} first.
 */
public final class InvokerFixtures {
    private static final String SERVERS = "weblog.servers";

    private InvokerFixtures() {
    }

    /** Ten healthy hits of the last minute: pages, the health check, a redirect. */
    public static List<String> healthyLines() {
        List<String> lines = new ArrayList<>();
        for (int i = 10; i > 0; i--) {
            lines.add(LogLines.secondsAgo(i * 5, i % 3 == 0 ? 301 : 200, i % 2 == 0 ? "/health" : "/products/" + i));
        }
        return lines;
    }

    /** The healthy lines and two server errors, one of them linked from the shop's cart. */
    public static List<String> linesWithServerErrors() {
        List<String> lines = new ArrayList<>(healthyLines());
        lines.add(LogLines.hit().at(OffsetDateTime.now().minusSeconds(3)).request("POST /checkout HTTP/1.1")
                .status(502).referrer("https://shop.example.com/cart").combined());
        lines.add(LogLines.secondsAgo(2, 503, "/api/stock"));
        return lines;
    }

    /**
     * An hour of traffic around a release, one hit every 5 seconds: the half hour before it with one server error in
     * 180 hits, the half hour from it on with {@code errorsAfter} spread over its 360.
     */
    public static List<String> aroundRelease(OffsetDateTime release, int errorsAfter) {
        List<String> lines = new ArrayList<>();
        for (int i = -360; i < 360; i++) {
            boolean error = i < 0 ? i % 180 == 0 : errorsAfter > 0 && i % (360 / errorsAfter) == 0;
            lines.add(LogLines.hit().at(release.plusSeconds(i * 5L)).get("/products/" + (i + 360))
                    .status(error ? 500 : 200).combined());
        }
        return lines;
    }

    /**
     * Starts a {@code weblog serve} on 127.0.0.1 serving {@code access.log} under {@code basedir/servers/name}, written
     * with the lines, and gives the build its address: user properties {@code it.NAME.port}, {@code it.NAME.key} (the
     * client key it lets in) and {@code it.knownHosts} (a known_hosts file trusting every server started so far).
     */
    public static void serve(File basedir, Map<String, Object> context, String name, List<String> lines)
            throws IOException {
        Path dir = Files.createDirectories(basedir.toPath().resolve("servers").resolve(name));
        Files.write(dir.resolve("access.log"), lines, StandardCharsets.UTF_8);
        TestLogServer server = TestLogServer.start(dir);
        servers(context).add(server);
        context.put(SERVERS + "." + name, server);
        Properties properties = userProperties(context);
        properties.setProperty("it." + name + ".port", Integer.toString(server.port()));
        properties.setProperty("it." + name + ".key", server.clientKey().toString());
        properties.setProperty("it." + name + ".log", server.log().toString());
        Path knownHosts = basedir.toPath().resolve("known_hosts");
        Files.writeString(knownHosts, Files.readString(server.knownHosts()), StandardCharsets.US_ASCII,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        properties.setProperty("it.knownHosts", knownHosts.toString());
    }

    /**
     * Starts a web server on 127.0.0.1 that logs each request it answers into the log of the server started as
     * {@code serverName}, and gives the build its address as the user property {@code it.NAME.web}: the server a
     * mark reaches.
     */
    public static void web(Map<String, Object> context, String serverName) {
        TestWebServer web = TestWebServer.start(server(context, serverName).log());
        servers(context).add(web);
        userProperties(context).setProperty("it." + serverName + ".web", web.url());
    }

    /**
     * Lets a key encrypted with the passphrase into the server: writes it to {@code basedir/encrypted_ed25519} and
     * gives its path as the user property {@code it.encryptedKey}.
     */
    public static void allowEncryptedKey(File basedir, Map<String, Object> context, String serverName,
            String passphrase) throws IOException {
        TestLogServer server = server(context, serverName);
        KeyPair key = TestKeys.ed25519();
        Path file = TestKeys.writeOpenSsh(key, basedir.toPath().resolve("encrypted_ed25519"), passphrase);
        Files.writeString(server.authorizedKeys(), TestKeys.authorizedKeysLine(key.getPublic()) + "\n",
                StandardCharsets.US_ASCII);
        userProperties(context).setProperty("it.encryptedKey", file.toString());
    }

    /**
     * Appends hits of the given statuses to the server's log one by one, each stamped when it is written, the first
     * {@code delay} after the build's check began following the log (however long Maven took to start) and then one
     * per {@code interval}, on a thread of its own, so that the following check sees them arrive.
     */
    public static void appendLater(Map<String, Object> context, String serverName, Duration delay, Duration interval,
            List<Integer> statuses) {
        TestLogServer server = server(context, serverName);
        Thread writer = new Thread(() -> {
            try {
                if (server.awaitEvent(ServerEvent.StreamStarted.class,
                        started -> started.command().startsWith("weblog-follow"), Duration.ofMinutes(2)).isEmpty()) {
                    return;
                }
                Thread.sleep(delay.toMillis());
                for (int status : statuses) {
                    server.append(LogLines.now(status, status >= 500 ? "/checkout" : "/products/1"));
                    Thread.sleep(interval.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "it-log-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Whether OpenSSH's sshd can run here (as root, with openssh-server installed); a case that needs it is skipped
     * where it cannot, except under {@code CI=true}, where this throws and the case fails.
     */
    public static boolean openSshAvailable() {
        try {
            OpenSshd.requireAvailable();
            return true;
        } catch (TestAbortedException e) {
            return false;
        }
    }

    /**
     * Starts an OpenSSH sshd on 127.0.0.1 with its test users and gives the build user properties {@code it.sshd.port},
     * {@code it.sshd.user}, {@code it.sshd.log} (a log with the lines) and {@code it.knownHosts}.
     */
    public static void sshd(File basedir, Map<String, Object> context, List<String> lines) throws IOException {
        OpenSshd sshd = OpenSshd.start(OpenSshd.Options.defaults());
        servers(context).add(sshd);
        Path log = sshd.writeLog("access.log", lines);
        Properties properties = userProperties(context);
        properties.setProperty("it.sshd.port", Integer.toString(sshd.port()));
        properties.setProperty("it.sshd.user", OpenSshd.USER);
        properties.setProperty("it.sshd.log", log.toString());
        Path knownHosts = basedir.toPath().resolve("known_hosts");
        Files.writeString(knownHosts, Files.readString(sshd.knownHosts()), StandardCharsets.US_ASCII,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        properties.setProperty("it.knownHosts", knownHosts.toString());
    }

    /** Writes a file under the case's directory, a line each, making its directory. */
    public static void write(File basedir, String path, List<String> lines) throws IOException {
        Path file = basedir.toPath().resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    /**
     * Writes the JSON, JUnit XML and HTML reports of a passing check under the case's directory, as an earlier build
     * would have left them.
     */
    public static void writeEarlierReports(File basedir, String directory) throws Exception {
        Path dir = basedir.toPath().resolve(directory);
        Path log = basedir.toPath().resolve("earlier.log");
        Files.write(log, healthyLines(), StandardCharsets.UTF_8);
        CheckConfig config = CheckConfig.builder().file(log.toString()).rule("status=5xx max=0")
                .reportJson(dir.resolve("weblog.json").toString())
                .reportJunit(dir.resolve("TEST-weblog.xml").toString())
                .reportHtml(dir.resolve("weblog.html").toString()).build();
        Reports.write(Weblog.verify(config, CheckListener.NONE), config.reports());
    }

    /** Passes a user property to the build. */
    public static void property(Map<String, Object> context, String name, String value) {
        userProperties(context).setProperty(name, value);
    }

    /** Stops every server the pre-build script started. */
    public static void stop(Map<String, Object> context) {
        for (AutoCloseable server : servers(context)) {
            try {
                server.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot stop " + server, e);
            }
        }
        servers(context).clear();
    }

    /** What the case's build printed. */
    public static String buildLog(File basedir) throws IOException {
        return Files.readString(basedir.toPath().resolve("build.log"), StandardCharsets.UTF_8);
    }

    /** Fails naming each text that the build's output lacks (the invoker prints the whole output after a failure). */
    public static void assertLogContains(String log, String... texts) {
        List<String> missing = Arrays.stream(texts).filter(text -> !log.contains(text)).toList();
        if (!missing.isEmpty()) {
            throw new AssertionError("build.log lacks: " + String.join(" | ", missing));
        }
    }

    /** Fails naming each text that the build's output holds but should not. */
    public static void assertLogLacks(String log, String... texts) {
        List<String> present = Arrays.stream(texts).filter(log::contains).toList();
        if (!present.isEmpty()) {
            throw new AssertionError("build.log holds: " + String.join(" | ", present));
        }
    }

    /** Fails when the build printed a Java stack trace, which a user's mistake must never bring. */
    public static void assertNoStackTrace(String log) {
        for (String line : log.lines().toList()) {
            if (line.matches("\\s*at [\\w$.]+ ?\\(.*\\)\\s*") || line.startsWith("Caused by: ")) {
                throw new AssertionError("build.log holds a stack trace: " + line);
            }
        }
    }

    /**
     * Checks that a JUnit XML report is valid against surefire's schema ({@code surefire-test-report-3.0.xsd}, which
     * Jenkins' junit step and other CI servers read), and returns its text.
     */
    public static String validJunitReport(File report) throws Exception {
        URL xsd = LogLines.class.getResource("/io/weblog/report/surefire-test-report-3.0.xsd");
        if (xsd == null) {
            throw new IllegalStateException("surefire's schema is not on the class path (weblog-common's test-jar)");
        }
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(xsd).newValidator()
                .validate(new StreamSource(report));
        return Files.readString(report.toPath(), StandardCharsets.UTF_8);
    }

    private static TestLogServer server(Map<String, Object> context, String name) {
        Object server = context.get(SERVERS + "." + name);
        if (!(server instanceof TestLogServer)) {
            throw new IllegalStateException("no server '" + name + "' was started");
        }
        return (TestLogServer) server;
    }

    @SuppressWarnings("unchecked")
    private static List<AutoCloseable> servers(Map<String, Object> context) {
        return (List<AutoCloseable>) context.computeIfAbsent(SERVERS, key -> new ArrayList<AutoCloseable>());
    }

    private static Properties userProperties(Map<String, Object> context) {
        Object properties = context.get("userProperties");
        if (!(properties instanceof Properties)) {
            throw new IllegalStateException("the invoker's context has no userProperties");
        }
        return (Properties) properties;
    }
}
