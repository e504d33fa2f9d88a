package io.weblog.report;

import io.weblog.check.BaselineComparison;
import io.weblog.check.Latency;
import io.weblog.check.LineCounts;
import io.weblog.check.MalformedLine;
import io.weblog.check.ObservedWindow;
import io.weblog.check.PathGroups;
import io.weblog.check.RuleResult;
import io.weblog.check.SourceVerdict;
import io.weblog.check.Timeline;
import io.weblog.check.Verdict;
import io.weblog.format.Hit;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The verdict as JSON, for scripts and other CI systems: field names are camelCase and stable, times are ISO-8601
 * strings (instants in UTC, hit times with the server's offset), shares are fractions of 1, and absent values are
 * {@code null}. Written by hand, so {@code common} needs no JSON library. Each sample hit and timeline bucket is kept
 * on one line, so the file reads like the log it came from.
 *
 * <p>The top level holds {@code outcome}, {@code summary}, {@code started}, {@code elapsedMillis},
 * {@code emptyAllowed}, {@code lines}, {@code rules} (each rule over all sources) and {@code sources} (each with its
 * own {@code lines}, {@code window}, {@code rules} with samples, {@code malformed} lines and {@code timeline}).
 */
public final class JsonReport {

    private JsonReport() {
    }

    /**
     * Writes the report, indented, ending with a line break; flushes but does not close the writer.
     *
     * @throws IOException when the writer fails
     */
    public static void write(Verdict verdict, Writer out) throws IOException {
        JsonWriter json = new JsonWriter(out);
        json.beginObject();
        json.name("outcome").value(verdict.outcome().name());
        json.name("summary").value(Wording.headline(verdict));
        json.name("started").value(instant(verdict.started()));
        json.name("elapsedMillis").value(Wording.millis(verdict.elapsed()));
        json.name("emptyAllowed").value(verdict.emptyAllowed());
        json.name("lines");
        lines(json, verdict.lines());
        json.name("rules");
        rules(json, verdict.rules());
        json.name("sources").beginArray();
        for (SourceVerdict source : verdict.sources()) {
            source(json, source);
        }
        json.endArray();
        json.endObject();
        out.write('\n');
        out.flush();
    }

    /** The report as a string. */
    public static String toJson(Verdict verdict) {
        StringWriter out = new StringWriter();
        try {
            write(verdict, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void source(JsonWriter json, SourceVerdict source) throws IOException {
        json.beginObject();
        json.name("source").value(source.source());
        json.name("outcome").value(source.outcome().name());
        json.name("format").value(source.format());
        json.name("ended").value(source.ended() == null ? null : source.ended().name());
        json.name("error").value(source.error());
        json.name("elapsedMillis").value(Wording.millis(source.elapsed()));
        json.name("lines");
        lines(json, source.lines());
        json.name("window");
        window(json, source.window());
        json.name("rules");
        rules(json, source.rules());
        json.name("malformed").beginArray();
        for (MalformedLine line : source.malformed()) {
            json.beginInlineObject();
            json.name("line").value(line.line());
            json.name("byteOffset").value(line.byteOffset());
            json.name("reason").value(line.reason());
            json.name("text").value(line.text());
            json.endObject();
        }
        json.endArray();
        json.name("timeline");
        timeline(json, source.timeline());
        json.endObject();
    }

    private static void lines(JsonWriter json, LineCounts lines) throws IOException {
        LineCounts counts = lines == null ? LineCounts.NONE : lines;
        json.beginInlineObject();
        json.name("bytes").value(counts.bytes());
        json.name("read").value(counts.read());
        json.name("parsed").value(counts.parsed());
        json.name("beforeWindow").value(counts.beforeWindow());
        json.name("inWindow").value(counts.inWindow());
        json.name("afterWindow").value(counts.afterWindow());
        json.name("malformed").value(counts.malformed());
        json.name("tooLong").value(counts.tooLong());
        json.endObject();
    }

    private static void window(JsonWriter json, ObservedWindow window) throws IOException {
        if (window == null) {
            json.nullValue();
            return;
        }
        json.beginObject();
        json.name("since").value(instant(window.since()));
        json.name("until").value(instant(window.until()));
        json.name("readFrom").value(instant(window.readFrom()));
        json.name("readUntil").value(instant(window.readUntil()));
        json.name("firstHit").value(instant(window.firstHit()));
        json.name("lastHit").value(instant(window.lastHit()));
        if (window.startMarkLine() > 0) {
            json.name("startMarkLine").value(window.startMarkLine());
            json.name("endMarkLine");
            if (window.endMarkLine() > 0) {
                json.value(window.endMarkLine());
            } else {
                json.nullValue();
            }
        }
        if (window.hasBaseline()) {
            json.name("baseline").beginInlineObject();
            json.name("since").value(instant(window.baselineSince()));
            json.name("until").value(instant(window.baselineUntil()));
            json.name("hits").value(window.baselineHits());
            json.name("fromMark").value(window.baselineFromMark());
            if (window.baselineResolution() != null) {
                json.name("resolutionSeconds").value(window.baselineResolution().toSeconds());
            }
            json.endObject();
        }
        json.endObject();
    }

    private static void rules(JsonWriter json, List<RuleResult> rules) throws IOException {
        json.beginArray();
        for (RuleResult result : rules) {
            json.beginObject();
            json.name("rule").value(result.rule().text());
            json.name("label").value(result.rule().label());
            json.name("name").value(result.rule().name());
            json.name("expectation").value(result.rule().expectation().text());
            json.name("passed").value(result.passed());
            json.name("count").value(result.count());
            json.name("share").value(result.share());
            if (result.latency() != null) {
                Latency latency = result.latency();
                json.name("latency").beginInlineObject();
                json.name("percentile").value(latency.percentile());
                json.name("valueMillis").value(latency.isMeasured()
                        ? BigDecimal.valueOf(latency.valueMicros(), 3) : null);
                json.name("measured").value(latency.measured());
                json.name("exact").value(latency.exact());
                json.endObject();
            }
            if (result.baseline() != null) {
                baseline(json, result);
            }
            json.name("samples").beginArray();
            for (Hit hit : result.samples()) {
                sample(json, hit);
            }
            json.endArray();
            if (result.groups() != null) {
                groups(json, result.groups());
            }
            json.endObject();
        }
        json.endArray();
    }

    /**
     * How the rule fared in the baseline and, for a rule relative to it, the limit it set ({@code allowed}: a share
     * of 1, or milliseconds), whether the window went beyond it, and how likely chance alone would take it there.
     */
    private static void baseline(JsonWriter json, RuleResult result) throws IOException {
        BaselineComparison before = result.baseline();
        json.name("baseline").beginObject();
        json.name("hits").value(before.hits());
        json.name("count").value(before.count());
        json.name("share").value(before.share());
        if (before.latency() != null) {
            json.name("valueMillis").value(before.latency().isMeasured()
                    ? BigDecimal.valueOf(before.latency().valueMicros(), 3) : null);
            json.name("measured").value(before.latency().measured());
            json.name("exact").value(before.latency().exact());
        }
        if (result.rule().expectation().isRelative()) {
            boolean percentile = before.latency() != null;
            if (percentile) {
                json.name("allowedMillis").value(before.isCompared()
                        ? BigDecimal.valueOf(Math.round(before.allowed()), 3) : null);
            } else {
                json.name("allowedShare").value(before.allowed());
            }
            if (percentile) {
                json.name("durationsBeyond").value(before.outside());
                json.name("durationsBeyondBefore").value(before.outsideBefore());
            }
            json.name("beyond").value(before.beyond());
            json.name("pValue").value(before.pValue());
            json.name("adjustedPValue").value(before.adjustedPValue());
            json.name("rulesTestedTogether").value(before.family());
            json.name("significance").value(before.significance());
            json.name("significant").value(before.isSignificant());
            json.name("judgedOverAllLogs").value(before.overAllLogs());
        }
        json.endObject();
    }

    private static void groups(JsonWriter json, PathGroups groups) throws IOException {
        json.name("groups").beginObject();
        json.name("otherHits").value(groups.otherHits());
        json.name("paths").beginArray();
        for (PathGroups.PathGroup group : groups.paths()) {
            json.beginObject();
            json.name("path").value(group.path());
            json.name("count").value(group.count());
            json.name("first").value(instant(group.first()));
            json.name("last").value(instant(group.last()));
            json.name("withoutReferrer").value(group.withoutReferrer());
            json.name("otherReferrers").value(group.otherReferrers());
            json.name("referrers").beginArray();
            for (PathGroups.Referrer referrer : group.referrers()) {
                json.beginInlineObject();
                json.name("referrer").value(referrer.referrer());
                json.name("count").value(referrer.count());
                json.endObject();
            }
            json.endArray();
            json.endObject();
        }
        json.endArray();
        json.endObject();
    }

    private static void sample(JsonWriter json, Hit hit) throws IOException {
        json.beginInlineObject();
        Hit.Position position = hit.position();
        json.name("source").value(position == null ? null : position.source());
        json.name("line").value(position == null ? 0 : position.line());
        json.name("byteOffset").value(position == null ? 0 : position.byteOffset());
        json.name("time").value(hit.time() == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(hit.time()));
        json.name("client").value(hit.client());
        json.name("user").value(hit.user());
        json.name("method").value(hit.method());
        json.name("path").value(hit.path());
        json.name("query").value(hit.query());
        json.name("protocol").value(hit.protocol());
        json.name("status");
        if (hit.status() < 0) {
            json.nullValue();
        } else {
            json.value(hit.status());
        }
        json.name("bytes");
        if (hit.bytes() < 0) {
            json.nullValue();
        } else {
            json.value(hit.bytes());
        }
        json.name("referrer").value(hit.referrer());
        json.name("agent").value(hit.agent());
        json.name("vhost").value(hit.vhost());
        json.name("durationMillis").value(durationMillis(hit.duration()));
        json.name("raw").value(hit.line());
        json.endObject();
    }

    private static void timeline(JsonWriter json, Timeline timeline) throws IOException {
        if (timeline == null) {
            json.nullValue();
            return;
        }
        json.beginObject();
        json.name("bucketSeconds").value(timeline.bucket() == null ? 0 : timeline.bucket().getSeconds());
        json.name("buckets");
        buckets(json, timeline.buckets());
        if (!timeline.before().isEmpty()) {
            json.name("before");
            buckets(json, timeline.before());
        }
        json.endObject();
    }

    /** Buckets of a timeline, each with its hits by status class and, in {@code rules}, the hits of each rule. */
    private static void buckets(JsonWriter json, List<Timeline.Bucket> buckets) throws IOException {
        json.beginArray();
        for (Timeline.Bucket bucket : buckets) {
            json.beginInlineObject();
            json.name("start").value(instant(bucket.start()));
            json.name("1xx").value(bucket.informational());
            json.name("2xx").value(bucket.success());
            json.name("3xx").value(bucket.redirection());
            json.name("4xx").value(bucket.clientError());
            json.name("5xx").value(bucket.serverError());
            json.name("other").value(bucket.other());
            if (bucket.ruleHits().length > 0) {
                json.name("rules").beginArray();
                for (long hits : bucket.ruleHits()) {
                    json.value(hits);
                }
                json.endArray();
            }
            json.endObject();
        }
        json.endArray();
    }

    private static String instant(Instant instant) {
        return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    private static BigDecimal durationMillis(Duration duration) {
        if (duration == null) {
            return null;
        }
        return BigDecimal.valueOf(duration.getSeconds()).multiply(BigDecimal.valueOf(1000))
                .add(BigDecimal.valueOf(duration.getNano(), 6)).stripTrailingZeros();
    }
}
