package io.weblog.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A web server on 127.0.0.1 that writes an access log in the combined format, one line per request (before it
 * answers, so that a test that got the answer finds the line): {@code /health} answers 200, {@code /boom} 500, anything else 404 unless it starts with
 * {@code /ok}. For tests of marks, whose lines a real request must produce.
 */
public final class TestWebServer implements AutoCloseable {
    private final HttpServer server;
    private final Path log;
    private final HttpClient client = HttpClient.newHttpClient();
    private final AtomicInteger requests = new AtomicInteger();
    private final Duration clockOffset;

    private TestWebServer(Path log, Duration clockOffset) throws IOException {
        this.log = log;
        this.clockOffset = clockOffset;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    /** Starts a server that appends to {@code log}. */
    public static TestWebServer start(Path log) {
        return start(log, Duration.ZERO);
    }

    /** Starts a server whose clock is {@code clockOffset} off (negative: behind), as its lines' times show. */
    public static TestWebServer start(Path log, Duration clockOffset) {
        try {
            return new TestWebServer(log, clockOffset);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** How many requests it answered. */
    public int requests() {
        return requests.get();
    }

    /** Sends a GET for the path and waits for the answer (and so for its line). */
    public void get(String path) {
        try {
            client.send(HttpRequest.newBuilder(URI.create(url() + path)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        int status = path.equals("/health") || path.startsWith("/ok") ? 200 : path.equals("/boom") ? 500 : 404;
        String agent = exchange.getRequestHeaders().getFirst("User-Agent");
        String line = LogLines.hit().at(OffsetDateTime.now(ZoneOffset.UTC).plus(clockOffset))
                .request(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath()
                        + (exchange.getRequestURI().getRawQuery() == null ? ""
                                : "?" + exchange.getRequestURI().getRawQuery()) + " HTTP/1.1")
                .status(status).agent(agent == null ? "-" : agent).combined();
        synchronized (this) {
            TempLogs.append(log, line);
        }
        requests.incrementAndGet();
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
