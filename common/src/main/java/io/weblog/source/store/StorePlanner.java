package io.weblog.source.store;

import io.weblog.ConfigException;
import io.weblog.format.Field;
import io.weblog.format.Hit;
import io.weblog.format.LogFormat;
import io.weblog.format.ParsedLine;
import io.weblog.rule.Expectation;
import io.weblog.rule.Rule;
import io.weblog.source.SourceException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Plans how a check reads a store: looks at what answers and how the index is mapped, refuses a rule that needs a
 * field the index does not map, finds the hosts, and counts the whole check in one aggregation request where every
 * rule translates into the store's query language (see {@link StoreQueries}); else each host's documents are read.
 */
final class StorePlanner {
    /** The host value that stands for documents without the host field. */
    static final String NO_HOST = "(none)";
    private static final int MAX_HOSTS = 1000;
    private static final int HDR_DIGITS = 3;
    private static final Duration LIVE_HOSTS_LOOKBACK = Duration.ofMinutes(15);
    private static final long TIMELINE_BUCKETS = 1500;

    private final StoreSource source;
    private final StoreClient client;
    private final CountRequest request;
    private final StoreSettings settings;

    StorePlanner(StoreSource source, StoreClient client, CountRequest request) {
        this.source = source;
        this.client = client;
        this.request = request;
        this.settings = source.settings();
    }

    List<StoreSource> plan() throws SourceException, InterruptedException {
        client.info();
        StoreMapping mapping = StoreMapping.read(client, settings);
        requireNeededFields(mapping);
        StoreQueries queries = new StoreQueries(settings.fields(), mapping.types());
        String whyRead = whyRead(queries);
        boolean split = settings.hostField() != null && mapping.has(settings.hostField());
        if (whyRead != null) {
            String how = "reading the documents in time order (" + whyRead + ")";
            List<StoreSource> sources = new ArrayList<>();
            for (String host : split ? hosts() : List.<String>of()) {
                sources.add(source.forHost(host, mapping.types(), null, how));
            }
            return sources.isEmpty() ? List.of(source.forHost(null, mapping.types(), null, how)) : sources;
        }
        return count(queries, mapping, split);
    }

    /**
     * Refuses a check whose rules (or stop-on, or watch) need a part of a hit that no mapped field holds: naming the
     * rule, the part and the fields looked for.
     */
    private void requireNeededFields(StoreMapping mapping) throws SourceException {
        if (settings.fields().isLineMode()) {
            if (!mapping.has(settings.fields().line())) {
                throw new SourceException(settings.index() + " in the store at " + settings.displayUrl() + " maps no "
                        + "field " + settings.fields().line() + ", which should hold the raw log lines");
            }
            return;
        }
        for (Field field : request.neededFields()) {
            if (field == Field.TIME) {
                continue;
            }
            List<String> names = settings.fields().namesOf(field);
            if (names.stream().anyMatch(mapping::has)) {
                continue;
            }
            String needs = request.rules().stream()
                    .filter(rule -> rule.selector().fields().contains(field)
                            || field == Field.DURATION && rule.needsDuration())
                    .map(rule -> "rule '" + rule.name() + "'").findFirst()
                    .orElse(field == Field.STATUS ? "every hit" : "the check");
            throw new SourceException(settings.index() + " in the store at " + settings.displayUrl() + " maps "
                    + (names.isEmpty() ? "no field for " + field.ruleName() : "no field " + String.join(" or ",
                    names)) + ", which " + needs + " needs for " + field.ruleName() + "; name the field that "
                    + "holds it (" + field.ruleName() + "=FIELD)");
        }
    }

    /** Why the documents must be read one by one, or {@code null} when the store can count the whole check. */
    private String whyRead(StoreQueries queries) {
        if (request.streamReason() != null) {
            return request.streamReason();
        }
        if (settings.fields().isLineMode()) {
            return "the documents hold raw lines, which a log format parses";
        }
        for (Rule rule : request.rules()) {
            StoreQueries.Translation translation = queries.translate(rule.selector());
            if (!translation.translated()) {
                return "rule '" + rule.name() + "': " + translation.untranslatable();
            }
            Expectation expectation = rule.expectation();
            if (expectation.measure() == Expectation.Measure.PERCENTILE) {
                if (expectation.isRelative()) {
                    return "rule '" + rule.name() + "' compares percentiles with the baseline, which needs every "
                            + "duration";
                }
                if (queries.durationField() == null) {
                    return "rule '" + rule.name() + "': the duration field is not one field of whole numbers";
                }
            }
        }
        return null;
    }

