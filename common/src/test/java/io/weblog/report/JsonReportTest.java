package io.weblog.report;

import static io.weblog.report.Json.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.weblog.check.LineCounts;
import io.weblog.check.Outcome;
import io.weblog.check.RuleResult;
import io.weblog.check.SourceVerdict;
import io.weblog.check.Timeline;
import io.weblog.check.Verdict;
import io.weblog.format.Hit;
import io.weblog.rule.Rule;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonReportTest {

    @TempDir
    Path dir;

    @Test
    void hasTheFieldsTheCliContractPromises() throws Exception {
        Object doc = Json.parse(JsonReport.toJson(Verdicts.failing()));

        assertThat(Json.text(doc, "outcome")).isEqualTo("FAILED");
        assertThat(Json.number(doc, "lines", "read")).isEqualTo(new BigDecimal(11));
        assertThat(Json.number(doc, "lines", "parsed")).isEqualTo(new BigDecimal(10));
        assertThat(Json.number(doc, "lines", "malformed")).isEqualTo(new BigDecimal(1));
        assertThat(Json.number(doc, "lines", "inWindow")).isEqualTo(new BigDecimal(10));
        Map<String, Object> rule = at(doc, "rules", 1);
        assertThat(rule).containsEntry("rule", Verdicts.BROKEN_LINKS).containsEntry("label", "broken-links")
                .containsEntry("name", "broken-links").containsEntry("expectation", "max=0")
                .containsEntry("passed", false).containsEntry("count", new BigDecimal(2))
                .containsEntry("share", new BigDecimal("0.2"));
        assertThat(Json.list(doc, "rules", 1, "samples")).hasSize(2);
        assertThat(Json.list(doc, "sources")).hasSize(1);
    }

    @Test
    void describesEachSourceWithItsLinesWindowRulesMalformedLinesAndTimeline() throws Exception {
        Object doc = Json.parse(JsonReport.toJson(Verdicts.failing()));
        Map<String, Object> source = at(doc, "sources", 0);

        assertThat(source).containsEntry("source", Verdicts.fixture("shop-access.log"))
                .containsEntry("outcome", "FAILED").containsEntry("format", "combined")
                .containsEntry("ended", "END_OF_INPUT").containsEntry("error", null);
        assertThat(Json.object(source, "lines")).containsOnlyKeys("bytes", "read", "parsed", "beforeWindow",
                "inWindow", "afterWindow", "malformed", "tooLong");
        assertThat(Json.object(source, "window")).containsEntry("since", null)
                .containsEntry("firstHit", "2024-10-10T11:55:36Z").containsEntry("lastHit", "2024-10-10T12:10:02Z")
                .containsKeys("until", "readFrom", "readUntil");
        assertThat(Json.object(source, "malformed", 0)).containsEntry("line", new BigDecimal(5))
                .containsEntry("reason", "expected '[' at column 13").containsEntry("text", "this is not a log line")
                .containsKey("byteOffset");
        assertThat(Json.number(source, "timeline", "bucketSeconds")).isEqualTo(new BigDecimal(60));
        assertThat(Json.object(source, "timeline", "buckets", 5))
                .containsEntry("start", "2024-10-10T12:05:00Z").containsEntry("5xx", BigDecimal.ONE)
                .containsEntry("2xx", BigDecimal.ZERO).containsKeys("1xx", "3xx", "4xx", "other");
    }

    @Test
    void samplesCarryEveryFieldOfTheHitAndItsPosition() throws Exception {
        Object doc = Json.parse(JsonReport.toJson(Verdicts.failing()));
        Map<String, Object> sample = at(doc, "sources", 0, "rules", 0, "samples", 0);

        assertThat(sample).containsEntry("line", new BigDecimal(7)).containsEntry("byteOffset", new BigDecimal(626))
                .containsEntry("time", "2024-10-10T14:05:47+02:00").containsEntry("client", "192.0.2.14")
                .containsEntry("method", "POST").containsEntry("path", "/checkout").containsEntry("query", null)
                .containsEntry("protocol", "HTTP/1.1").containsEntry("status", new BigDecimal(502))
                .containsEntry("bytes", new BigDecimal(157))
                .containsEntry("referrer", "https://shop.example.com/cart").containsEntry("agent", "Mozilla/5.0")
                .containsEntry("vhost", null).containsEntry("durationMillis", null)
                .containsEntry("raw", "192.0.2.14 - - [10/Oct/2024:14:05:47 +0200] \"POST /checkout HTTP/1.1\" 502 157"
                        + " \"https://shop.example.com/cart\" \"Mozilla/5.0\"");
    }

    @Test
    void theAttackersMarkupAndEscapeSequencesSurviveAsEscapedStrings() throws Exception {
        String json = JsonReport.toJson(Verdicts.failing());
        Map<String, Object> attack = at(Json.parse(json), "sources", 0, "rules", 1, "samples", 1);

        assertThat(attack).containsEntry("path", "/<script>alert(1)</script>")
                .containsEntry("query", "q=\u001b[31mred")
                .containsEntry("referrer", "https://shop.example.com/\"><script>x()</script>")
                .containsEntry("agent", "<script>alert('agent')</script>\u001b]0;pwned\u0007 \u009b2J");
        assertThat(json).contains("\"q=\\u001b[31mred\"").doesNotContain("\u001b", "\u0007", "\u009b");
    }

    @Test
    void escapesEveryControlCharacterAndKeepsOtherTextAsItIs() throws Exception {
        StringBuilder controls = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            controls.append(c);
        }
        String path = "/\"quoted\" back\\slash " + controls + "\u007f\u0085 \u2028 é€😀 /";
        String json = JsonReport.toJson(Verdicts.failedOn("status=5xx max=0", Verdicts.hit(1, path, null, 500, null,
                null, "raw")));

        assertThat(json).contains("\\u0000\\u0001").contains("\\u001f").contains("\\u007f\\u0085")
                .contains("\\u2028").contains("é€😀").contains("\\\"quoted\\\" back\\\\slash");
        assertThat(json.chars().filter(c -> c < 0x20 && c != '\n')).isEmpty();
        assertThat(Json.text(Json.parse(json), "rules", 0, "samples", 0, "path")).isEqualTo(path);
    }

    @Test
    void loneSurrogatesBecomeReplacementCharactersSoTheOutputIsValidUtf8() throws Exception {
        String path = "/a\ud800b\udc00c\ud83d\ude00";
        String json = JsonReport.toJson(Verdicts.failedOn("status=5xx max=0", Verdicts.hit(1, path, null, 500, null,
                null, "\udfff")));

        assertThat(Json.text(Json.parse(json), "rules", 0, "samples", 0, "path")).isEqualTo("/a\ufffdb\ufffdc😀");
        assertThat(Json.text(Json.parse(json), "rules", 0, "samples", 0, "raw")).isEqualTo("\ufffd");
        assertThat(encodesAsUtf8(json)).isTrue();
    }

    @Test
    void sharesThatAreNotFiniteAreWrittenAsNullNeverAsNaN() throws Exception {
        Rule rule = Rule.parse("status=5xx max=0");
        RuleResult nan = new RuleResult(rule, false, 1, Double.NaN, List.of());
        RuleResult infinite = new RuleResult(rule, false, 1, Double.POSITIVE_INFINITY, List.of());
        SourceVerdict source = Verdicts.failing().sources().get(0);
        Verdict verdict = new Verdict(Outcome.FAILED, List.of(source), List.of(nan, infinite), LineCounts.NONE,
                Instant.EPOCH, Duration.ZERO, false);

        String json = JsonReport.toJson(verdict);

        assertThat(json).doesNotContain("NaN", "Infinity");
        assertThat(Json.value(Json.parse(json), "rules", 0, "share")).isNull();
        assertThat(Json.value(Json.parse(json), "rules", 1, "share")).isNull();
    }

    @Test
    void smallSharesAreWrittenInPlainNotation() throws Exception {
        Rule rule = Rule.parse("status=5xx max=0");
        SourceVerdict source = Verdicts.failing().sources().get(0);
        Verdict verdict = new Verdict(Outcome.FAILED, List.of(source),
                List.of(new RuleResult(rule, false, 1, 1.0 / 3_000_000, List.of())), LineCounts.NONE,
                Instant.EPOCH, Duration.ZERO, false);

        String json = JsonReport.toJson(verdict);

        assertThat(json).contains("\"share\": 0.000000333333333333");
        assertThat((Json.number(Json.parse(json), "rules", 0, "share")).doubleValue()).isEqualTo(1.0 / 3_000_000);
    }

    @Test
    void passingVerdictHasEveryRulePassed() throws Exception {
        Object doc = Json.parse(JsonReport.toJson(Verdicts.passing()));

        assertThat(Json.text(doc, "outcome")).isEqualTo("PASSED");
        assertThat(Json.objects(doc, "rules")).extracting(r -> r.get("passed"))
                .containsOnly(true);
        assertThat((Boolean) Json.value(doc, "emptyAllowed")).isFalse();
        assertThat(Json.text(doc, "summary")).startsWith("PASSED: all 3 rules held over 5 hits");
    }

    @Test
    void unreadableSourceHasItsErrorAndNoHitTimes() throws Exception {
        Object doc = Json.parse(JsonReport.toJson(Verdicts.error(dir)));

        assertThat(Json.text(doc, "outcome")).isEqualTo("ERROR");
        assertThat(Json.text(doc, "sources", 0, "error")).isEqualTo("no such file: " + dir.resolve("missing.log"));
        assertThat(Json.text(doc, "sources", 0, "ended")).isEqualTo("ERROR");
        assertThat(Json.value(doc, "sources", 0, "format")).isNull();
        assertThat(Json.value(doc, "sources", 0, "window", "firstHit")).isNull();
        assertThat(Json.list(doc, "sources", 0, "timeline", "buckets")).isEmpty();
    }

    @Test
    void emptyWindowHasNoHitsInWindowAndItsRequestedStart() throws Exception {
        Object doc = Json.parse(JsonReport.toJson(Verdicts.emptyWindow()));

        assertThat(Json.text(doc, "outcome")).isEqualTo("FAILED");
        assertThat(Json.number(doc, "sources", 0, "lines", "inWindow")).isEqualTo(BigDecimal.ZERO);
        assertThat(Json.number(doc, "sources", 0, "lines", "read")).isEqualTo(new BigDecimal(5));
        assertThat(Json.text(doc, "sources", 0, "window", "since")).isEqualTo("2030-01-01T00:00:00Z");
        assertThat(Json.value(doc, "sources", 0, "window", "firstHit")).isNull();
    }

    @Test
    void severalSourcesAreListedInOrderAndTheirRulesSummed() throws Exception {
        Object doc = Json.parse(JsonReport.toJson(Verdicts.twoSources()));

        assertThat(Json.objects(doc, "sources")).extracting(s -> s.get("outcome"))
                .containsExactly("PASSED", "FAILED");
        assertThat(Json.number(doc, "lines", "read")).isEqualTo(new BigDecimal(16));
        assertThat(Json.number(doc, "rules", 2, "count")).isEqualTo(new BigDecimal(4));
        assertThat(Json.text(doc, "rules", 0, "samples", 0, "source")).isEqualTo(Verdicts.fixture("shop-access.log"));
    }

    @Test
    void writeAndToJsonProduceTheSameText() throws Exception {
        Verdict verdict = Verdicts.failing();
        StringWriter out = new StringWriter();

        JsonReport.write(verdict, out);

        assertThat(out.toString()).isEqualTo(JsonReport.toJson(verdict)).endsWith("}\n");
    }

    @Test
    void durationsAreWrittenInMillisecondsWithTheirFraction() throws Exception {
        Hit timed = new Hit(null, null, null, null, "/", null, null, null, -1, -1, null, null, null,
                Duration.ofNanos(12_345_600), "raw", new Hit.Position("x", 1, 0));
        Object doc = Json.parse(JsonReport.toJson(Verdicts.failedOn("max=0", timed)));
        Map<String, Object> sample = at(doc, "rules", 0, "samples", 0);

        assertThat(sample).containsEntry("durationMillis", new BigDecimal("12.3456")).containsEntry("time", null)
                .containsEntry("status", null).containsEntry("bytes", null);
    }

    @Test
    void timelineOfAVerdictByHandIsWrittenBucketByBucket() throws Exception {
        Timeline timeline = new Timeline(Duration.ofMinutes(2), List.of(
                new Timeline.Bucket(Instant.parse("2024-10-10T12:00:00Z"), 1, 2, 3, 4, 5, 6)));
        SourceVerdict source = Verdicts.change(Verdicts.failing().sources().get(0), null, null, timeline, null, null);

        Object doc = Json.parse(JsonReport.toJson(Verdicts.single(source, false)));

        assertThat(Json.object(doc, "sources", 0, "timeline", "buckets", 0)).isEqualTo(
                Map.of("start", "2024-10-10T12:00:00Z", "1xx", BigDecimal.ONE, "2xx", new BigDecimal(2),
                        "3xx", new BigDecimal(3), "4xx", new BigDecimal(4), "5xx", new BigDecimal(5),
                        "other", new BigDecimal(6)));
        assertThat(Json.number(doc, "sources", 0, "timeline", "bucketSeconds")).isEqualTo(new BigDecimal(120));
    }

    @Test
    void aFailedRuleCarriesItsHitsByPath() throws Exception {
        String json = JsonReport.toJson(Verdicts.failing());

        assertThat(json).contains("\"groups\": {").contains("\"path\": \"/cart/old\",")
                .contains("{\"referrer\": \"https://shop.example.com/cart\", \"count\": 1}");
    }

    private static boolean encodesAsUtf8(String text) {
        try {
            ByteBuffer bytes = StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(text));
            return bytes.hasRemaining();
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
