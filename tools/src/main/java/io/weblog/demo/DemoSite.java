package io.weblog.demo;

import io.weblog.ConfigException;
import io.weblog.Setting;
import io.weblog.format.Field;
import io.weblog.format.LogFormat;
import io.weblog.format.LogFormats;
import io.weblog.format.ParsedLine;
import io.weblog.generate.LogGenerator;
import io.weblog.rule.Selector;
import io.weblog.server.LogServer;
import io.weblog.source.ssh.KeyFiles;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A web shop to try weblog on, with nothing to set up: a live access log written as traffic happens (two minutes of
 * healthy history first), served by an embedded {@code weblog serve} on 127.0.0.1 with a fresh key pair and
 * known_hosts, all in a temporary directory removed on close. The shop also answers real HTTP requests on 127.0.0.1
 * ({@link #url()}) and logs them beside its simulated traffic, so that a check can mark its window with one.
 * {@link #deploy()} then ships a bad release: a broken internal link and, two seconds later, a burst of server errors.
 */
public final class DemoSite implements AutoCloseable {
    /** The shop's host name in referrers. */
    public static final String SITE = "shop.example.com";
    /** The page the bad release links to, which does not exist. */
    public static final String BROKEN_PATH = "/products/old-red-shoes";

    private static final double HITS_PER_SECOND = 40;
    private static final Duration HISTORY = Duration.ofMinutes(2);
    private static final DateTimeFormatter CLF = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT);

    private final Path directory;
    private final Path log;
    private final Path identity;
    private final Path knownHosts;
    private final LogServer server;
    private final HttpServer web;
    private final OutputStream out;
    private final Thread writer;
    private final Selector serverErrors;
    private final Selector brokenLinks;
    private final LogFormat.LineParser parser = LogFormats.combined().newParser();
    private final ParsedLine parsed = new ParsedLine();
    private volatile LogGenerator traffic;
    private volatile boolean deployed;
    private volatile boolean closed;

    private DemoSite(Path directory) throws IOException, ConfigException {
        this.directory = directory;
        this.log = directory.resolve("access.log");
        this.identity = directory.resolve("id_ed25519");
        this.knownHosts = directory.resolve("known_hosts");
        this.serverErrors = Selector.parse("status=5xx", Setting.SELECT);
        this.brokenLinks = Selector.parse("status=404 referrer^=https://" + SITE + "/", Setting.SELECT);
        KeyPair key = KeyFiles.generate();
        KeyFiles.writePrivateKey(key, identity);
        Path authorizedKeys = Files.writeString(directory.resolve("authorized_keys"),
                KeyFiles.publicKeyLine(key.getPublic()) + " demo\n");
        Instant now = Instant.now();
        writeHistory(now);
        this.out = Files.newOutputStream(log, StandardOpenOption.APPEND);
        this.traffic = LogGenerator.builder().seed(2).start(now).hitsPerSecond(HITS_PER_SECOND).anomalies(false)
                .site(SITE).build();
        this.server = LogServer.builder().log(log).bind("127.0.0.1").port(0).authorizedKeys(authorizedKeys)
                .hostKey(directory.resolve("ssh_host_ed25519_key")).build();
        server.start();
        Files.writeString(knownHosts, "[127.0.0.1]:" + server.port() + " "
                + KeyFiles.publicKeyLine(server.hostKey()) + "\n");
        this.web = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        web.createContext("/", this::answer);
        web.start();
        this.writer = new Thread(this::writeLive, "weblog-demo-traffic");
        writer.setDaemon(true);
        writer.start();
    }

    /** Starts the site in a new temporary directory. */
    public static DemoSite start() throws IOException {
        Path directory = Files.createTempDirectory("weblog-demo-");
        try {
            return new DemoSite(directory);
        } catch (IOException | ConfigException | RuntimeException e) {
            delete(directory);
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
    }

    /** Where weblog connects: {@code demo@127.0.0.1:<port>}. */
    public String host() {
        return "demo@127.0.0.1:" + server.port();
    }

    /** The shop's own address for real requests: {@code http://127.0.0.1:<port>}. */
    public String url() {
        return "http://127.0.0.1:" + web.getAddress().getPort();
    }

    /** The access log. */
    public Path log() {
        return log;
    }

    /** The private key weblog logs in with. */
    public Path identity() {
        return identity;
    }

    /** A known_hosts file holding the server's key, so that its key is checked as usual. */
    public Path knownHosts() {
        return knownHosts;
    }

    /** The server's host key fingerprint. */
    public String hostKeyFingerprint() {
        return server.hostKeyFingerprint();
    }

    /**
     * Ships the bad release: from now on one hit in a hundred follows a link to {@link #BROKEN_PATH} from an internal
     * page, and two seconds from now three hits in ten fail with a server error, for ten seconds.
     */
    public void deploy() {
        Instant now = Instant.now();
        traffic = LogGenerator.builder().seed(3).start(now).hitsPerSecond(HITS_PER_SECOND).anomalies(false).site(SITE)
                .brokenLink(BROKEN_PATH, "/category/shoes", 0.01)
                .serverErrorBurst(now.plusSeconds(2), Duration.ofSeconds(10), 0.3).build();
        deployed = true;
    }

    private void writeHistory(Instant now) throws IOException {
        LogGenerator history = LogGenerator.builder().seed(1).start(now.minus(HISTORY))
                .hitsPerSecond(HITS_PER_SECOND).anomalies(false).site(SITE).build();
        try (OutputStream out = Files.newOutputStream(log)) {
            while (history.clock().isBefore(now)) {
                byte[] line = history.nextLine();
                if (isHealthy(line)) {
                    out.write(line);
                    out.write('\n');
                }
            }
        }
    }

    /** Before the release, the shop is healthy: the generator's occasional server errors and broken links are left out. */
    private boolean isHealthy(byte[] line) {
        return parser.parse(line, 0, line.length, parsed) && !serverErrors.matches(parsed)
                && !brokenLinks.matches(parsed);
    }

    /** After the release, the errors are the release's own: its broken link and its burst of server errors. */
    private boolean isRelease(byte[] line) {
        return parser.parse(line, 0, line.length, parsed)
                && (!brokenLinks.matches(parsed) || BROKEN_PATH.equals(parsed.text(Field.PATH)));
    }

    private void writeLive() {
        try {
            while (!closed) {
                LogGenerator generator = traffic;
                while (generator == traffic && !generator.clock().isAfter(Instant.now())) {
                    byte[] line = generator.nextLine();
                    if (deployed ? isRelease(line) : isHealthy(line)) {
                        append(line);
                    }
                }
                Thread.sleep(50);
            }
        } catch (IOException | InterruptedException e) {
            closed = true;
        }
    }

    /** Writes one line of the log whole, from the traffic or from a real request. */
    private synchronized void append(byte[] line) throws IOException {
        byte[] whole = Arrays.copyOf(line, line.length + 1);
        whole[line.length] = '\n';
        out.write(whole);
    }

    /** A request or user agent as Apache logs it between quotes: backslashes and quotes escaped. */
    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** Answers a real request as the shop would, and logs it: the health check and pages are there, the rest not. */
    private void answer(HttpExchange exchange) throws IOException {
        URI target = exchange.getRequestURI();
        String path = target.getRawPath();
        int status = path.equals("/") || path.equals("/health") || path.startsWith("/products/")
                && !path.equals(BROKEN_PATH) ? 200 : 404;
        String agent = exchange.getRequestHeaders().getFirst("User-Agent");
        String request = exchange.getRequestMethod() + " " + path
                + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery()) + " HTTP/1.1";
        String line = "127.0.0.1 - - [" + CLF.format(OffsetDateTime.now(ZoneOffset.UTC)) + "] \""
                + escape(request) + "\" " + status + " 0 \"-\" \""
                + (agent == null ? "-" : escape(agent)) + "\"";
        if (!closed) {
            append(line.getBytes(StandardCharsets.UTF_8));
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    /** Stops the traffic and the server and removes the directory. */
    @Override
    public void close() {
        closed = true;
        writer.interrupt();
        web.stop(0);
        server.close();
        synchronized (this) {
            try {
                out.close();
            } catch (IOException ignored) {
                // Nothing is written any more; the directory goes next.
            }
        }
        delete(directory);
    }

    private static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // A temporary directory left behind is removed by the system in time.
        }
    }
}