    /** The hosts among the documents of the range read, or, when following, of the last quarter of an hour. */
    private List<String> hosts() throws SourceException, InterruptedException {
        Instant from = request.readSince();
        Instant to = request.until();
        boolean live = request.until() == null && from != null && from.isAfter(Instant.now().minus(
                LIVE_HOSTS_LOOKBACK));
        if (live) {
            from = from.minus(LIVE_HOSTS_LOOKBACK);
            to = null;
        }
        Map<String, Object> body = Json.object("size", 0, "track_total_hits", true,
                "query", StoreReader.query(settings, null, from, to),
                "aggs", Json.object("hosts", Json.object("terms", Json.object("field", settings.hostField(),
                        "size", MAX_HOSTS)), "no_host", Json.object("missing", Json.object("field",
                        settings.hostField()))));
        Object answer = search(body);
        List<String> hosts = new ArrayList<>();
        for (Object bucket : Json.arrayAt(answer, "aggregations", "hosts", "buckets")) {
            hosts.add(Json.text(bucket, "key"));
        }
        if (Json.number(answer, 0, "aggregations", "no_host", "doc_count") > 0) {
            hosts.add(NO_HOST);
        }
        if (hosts.size() > MAX_HOSTS) {
            throw new SourceException(String.format(Locale.ROOT, "%s has more than %,d values in the range read, "
                    + "too many to judge each on its own; judge them together, or narrow the query",
                    settings.hostField(), MAX_HOSTS));
        }
        return hosts;
    }

    /** Counts the check in the store: one request for every host, rule and the baseline. */
    private List<StoreSource> count(StoreQueries queries, StoreMapping mapping, boolean split)
            throws SourceException, InterruptedException {
        long started = System.nanoTime();
        Map<String, Object> perSource = perSource(queries, mapping, timelineSeconds());
        Map<String, Object> aggs;
        if (split) {
            aggs = Json.object("hosts", Json.object("terms", Json.object("field", settings.hostField(),
                    "size", MAX_HOSTS + 1), "aggs", perSource),
                    "no_host", Json.object("missing", Json.object("field", settings.hostField()), "aggs",
                    perSource));
        } else {
            aggs = Json.object("all", Json.object("filter", StoreQueries.all(), "aggs", perSource));
        }
        Map<String, Object> overall = new LinkedHashMap<>();
        for (int i = 0; i < request.rules().size(); i++) {
            Rule rule = request.rules().get(i);
            if (rule.expectation().measure() == Expectation.Measure.PERCENTILE) {
                overall.put("r" + i, Json.object("filter", queries.translate(rule.selector()).query(), "aggs",
                        Json.object("durations", percentile(rule, queries))));
            }
        }
        if (!overall.isEmpty()) {
            aggs.put("overall", Json.object("filter", StoreQueries.allOf(List.of(queries.hits(),
                    queries.timeRange(request.since(), request.until()))), "aggs", overall));
        }
        Object answer = search(Json.object("size", 0, "track_total_hits", true,
                "query", StoreReader.query(settings, null, request.readSince(), request.until()), "aggs", aggs));
        Map<String, Object> found = new LinkedHashMap<>();
        if (split) {
            List<?> buckets = Json.arrayAt(answer, "aggregations", "hosts", "buckets");
            if (buckets.size() > MAX_HOSTS) {
                throw new SourceException(String.format(Locale.ROOT, "%s has more than %,d values in the range "
                        + "read, too many to judge each on its own; judge them together, or narrow the query",
                        settings.hostField(), MAX_HOSTS));
            }
            for (Object bucket : buckets) {
                found.put(Json.text(bucket, "key"), bucket);
            }
            Object noHost = Json.at(answer, "aggregations", "no_host");
            if (Json.number(noHost, 0, "doc_count") > 0) {
                found.put(NO_HOST, noHost);
            }
        }
        if (found.isEmpty()) {
            found.put(null, split ? Json.object("doc_count", 0) : Json.at(answer, "aggregations", "all"));
        }
        String how = String.format(Locale.ROOT, "counted in the store: %s in one aggregation request (%d ms)%s",
                request.rules().size() == 1 ? "the rule" : "all " + request.rules().size() + " rules",
                (System.nanoTime() - started) / 1_000_000,
                hasPercentile() ? ", percentiles by its HDR histogram at " + HDR_DIGITS + " significant digits" : "");
        List<StoreSource> sources = new ArrayList<>();
        Object overallCounts = Json.at(answer, "aggregations", "overall");
        for (Map.Entry<String, Object> host : found.entrySet()) {
            StoreSource each = source.forHost(host.getKey(), mapping.types(), null, how);
            sources.add(source.forHost(host.getKey(), mapping.types(), counts(host.getValue(), overallCounts, each),
                    how));
        }
        return sources;
    }

