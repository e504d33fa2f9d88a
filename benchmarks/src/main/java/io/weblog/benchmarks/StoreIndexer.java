package io.weblog.benchmarks;

import io.weblog.format.LogFormat;
import io.weblog.format.LogFormats;
import io.weblog.format.ParsedLine;
import io.weblog.testing.EcsDocuments;
import java.io.BufferedReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Indexes an access log into a log store as ECS documents through the bulk API, for {@code bench/store-compare.sh}:
 * {@code StoreIndexer URL INDEX FILE FORMAT HOSTS} (each line goes to one of HOSTS host names in turn).
 */
public final class StoreIndexer {
    private static final int BATCH = 10_000;

    private StoreIndexer() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String index = args[1];
        Path file = Path.of(args[2]);
        LogFormat format = LogFormats.parse(args[3]);
        int hosts = Integer.parseInt(args[4]);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ExecutorService senders = Executors.newFixedThreadPool(2);
        Semaphore inFlight = new Semaphore(3);
        AtomicReference<String> failure = new AtomicReference<>();
        LogFormat.LineParser parser = format.newParser();
        ParsedLine parsed = new ParsedLine();
        long lines = 0;
        long started = System.nanoTime();
        StringBuilder body = new StringBuilder();
        int inBatch = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
                if (!parser.parse(bytes, 0, bytes.length, parsed)) {
                    continue;
                }
                body.append("{\"index\":{}}\n").append(EcsDocuments.of(parsed.toHit("-", 0, 0),
                        "web" + (lines % hosts + 1))).append('\n');
                lines++;
                if (++inBatch == BATCH) {
                    send(http, url, index, body.toString(), senders, inFlight, failure);
                    body.setLength(0);
                    inBatch = 0;
                }
                if (lines % 1_000_000 == 0) {
                    System.err.printf("%,d documents, %.0f s%n", lines, (System.nanoTime() - started) / 1e9);
                }
            }
        }
        if (inBatch > 0) {
            send(http, url, index, body.toString(), senders, inFlight, failure);
        }
        senders.shutdown();
        senders.awaitTermination(1, TimeUnit.HOURS);
        if (failure.get() != null) {
            throw new IllegalStateException(failure.get());
        }
        System.err.printf("indexed %,d documents in %.0f s%n", lines, (System.nanoTime() - started) / 1e9);
    }

    private static void send(HttpClient http, String url, String index, String body, ExecutorService senders,
            Semaphore inFlight, AtomicReference<String> failure) throws InterruptedException {
        inFlight.acquire();
        senders.execute(() -> {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + "/" + index
                        + "/_bulk")).header("Content-Type", "application/x-ndjson")
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200 || response.body().contains("\"errors\":true")) {
                    int at = response.body().indexOf("\"error\"");
                    failure.compareAndSet(null, "bulk: HTTP " + response.statusCode() + " "
                            + response.body().substring(Math.max(0, at), Math.min(response.body().length(),
                            Math.max(0, at) + 500)));
                }
            } catch (Exception e) {
                failure.compareAndSet(null, e.toString());
            } finally {
                inFlight.release();
            }
        });
    }
}
