package io.weblog.check;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP client that sends a check's marks, shared by its sources and closed with them: its threads are the check's
 * own, daemon threads, and stop when the check ends, also in a long-lived Maven or Jenkins JVM.
 */
final class MarkClient implements AutoCloseable {
    private final ExecutorService threads;
    private final HttpClient client;

    MarkClient(Duration connectTimeout) {
        AtomicInteger number = new AtomicInteger();
        threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "weblog-mark-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        client = HttpClient.newBuilder().executor(threads).connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Sends the request, discarding the answer's body. */
    CompletableFuture<HttpResponse<Void>> send(HttpRequest request) {
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding());
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