    private boolean hasPercentile() {
        return request.rules().stream().anyMatch(rule -> rule.expectation().measure()
                == Expectation.Measure.PERCENTILE);
    }

    /** The aggregations that count one source: the range read, its hits, the window and the baseline. */
    private Map<String, Object> perSource(StoreQueries queries, StoreMapping mapping, long timelineSeconds) {
        String time = settings.fields().time();
        Map<String, Object> window = new LinkedHashMap<>();
        window.put("first", Json.object("min", Json.object("field", time)));
        window.put("last", Json.object("max", Json.object("field", time)));
        String status = firstMapped(Field.STATUS, mapping);
        List<Object> classes = new ArrayList<>();
        for (int c = 1; c <= 5; c++) {
            classes.add(Json.object("from", c * 100, "to", c * 100 + 100));
        }
        window.put("timeline", Json.object("date_histogram", Json.object("field", time, "fixed_interval",
                timelineSeconds + "s", "min_doc_count", 1), "aggs", Json.object("classes", Json.object("range",
                Json.object("field", status, "ranges", classes)))));
        Map<String, Object> baseline = new LinkedHashMap<>();
        List<Rule> rules = request.rules();
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            Map<String, Object> selected = queries.translate(rule.selector()).query();
            window.put("r" + i, Json.object("filter", selected, "aggs", ruleAggs(rule, queries, mapping)));
            baseline.put("r" + i, Json.object("filter", selected));
        }
        Map<String, Object> hits = new LinkedHashMap<>();
        hits.put("window", Json.object("filter", queries.timeRange(request.since(), request.until()), "aggs",
                window));
        if (request.baselineSince() != null) {
            hits.put("baseline", Json.object("filter", queries.timeRange(request.baselineSince(),
                    request.baselineUntil()), "aggs", baseline));
        }
        return Json.object("hits", Json.object("filter", queries.hits(), "aggs", hits));
    }

    /**
     * What one rule needs counted besides its hits: samples (a percentile rule's slowest hits, or fastest for a lower
     * bound, as a reading keeps them; else its first), a percentile, its hits by path.
     */
    private Map<String, Object> ruleAggs(Rule rule, StoreQueries queries, StoreMapping mapping) {
        String time = settings.fields().time();
        Map<String, Object> aggs = new LinkedHashMap<>();
        Expectation expectation = rule.expectation();
        boolean percentile = expectation.measure() == Expectation.Measure.PERCENTILE;
        List<Object> order = new ArrayList<>();
        if (percentile) {
            order.add(Json.object(queries.durationField(), Json.object("order",
                    expectation.bound() == Expectation.Bound.MAX ? "desc" : "asc", "missing", "_last")));
        }
        order.add(Json.object(time, "asc"));
        order.add(Json.object("_doc", "asc"));
        aggs.put("samples", Json.object("top_hits", Json.object("size", Math.max(1, request.samples()),
                "sort", order, "_source", false, "fields", settings.fields().allNames())));
        if (percentile) {
            aggs.put("durations", percentile(rule, queries));
        } else if (request.groupAll() || expectation.bound() == Expectation.Bound.MAX) {
            String path = firstMapped(Field.PATH, mapping);
            String referrer = firstMapped(Field.REFERRER, mapping);
            if (path != null) {
                Map<String, Object> perPath = new LinkedHashMap<>();
                perPath.put("first", Json.object("min", Json.object("field", time)));
                perPath.put("last", Json.object("max", Json.object("field", time)));
                if (referrer != null) {
                    perPath.put("referrers", Json.object("terms", Json.object("field", referrer, "size",
                            io.weblog.check.PathGroups.MAX_REFERRERS, "shard_size", 1000, "exclude",
                            List.of("-", ""), "order", List.of(Json.object("_count", "desc"),
                                    Json.object("_key", "asc")))));
                }
                aggs.put("paths", Json.object("terms", Json.object("field", path, "size",
                        io.weblog.check.PathGroups.MAX_PATHS, "shard_size", 5000, "missing", "-", "order",
                        List.of(Json.object("_count", "desc"), Json.object("_key", "asc"))), "aggs", perPath));
            }
        }
        return aggs;
    }

    /** The durations of a rule's hits that have one, and their percentile by the store's HDR histogram. */
    private static Map<String, Object> percentile(Rule rule, StoreQueries queries) {
        String duration = queries.durationField();
        return Json.object("filter", Json.object("range", Json.object(duration, Json.object("gte", 0))), "aggs",
                Json.object("p", Json.object("percentiles", Json.object("field", duration, "percents",
                        List.of(rule.expectation().percentile()), "hdr",
                        Json.object("number_of_significant_value_digits", HDR_DIGITS)))));
    }

    /** A percentile in microseconds from its aggregation, as the engine reads the duration field; -1 for none. */
    private long percentileMicros(Object durations) {
        Map<String, Object> values = Json.objectAt(durations, "p", "values");
        if (Json.number(durations, 0, "doc_count") > 0 && !values.isEmpty()
                && values.values().iterator().next() instanceof Number value) {
            return (long) Math.floor(value.doubleValue() * settings.fields().durationNanosPerUnit() / 1000.0);
        }
        return -1;
    }

    private String firstMapped(Field field, StoreMapping mapping) {
        return settings.fields().namesOf(field).stream().filter(mapping::has).findFirst().orElse(null);
    }

    /** The width of the timeline's buckets: a minute, doubled until the window fits in the buckets a report keeps. */
    private long timelineSeconds() throws SourceException, InterruptedException {
        Instant since = request.since();
        Instant until = request.until();
        if (since == null || until == null) {
            Object answer = search(Json.object("size", 0, "query", StoreReader.query(settings, null, since, until),
                    "aggs", Json.object("first", Json.object("min", Json.object("field", settings.fields().time())),
                            "last", Json.object("max", Json.object("field", settings.fields().time())))));
            Object first = Json.at(answer, "aggregations", "first", "value");
            Object last = Json.at(answer, "aggregations", "last", "value");
            if (since == null && first instanceof Number number) {
                since = Instant.ofEpochMilli(number.longValue());
            }
            if (until == null && last instanceof Number number) {
                until = Instant.ofEpochMilli(number.longValue());
            }
        }
        long span = since == null || until == null ? 0 : Math.max(0, Duration.between(since, until).toSeconds());
        long width = 60;
        while ((span + width - 1) / width + 1 > TIMELINE_BUCKETS) {
            width *= 2;
        }
        return width;
    }

    /** One source's counts from its part of the answer. */
    private StoreCounts counts(Object bucket, Object overall, StoreSource each) throws SourceException {
        LogFormat format;
        try {
            format = settings.fields().format();
        } catch (ConfigException e) {
            throw new SourceException(e.getMessage(), e);
        }
        LogFormat.LineParser parser = format.newParser();
        Object hits = Json.at(bucket, "hits");
        Object window = Json.at(hits, "window");
        Object baseline = Json.at(hits, "baseline");
        List<StoreCounts.RuleCount> rules = new ArrayList<>();
        for (int i = 0; i < request.rules().size(); i++) {
            Object rule = Json.at(window, "r" + i);
            List<Hit> samples = new ArrayList<>();
            for (Object hit : Json.arrayAt(rule, "samples", "hits", "hits")) {
                if (samples.size() < request.samples()) {
                    samples.add(hit(hit, parser, each.displayName()));
                }
            }
            long percentile = -1;
            long measured = 0;
            long overallPercentile = -1;
            long overallMeasured = -1;
            Object durations = Json.at(rule, "durations");
            if (durations != null) {
                measured = Json.number(durations, 0, "doc_count");
                percentile = percentileMicros(durations);
                Object all = Json.at(overall, "r" + i, "durations");
                overallMeasured = Json.number(all, 0, "doc_count");
                overallPercentile = percentileMicros(all);
            }
            List<StoreCounts.PathCount> paths = new ArrayList<>();
            for (Object path : Json.arrayAt(rule, "paths", "buckets")) {
                long count = Json.number(path, 0, "doc_count");
                List<StoreCounts.ReferrerCount> referrers = new ArrayList<>();
                long referred = Json.number(path, 0, "referrers", "sum_other_doc_count");
                for (Object referrer : Json.arrayAt(path, "referrers", "buckets")) {
                    long hitsFrom = Json.number(referrer, 0, "doc_count");
                    referrers.add(new StoreCounts.ReferrerCount(Json.text(referrer, "key"), hitsFrom));
                    referred += hitsFrom;
                }
                paths.add(new StoreCounts.PathCount(Json.text(path, "key"), count, instant(path, "first"),
                        instant(path, "last"), referrers, Json.number(path, 0, "referrers", "sum_other_doc_count"),
                        count - referred));
            }
            rules.add(new StoreCounts.RuleCount(Json.number(rule, 0, "doc_count"), samples, percentile, measured,
                    paths, Json.number(rule, 0, "paths", "sum_other_doc_count"),
                    Json.number(baseline, 0, "r" + i, "doc_count"), overallPercentile, overallMeasured));
        }
        List<StoreCounts.TimelineBucket> timeline = new ArrayList<>();
        long width = 60;
        for (Object slot : Json.arrayAt(window, "timeline", "buckets")) {
            long total = Json.number(slot, 0, "doc_count");
            long[] byClass = new long[6];
            long classified = 0;
            List<?> classes = Json.arrayAt(slot, "classes", "buckets");
            for (int c = 0; c < classes.size() && c < 5; c++) {
                byClass[c] = Json.number(classes.get(c), 0, "doc_count");
                classified += byClass[c];
            }
            byClass[5] = total - classified;
            timeline.add(new StoreCounts.TimelineBucket(Instant.ofEpochMilli(Json.number(slot, 0, "key")),
                    byClass));
        }
        if (timeline.size() > 1) {
            width = Duration.between(timeline.get(0).start(), timeline.get(1).start()).toSeconds();
        }
        return new StoreCounts(Json.number(bucket, 0, "doc_count"), Json.number(hits, 0, "doc_count"),
                Json.number(window, 0, "doc_count"), instant(window, "first"), instant(window, "last"), rules,
                Json.number(baseline, 0, "doc_count"), timeline, Duration.ofSeconds(Math.max(60, width)));
    }

    private static Instant instant(Object aggregations, String name) {
        Object value = Json.at(aggregations, name, "value");
        return value instanceof Number number ? Instant.ofEpochMilli(number.longValue()) : null;
    }

    /** A hit from a document the store returned, read as a reading would read it. */
    private static Hit hit(Object document, LogFormat.LineParser parser, String sourceName) {
        Object fields = Json.at(document, "fields");
        ParsedLine line = new ParsedLine();
        if (fields instanceof Json.JsonObject object && parser.parse(object.source(), object.rawStart(),
                object.rawEnd(), line)) {
            return line.toHit(sourceName, 0, 0);
        }
        byte[] empty = "{}".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        parser.parse(empty, 0, empty.length, line);
        return line.toHit(sourceName, 0, 0);
    }

    private Object search(Map<String, Object> body) throws SourceException, InterruptedException {
        return client.send("POST", "/" + StoreClient.encode(settings.index()) + "/_search", body);
    }
}
