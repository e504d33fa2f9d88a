package io.weblog.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real nginx on loopback, started by tests to check the engine against the server whose log it reads: its own
 * prefix, configuration, pid file, error log and access log in a directory of the test's, one process (no daemon, no
 * master), stopped on {@link #close()}. The machine's own nginx configuration is never read or touched.
 *
 * <p>The access log is nginx's {@code combined} with {@code $request_time} appended ({@link #FORMAT}), written as each
 * request completes. {@code /health} and {@code /ok...} answer 200, {@code /boom} 500, {@code /unwell} 503, anything
 * else 404, and {@code /slow?ms=N} is passed to a backend in the test JVM that answers after N milliseconds, so that
 * {@code $request_time} holds real durations. With a clock offset nginx runs under libfaketime, so that its log is
 * stamped by a clock that far off, as a server whose clock is wrong stamps it.
 *
 * <p>Where nginx (or, for an offset, libfaketime) is missing the calling test is skipped, except on CI
 * ({@code CI=true}), where it fails: see {@link #requireAvailable(boolean)}.
 */
public final class Nginx implements AutoCloseable {
    /** The log format of the access log, as {@code --format} takes it. */
    public static final String FORMAT = "nginx:$remote_addr - $remote_user [$time_local] \"$request\" $status "
            + "$body_bytes_sent \"$http_referer\" \"$http_user_agent\" $request_time";
    private static final Path NGINX = Path.of("/usr/sbin/nginx");
    private static final Path FAKETIME = Path.of("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final int START_ATTEMPTS = 5;

    private final Path dir;
    private final Process process;
    private final int port;
    private final HttpServer backend;
    private final HttpClient client = HttpClient.newHttpClient();

    private Nginx(Path dir, Process process, int port, HttpServer backend) {
        this.dir = dir;
        this.process = process;
        this.port = port;
        this.backend = backend;
    }

    /** Starts nginx with the machine's clock, in {@code dir}. */
    public static Nginx start(Path dir) {
        return start(dir, Duration.ZERO);
    }

    /**
     * Starts nginx in {@code dir} with its clock {@code clockOffset} off (negative: behind), as the times in its log
     * show.
     */
    public static Nginx start(Path dir, Duration clockOffset) {
        requireAvailable(!clockOffset.isZero());
        HttpServer backend = null;
        try {
            Files.createDirectories(dir.resolve("tmp"));
            backend = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            backend.setExecutor(Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "nginx-test-backend");
                thread.setDaemon(true);
                return thread;
            }));
            backend.createContext("/", Nginx::slowly);
            backend.start();
            IOException lastFailure = null;
            for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
                int port = freePort();
                Path config = writeConfig(dir, port, backend.getAddress().getPort());
                ProcessBuilder builder = new ProcessBuilder(NGINX.toString(), "-p", dir.toString(), "-c",
                        config.toString(), "-e", dir.resolve("error.log").toString())
                        .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile());
                if (!clockOffset.isZero()) {
                    builder.environment().put("LD_PRELOAD", FAKETIME.toString());
                    builder.environment().put("FAKETIME", offset(clockOffset));
                }
                Process process = builder.start();
                try {
                    awaitListening(process, port, dir);
                    return new Nginx(dir, process, port, backend);
                } catch (IOException e) {
                    stop(process);
                    lastFailure = e;
                }
            }
            throw new IllegalStateException("nginx did not start in " + START_ATTEMPTS + " attempts", lastFailure);
        } catch (IOException e) {
            if (backend != null) {
                backend.stop(0);
            }
            throw new UncheckedIOException("cannot start nginx", e);
        } catch (RuntimeException e) {
            if (backend != null) {
                backend.stop(0);
            }
            throw e;
        }
    }

    /**
     * Whether this machine can run nginx (and libfaketime, for a clock offset). If not, the calling test is skipped
     * through a JUnit assumption naming what is missing, except when the environment variable {@code CI} is
     * {@code true}: there the tests must run, so it throws {@link IllegalStateException}.
     */
    public static void requireAvailable(boolean withClockOffset) {
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(NGINX)) {
            missing.add(NGINX + " (Debian package nginx)");
        }
        if (withClockOffset && !Files.isReadable(FAKETIME)) {
            missing.add(FAKETIME + " (Debian package faketime)");
        }
        if (missing.isEmpty()) {
            return;
        }
        String message = "the nginx tests need " + String.join(", ", missing) + "; .ci/run installs them";
        if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException(message + ". CI=true: these tests must run here, not be skipped");
        }
        Assumptions.assumeTrue(false, message);
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The access log nginx writes. */
    public Path log() {
        return dir.resolve("access.log");
    }

    /** The access log's lines so far. */
    public List<String> logLines() {
        try {
            return Files.readAllLines(log());
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends a GET for the path and waits for the answer (nginx logs a request as it completes, before the next one
     * this client sends).
     *
     * @return the status
     */
    public int get(String pathAndQuery) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create(url() + pathAndQuery)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops nginx and the backend. */
    @Override
    public void close() {
        stop(process);
        backend.stop(0);
    }

    /** The backend of {@code /slow}: answers 200 after {@code ms} milliseconds. */
    private static void slowly(HttpExchange exchange) throws IOException {
        Map<String, String> query = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    query.put(pair.substring(0, equals), pair.substring(equals + 1));
                }
            }
        }
        try {
            Thread.sleep(Long.parseLong(query.getOrDefault("ms", "0")));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        byte[] body = "slow\n".getBytes(StandardCharsets.US_ASCII);
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    /** libfaketime's relative offset: {@code -7200s}. */
    private static String offset(Duration offset) {
        return (offset.isNegative() ? "-" : "+") + offset.abs().toSeconds() + "s";
    }

    private static Path writeConfig(Path dir, int port, int backendPort) throws IOException {
        String tmp = dir.resolve("tmp").toString();
        String config = """
                daemon off;
                master_process off;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 256; }
                http {
                    log_format timed '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent '
                                     '"$http_referer" "$http_user_agent" $request_time';
                    access_log %1$s/access.log timed;
                    client_body_temp_path %2$s/body;
                    proxy_temp_path %2$s/proxy;
                    fastcgi_temp_path %2$s/fastcgi;
                    uwsgi_temp_path %2$s/uwsgi;
                    scgi_temp_path %2$s/scgi;
                    server {
                        listen 127.0.0.1:%3$d;
                        location = /health { return 200 "ok\\n"; }
                        location ^~ /ok { return 200 "ok\\n"; }
                        location = /boom { return 500; }
                        location = /unwell { return 503; }
                        location = /slow { proxy_pass http://127.0.0.1:%4$d; }
                        location / { return 404; }
                    }
                }
                """.formatted(dir, tmp, port, backendPort);
        Path file = dir.resolve("nginx.conf");
        Files.writeString(file, config);
        return file;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Waits until nginx accepts connections; fails with its error log if it exits first. */
    private static void awaitListening(Process process, int port, Path dir) throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IOException("nginx exited with " + process.exitValue() + ": " + errors(dir));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
                return;
            } catch (IOException e) {
                if (System.nanoTime() - deadline >= 0) {
                    throw new IOException("nginx did not listen on port " + port + " within "
                            + START_TIMEOUT.toSeconds() + " s: " + errors(dir), e);
                }
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while nginx started", e);
            }
        }
    }

    private static String errors(Path dir) {
        StringBuilder out = new StringBuilder();
        for (String name : List.of("nginx.out", "error.log")) {
            try {
                out.append(Files.readString(dir.resolve(name)).strip()).append(' ');
            } catch (IOException e) {
                // Not written yet: nothing to add.
            }
        }
        return out.toString().strip();
    }

    /** SIGTERM (nginx's fast shutdown), SIGKILL if it has not ended within 5 s. */
    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
