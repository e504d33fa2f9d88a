package io.weblog.source.store;

import io.weblog.check.EndReason;
import io.weblog.source.LineSplitter;
import io.weblog.source.LogReader;
import io.weblog.source.ReadControl;
import io.weblog.source.SourceException;
import io.weblog.window.Durations;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a store's documents in time order and hands each to the check as one line: the document's fields as the
 * search returns them (a JSON object the store's JSON log format reads), or, where only the raw line was shipped, that
 * line.
 *
 * <p>A window is read in slices of time, each page after the last with {@code search_after} on the time and a
 * tiebreaker: within a point in time where the store has one (OpenSearch 2.4, Elasticsearch 7.10 and later), so a
 * slice is read as it was when reading began, nothing twice and nothing skipped; else by the time and the document's
 * id. Following reads the next slice every half second, up to {@link StoreSettings#lag()} before the clock, since a
 * store holds a document only once it was shipped and refreshed; and the window ends once the store has had that long
 * past its end, and holds a document of the source stamped after it (or another lag has passed).
 */
final class StoreReader implements LogReader {
    private static final int PAGE = 5000;
    private static final long POLL_MILLIS = 500;
    private static final String KEEP_ALIVE = "2m";
    private static final byte[] NO_FIELDS = "{}".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NEWLINE = {'\n'};

    private final StoreSource source;
    private final StoreClient client;
    private final StoreSettings settings;
    private long documentsRead;

    StoreReader(StoreSource source, StoreClient client) {
        this.source = source;
        this.client = client;
        this.settings = source.settings();
    }

    @Override
    public EndReason read(LineSplitter splitter, ReadControl control) throws SourceException, InterruptedException {
        StoreClient.StoreInfo info = client.info();
        if (source.types() == null) {
            StoreMapping.read(client, settings);
        }
        control.connected(info.describe() + " at " + settings.displayUrl() + ", " + settings.login().describe()
                + "; " + (source.how() == null ? "reading the documents in time order" : source.how()));
        Instant since = control.since();
        if (control.followUntil() == null) {
            return readSlice(splitter, control, info, since, control.until()) ? EndReason.END_OF_INPUT
                    : stopped(splitter, control);
        }
        return follow(splitter, control, info, since != null ? since : Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    private EndReason follow(LineSplitter splitter, ReadControl control, StoreClient.StoreInfo info, Instant from)
            throws SourceException, InterruptedException {
        Instant cursor = from;
        Duration lag = settings.lag();
        Instant windowStart = cursor;
        while (true) {
            if (control.cancelled()) {
                return EndReason.CANCELLED;
            }
            Instant end = control.followUntil();
            Instant horizon = Instant.now().minus(lag).truncatedTo(ChronoUnit.MILLIS);
            if (!horizon.isBefore(end)) {
                waitUntilCaughtUp(control, end);
                if (!readSlice(splitter, control, info, cursor, end)) {
                    return stopped(splitter, control);
                }
                warnOfLateDocuments(control, windowStart, end);
                return EndReason.WINDOW_ENDED;
            }
            if (horizon.isAfter(cursor)) {
                if (!readSlice(splitter, control, info, cursor, horizon)) {
                    return stopped(splitter, control);
                }
                cursor = horizon;
            }
            if (!control.idle()) {
                return EndReason.STOP_HIT;
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    private static EndReason stopped(LineSplitter splitter, ReadControl control) {
        return control.cancelled() && !splitter.stopped() ? EndReason.CANCELLED : EndReason.STOP_HIT;
    }

    /**
     * Waits until the store holds a document of this source stamped at or after the window's end, at most one more
     * lag: a shipper that is behind has then had its time, and the check says what it did not get.
     */
    private void waitUntilCaughtUp(ReadControl control, Instant end) throws SourceException, InterruptedException {
        long deadline = System.nanoTime() + settings.lag().toNanos();
        while (count(client, settings, source.host(), end, null) == 0) {
            if (System.nanoTime() > deadline || control.cancelled()) {
                control.warn("the store holds no document of this source stamped after the window's end ("
                        + end.truncatedTo(ChronoUnit.SECONDS) + "), " + Durations.format(settings.lag().multipliedBy(
                        2)) + " after it: if the server logged more, its documents had not reached the store yet");
                return;
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** Tells how many documents of the followed window reached the store too late to be read in time order. */
    private void warnOfLateDocuments(ReadControl control, Instant start, Instant end)
            throws SourceException, InterruptedException {
        long now = count(client, settings, source.host(), start, end);
        if (now > documentsRead) {
            control.warn(String.format(java.util.Locale.ROOT, "%,d documents stamped in the window reached the "
                    + "store more than %s after their time and were not judged; allow more with a longer lag",
                    now - documentsRead, Durations.format(settings.lag())));
        }
    }

    /**
     * Reads the documents stamped from {@code from} until {@code to} (either open) in time order.
     *
     * @return {@code false} when the check wants no more
     */
    private boolean readSlice(LineSplitter splitter, ReadControl control, StoreClient.StoreInfo info, Instant from,
            Instant to) throws SourceException, InterruptedException {
        Map<String, Object> query = query(settings, source.host(), from, to);
        String pit = info.hasPointInTime() ? openPointInTime(info) : null;
        try {
            List<Object> after = null;
            while (true) {
                if (control.cancelled()) {
                    return false;
                }
                Map<String, Object> body = Json.object("size", PAGE, "query", query, "_source", false,
                        "fields", settings.fields().allNames(), "track_total_hits", false);
                String time = settings.fields().time();
                if (pit != null) {
                    body.put("sort", List.of(Json.object(time, "asc"), Json.object("_shard_doc", "asc")));
                    body.put("pit", Json.object("id", pit, "keep_alive", KEEP_ALIVE));
                } else {
                    body.put("sort", List.of(Json.object(time, "asc"), Json.object("_id", "asc")));
                }
                if (after != null) {
                    body.put("search_after", after);
                }
                Object page = client.send("POST", pit != null ? "/_search"
                        : "/" + StoreClient.encode(settings.index()) + "/_search", body);
                List<?> hits = Json.arrayAt(page, "hits", "hits");
                for (Object hit : hits) {
                    documentsRead++;
                    if (!feed(splitter, hit)) {
                        return false;
                    }
                }
                control.progress(splitter.bytes(), splitter.lines());
                if (hits.size() < PAGE) {
                    return true;
                }
                List<?> sort = Json.arrayAt(hits.get(hits.size() - 1), "sort");
                after = new ArrayList<>(sort);
                Object newPit = Json.at(page, "pit_id");
                if (newPit instanceof String id) {
                    pit = id;
                }
            }
        } finally {
            if (pit != null) {
                closePointInTime(info, pit);
            }
        }
    }

    /** Hands one document to the check as a line; {@code false} when the check wants no more. */
    private boolean feed(LineSplitter splitter, Object hit) {
        Object fields = Json.at(hit, "fields");
        String lineField = settings.fields().line();
        if (lineField != null) {
            Object value = Json.at(fields, lineField);
            if (value instanceof List<?> list && !list.isEmpty()) {
                value = list.get(0);
            }
            String line = value == null ? "" : value.toString().replace('\n', ' ').replace('\r', ' ');
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            return splitter.feed(bytes, 0, bytes.length) && splitter.feed(NEWLINE, 0, 1);
        }
        if (fields instanceof Json.JsonObject object) {
            return splitter.feed(object.source(), object.rawStart(), object.rawEnd() - object.rawStart())
                    && splitter.feed(NEWLINE, 0, 1);
        }
        return splitter.feed(NO_FIELDS, 0, NO_FIELDS.length) && splitter.feed(NEWLINE, 0, 1);
    }

    private String openPointInTime(StoreClient.StoreInfo info) throws SourceException, InterruptedException {
        String index = StoreClient.encode(settings.index());
        if (info.isOpenSearch()) {
            return Json.text(client.send("POST", "/" + index + "/_search/point_in_time?keep_alive=" + KEEP_ALIVE,
                    null), "pit_id");
        }
        return Json.text(client.send("POST", "/" + index + "/_pit?keep_alive=" + KEEP_ALIVE, null), "id");
    }

    private void closePointInTime(StoreClient.StoreInfo info, String pit) throws InterruptedException {
        try {
            if (info.isOpenSearch()) {
                client.send("DELETE", "/_search/point_in_time", Json.object("pit_id", List.of(pit)));
            } else {
                client.send("DELETE", "/_pit", Json.object("id", pit));
            }
        } catch (SourceException e) {
            // A point in time that cannot be closed expires on its own within its keep-alive.
        }
    }

    /** The documents of a source stamped from {@code from} until {@code to} (either open), filtered as configured. */
    static Map<String, Object> query(StoreSettings settings, String host, Instant from, Instant to) {
        StoreQueries queries = new StoreQueries(settings.fields(), Map.of());
        List<Map<String, Object>> filters = new ArrayList<>();
        if (from != null || to != null) {
            filters.add(queries.timeRange(from, to));
        }
        if (settings.query() != null) {
            filters.add(StoreQueries.queryString(settings.query()));
        }
        if (host != null) {
            filters.add(hostQuery(settings, host));
        }
        return StoreQueries.allOf(filters);
    }

    /** The documents of one host; {@link StorePlanner#NO_HOST} stands for those without the host field. */
    static Map<String, Object> hostQuery(StoreSettings settings, String host) {
        if (host.equals(StorePlanner.NO_HOST)) {
            return Json.object("bool", Json.object("must_not", List.of(Json.object("exists",
                    Json.object("field", settings.hostField())))));
        }
        return Json.object("term", Json.object(settings.hostField(), host));
    }

    /** How many documents of a source are stamped from {@code from} until {@code to}, exactly. */
    static long count(StoreClient client, StoreSettings settings, String host, Instant from, Instant to)
            throws SourceException, InterruptedException {
        Object answer = client.send("POST", "/" + StoreClient.encode(settings.index()) + "/_count",
                Json.object("query", query(settings, host, from, to)));
        return Json.number(answer, 0, "count");
    }
}
