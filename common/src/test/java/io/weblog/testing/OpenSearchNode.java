package io.weblog.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A real OpenSearch node on 127.0.0.1 for the log-store tests: OpenSearch's test runner (from Maven Central, class
 * path resolved by the {@code opensearch-test-node} module) started in a JVM of its own from a JDK of version 21 or
 * newer (OpenSearch 3 needs it; weblog stays on 17), with its data in a temporary directory. One node serves every
 * test class of a test run (JUnit's root store closes it at the end); it also stops when this JVM ends, as its
 * standard input closes. Where it cannot start the tests are skipped with the reason, unless {@code CI=true}, where
 * they fail.
 *
 * <p>Use it with {@code @ExtendWith(OpenSearchNode.Resolver.class)} and an {@code OpenSearchNode} parameter.
 */
public final class OpenSearchNode implements AutoCloseable {
    /** The index template that maps {@code logs-weblog-*} with explicit ECS types. */
    public static final String ECS_TEMPLATE = """
            {"index_patterns": ["logs-weblog-*"],
             "template": {
               "settings": {"number_of_shards": 1, "number_of_replicas": 0, "refresh_interval": "1s"},
               "mappings": {"dynamic": "strict", "properties": {
                 "@timestamp": {"type": "date"},
                 "message": {"type": "text"},
                 "event": {"properties": {"duration": {"type": "long"}, "original": {"type": "keyword"}}},
                 "host": {"properties": {"name": {"type": "keyword"}}},
                 "source": {"properties": {"ip": {"type": "ip"}}},
                 "user": {"properties": {"name": {"type": "keyword"}}},
                 "user_agent": {"properties": {"original": {"type": "keyword"}}},
                 "url": {"properties": {"original": {"type": "keyword"}, "path": {"type": "keyword"},
                   "query": {"type": "keyword"}, "domain": {"type": "keyword"}}},
                 "http": {"properties": {
                   "version": {"type": "keyword"},
                   "request": {"properties": {"method": {"type": "keyword"}, "referrer": {"type": "keyword"}}},
                   "response": {"properties": {"status_code": {"type": "long"},
                     "body": {"properties": {"bytes": {"type": "long"}}}}}}}}}}}
            """;

    private static final String KEY = OpenSearchNode.class.getName();
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final Process process;
    private final Path directory;
    private final int port;
    private final Duration startup;
    private final HttpClient http = HttpClient.newHttpClient();

    private OpenSearchNode(Process process, Path directory, int port, Duration startup) {
        this.process = process;
        this.directory = directory;
        this.port = port;
        this.startup = startup;
    }

    /** Injects the run's node into test methods and constructors, starting it on first use. */
    public static final class Resolver implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == OpenSearchNode.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            ExtensionContext.Store store = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL);
            Object node = store.getOrComputeIfAbsent(KEY, key -> start());
            if (node instanceof String reason) {
                if ("true".equals(System.getenv("CI"))) {
                    throw new IllegalStateException("CI=true and no OpenSearch node: " + reason);
                }
                Assumptions.abort("no OpenSearch node: " + reason);
            }
            return node;
        }
    }

    /** The node's URL, {@code http://127.0.0.1:PORT}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The node's HTTP port. */
    public int port() {
        return port;
    }

    /** How long the node took to start. */
    public Duration startup() {
        return startup;
    }

    /** Sends a request; the answer's body, or an exception with it when the status is not 2xx. */
    public String send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofMinutes(2));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", path.contains("_bulk") ? "application/x-ndjson" : "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(method + " " + path + ": HTTP " + response.statusCode() + " "
                        + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Creates an index the ECS template maps (its name starts with {@code logs-weblog-}); drops an old one. */
    public void createEcsIndex(String index) {
        if (!index.startsWith("logs-weblog-")) {
            throw new IllegalArgumentException("the ECS template maps logs-weblog-*, not " + index);
        }
        deleteIndex(index);
        send("PUT", "/" + index, "{}");
    }

    /** Creates an index with mappings of its own; drops an old one. */
    public void createIndex(String index, String mappings) {
        deleteIndex(index);
        send("PUT", "/" + index, "{\"settings\": {\"number_of_shards\": 1, \"number_of_replicas\": 0}, "
                + "\"mappings\": " + mappings + "}");
    }

    /** Drops an index if it exists. */
    public void deleteIndex(String index) {
        try {
            send("DELETE", "/" + index + "?ignore_unavailable=true", null);
        } catch (IllegalStateException e) {
            if (!e.getMessage().contains("404")) {
                throw e;
            }
        }
    }

    /**
     * Indexes documents through the bulk API, a few thousand a request, and makes them searchable before it returns
     * when {@code refresh}; fails on any document the store rejects.
     */
    public void bulk(String index, List<String> documents, boolean refresh) {
        int batch = 5000;
        for (int from = 0; from < documents.size(); from += batch) {
            StringBuilder body = new StringBuilder();
            for (String document : documents.subList(from, Math.min(documents.size(), from + batch))) {
                body.append("{\"index\":{}}\n").append(document).append('\n');
            }
            String answer = send("POST", "/" + index + "/_bulk" + (refresh ? "?refresh=wait_for" : ""),
                    body.toString());
            if (answer.contains("\"errors\":true")) {
                int at = answer.indexOf("\"error\"");
                throw new IllegalStateException("the store rejected documents: "
                        + answer.substring(at, Math.min(answer.length(), at + 600)));
            }
        }
    }

    /** Makes everything indexed searchable. */
    public void refresh(String index) {
        send("POST", "/" + index + "/_refresh", null);
    }

    /** Stops the node and deletes its data. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
        }
        deleteTree(directory);
    }

    /** Starts the node; a reason in a String when it cannot. */
    private static Object start() {
        Path module = moduleDirectory();
        Path classpath = module.resolve("target/classpath.txt");
        Path launcher = module.resolve("src/launcher/OpenSearchTestNode.java");
        if (!Files.isRegularFile(classpath)) {
            return "no " + classpath + ": build the module opensearch-test-node first (./mvnw -B verify builds it "
                    + "before common)";
        }
        Path java = java21();
        if (java == null) {
            return "no JDK 21 or newer under /usr/lib/jvm and none in WEBLOG_OPENSEARCH_JAVA (OpenSearch 3 needs "
                    + "one to run)";
        }
        Path directory = null;
        try {
            directory = Files.createTempDirectory("weblog-opensearch-");
            int http = freePort();
            int transport = freePort();
            long started = System.nanoTime();
            Process process = new ProcessBuilder(java.toString(), "-Xms384m", "-Xmx384m", "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true", "-cp",
                    Files.readString(classpath).strip(), launcher.toString(), directory.resolve("node").toString(),
                    Integer.toString(http), Integer.toString(transport))
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("node.log").toFile())
                    .start();
            Path ready = directory.resolve("node").resolve("ready");
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (!Files.exists(ready)) {
                if (!process.isAlive()) {
                    return "the node ended while starting: " + tail(directory.resolve("node.log"));
                }
                if (System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    return "the node did not start within " + START_TIMEOUT.toSeconds() + " s: "
                            + tail(directory.resolve("node.log"));
                }
                Thread.sleep(100);
            }
            OpenSearchNode node = new OpenSearchNode(process, directory, http,
                    Duration.ofNanos(System.nanoTime() - started));
            node.send("PUT", "/_index_template/weblog-ecs", ECS_TEMPLATE);
            Files.writeString(Path.of("target", "opensearch-node-startup.txt"), "OpenSearch node started in "
                    + node.startup.toMillis() + " ms\n");
            return node;
        } catch (IOException e) {
            return "cannot start the node: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while starting the node";
        }
    }

    private static Path moduleDirectory() {
        String configured = System.getProperty("weblog.opensearch.node");
        if (configured != null) {
            return Path.of(configured);
        }
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            Path module = dir.resolve("opensearch-test-node");
            if (Files.isDirectory(module)) {
                return module;
            }
        }
        return here.resolve("opensearch-test-node");
    }

    /** A JDK of version 21 or newer: WEBLOG_OPENSEARCH_JAVA, else the newest under /usr/lib/jvm. */
    private static Path java21() {
        String configured = System.getenv("WEBLOG_OPENSEARCH_JAVA");
        if (configured != null && !configured.isBlank()) {
            Path java = Path.of(configured);
            return Files.isDirectory(java) ? java.resolve("bin/java") : java;
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return null;
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(home -> majorVersion(home) >= 21 && Files.isExecutable(home.resolve("bin/java")))
                    .max(Comparator.comparingInt(OpenSearchNode::majorVersion))
                    .map(home -> home.resolve("bin/java")).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static int majorVersion(Path home) {
        try {
            for (String line : Files.readAllLines(home.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String version = line.substring(line.indexOf('"') + 1);
                    return Integer.parseInt(version.split("[.\"]")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            List<Path> all = new ArrayList<>(paths.toList());
            all.sort(Comparator.reverseOrder());
            for (Path path : all) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // A temporary directory left behind is removed with the rest of /tmp.
        }
    }
}
