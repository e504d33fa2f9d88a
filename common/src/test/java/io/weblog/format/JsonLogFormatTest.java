package io.weblog.format;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.weblog.ConfigException;
import io.weblog.Setting;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonLogFormatTest {
    private static final LogFormat CADDY = JsonLogFormat.preset("caddy");
    private static final LogFormat NGINX_JSON = JsonLogFormat.preset("nginx-json");
    private static final LogFormat TRAEFIK = JsonLogFormat.preset("traefik");
    private static final long OCT_10_11_55_36_UTC = 1728561336L;

    @Test
    void caddyPresetReadsEveryFieldOfAnAccessLine() throws IOException {
        ParsedLine line = parsed(CADDY, fixture("caddy.jsonl").get(0));

        assertThat(line.epochSecond()).isEqualTo(OCT_10_11_55_36_UTC);
        assertThat(line.nanos()).isEqualTo(123_456_700);
        assertThat(line.offsetSeconds()).isZero();
        assertThat(line.text(Field.CLIENT)).isEqualTo("203.0.113.7");
        assertThat(line.text(Field.USER)).isNull();
        assertThat(line.text(Field.METHOD)).isEqualTo("GET");
        assertThat(line.text(Field.PATH)).isEqualTo("/products");
        assertThat(line.text(Field.QUERY)).isEqualTo("page=2&sort=price");
        assertThat(line.text(Field.PROTOCOL)).isEqualTo("HTTP/2.0");
        assertThat(line.text(Field.VHOST)).isEqualTo("shop.example.com");
        assertThat(line.text(Field.REFERRER)).isEqualTo("https://shop.example.com/");
        assertThat(line.text(Field.AGENT))
                .isEqualTo("Mozilla/5.0 (X11; Linux x86_64; rv:131.0) Gecko/20100101 Firefox/131.0");
        assertThat(line.status()).isEqualTo(200);
        assertThat(line.bytes()).isEqualTo(5120);
        assertThat(line.durationMicros()).isEqualTo(1234);
    }

    @Test
    void caddyHeadersArePickedFromTheirArrays() throws IOException {
        ParsedLine line = parsed(CADDY, fixture("caddy.jsonl").get(2));

        assertThat(line.text(Field.REFERRER)).isEqualTo("https://shop.example.com/cart");
        assertThat(line.text(Field.AGENT)).startsWith("Mozilla/5.0 (iPhone;");
        assertThat(line.text(Field.USER)).isEqualTo("alice");
        assertThat(line.text(Field.CLIENT)).isEqualTo("198.51.100.42");
        assertThat(line.status()).isEqualTo(502);
        assertThat(line.durationMicros()).isEqualTo(1_502_000);
    }

    @Test
    void caddyDurationsWrittenAsGoDurationsAreRead() throws IOException {
        String line = fixture("caddy.jsonl").get(2);
        for (String[] written : new String[][] {{"\"1.5s\"", "1500000"}, {"\"2m3.004s\"", "123004000"},
            {"\"350\u00b5s\"", "350"}, {"\"120ns\"", "0"}, {"\"1h\"", "3600000000"}}) {
            String withDuration = line.replaceFirst("\"duration\":[^,}]+", "\"duration\":" + written[0]);
            assertThat(parsed(CADDY, withDuration).durationMicros()).as(written[0])
                    .isEqualTo(Long.parseLong(written[1]));
        }
        assertThat(JsonLogFormat.goDurationMicros("1.5")).isEqualTo(-1);
        assertThat(JsonLogFormat.goDurationMicros("soon")).isEqualTo(-1);
    }

    @Test
    void caddyLineWithoutRefererHeaderHasNoReferrer() throws IOException {
        ParsedLine line = parsed(CADDY, fixture("caddy.jsonl").get(1));

        assertThat(line.text(Field.REFERRER)).isNull();
        assertThat(line.text(Field.AGENT)).isEqualTo("curl/8.5.0");
        assertThat(line.text(Field.CLIENT)).isEqualTo("2001:db8::7");
        assertThat(line.text(Field.QUERY)).isNull();
        assertThat(line.bytes()).isZero();
        assertThat(line.nanos()).isEqualTo(500_000_000);
    }

    @Test
    void caddyFallsBackToClientIpWhenRemoteIpIsMissing() {
        ParsedLine line = parsed(CADDY, "{\"ts\":1728561336,\"request\":{\"client_ip\":\"198.51.100.1\","
                + "\"method\":\"GET\",\"uri\":\"/\"},\"status\":200}");

        assertThat(line.text(Field.CLIENT)).isEqualTo("198.51.100.1");
    }

    @Test
    void caddyPrefersTheClientIpBehindTrustedProxiesOverThePeer() {
        ParsedLine line = parsed(CADDY, "{\"ts\":1728561336,\"request\":{\"remote_ip\":\"10.0.0.2\","
                + "\"client_ip\":\"198.51.100.1\",\"method\":\"GET\",\"uri\":\"/\"},\"status\":200}");

        assertThat(line.text(Field.CLIENT)).isEqualTo("198.51.100.1");
    }

    @Test
    void caddyValuesAreRecordedAsRangesIntoTheLine() throws IOException {
        byte[] bytes = fixture("caddy.jsonl").get(0).getBytes(UTF_8);
        ParsedLine line = parsed(CADDY, bytes);

        assertThat(line.slice(Field.CLIENT)).isTrue();
        assertThat(line.array(Field.CLIENT)).isSameAs(bytes);
        assertThat(new String(bytes, line.start(Field.CLIENT), line.end(Field.CLIENT) - line.start(Field.CLIENT),
                UTF_8)).isEqualTo("203.0.113.7");
    }

    @Test
    void caddyLineBecomesAHit() throws IOException {
        ParsedLine line = parsed(CADDY, fixture("caddy.jsonl").get(3));

        Hit hit = line.toHit("caddy.jsonl", 4, 1234);

        assertThat(hit.time()).isEqualTo(OffsetDateTime.parse("2024-10-10T11:55:39.750Z"));
        assertThat(hit.agent()).isEqualTo("Bot \"crawler\" v1.0");
        assertThat(hit.referrer()).isEqualTo("https://www.example.org/?q=\u00e9t\u00e9");
        assertThat(hit.target()).isEqualTo("/search?q=caf%C3%A9");
        assertThat(hit.duration()).isEqualTo(Duration.ofNanos(3_100_000));
        assertThat(hit.bytes()).isEqualTo(20480);
        assertThat(hit.position()).isEqualTo(new Hit.Position("caddy.jsonl", 4, 1234));
    }

    @Test
    void caddyRejectsLogLinesThatAreNotAccessLines() {
        String startup = "{\"level\":\"info\",\"ts\":1728561300.1,\"logger\":\"http\",\"msg\":\"server running\","
                + "\"name\":\"srv0\",\"protocols\":[\"h1\",\"h2\",\"h3\"]}";

        assertThat(failure(CADDY, startup)).startsWith("no status");
        assertThat(failure(CADDY, "{\"status\":200,\"level\":\"info\"}")).startsWith("no request");
    }

    @Test
    void keysAreMatchedByTheirWholePathNotByName() {
        String line = "{\"status\":301,\"method\":\"DELETE\",\"resp_headers\":{\"status\":[\"999\"],\"uri\":\"/x\"},"
                + "\"request\":{\"uri\":\"/moved\",\"method\":\"GET\",\"tls\":{\"method\":\"PUT\"}}}";

        ParsedLine parsed = parsed(CADDY, line);

        assertThat(parsed.status()).isEqualTo(301);
        assertThat(parsed.text(Field.METHOD)).isEqualTo("GET");
        assertThat(parsed.text(Field.PATH)).isEqualTo("/moved");
    }

    @Test
    void keysInAnyOrderAndNestedUnrelatedValuesAreSkipped() {
        String line = "{\"status\":200,\"extra\":{\"a\":[{\"b\":[1,2,{\"c\":\"}]\\\"{[\"}]},true,false,null,"
                + "-1.5e+10,0.25,{},[]],\"d\":{\"e\":{\"f\":{}}}},\"size\":77,\"request\":{\"headers\":"
                + "{\"Referer\":[\"https://a.example/\"],\"X-Odd\":[\"\\\\\",\"\\\"\"]},\"proto\":\"HTTP/1.0\","
                + "\"uri\":\"/z?q\",\"method\":\"HEAD\",\"host\":\"h.example\"},\"ts\":1728561336,"
                + "\"duration\":2}";

        ParsedLine parsed = parsed(CADDY, line);

        assertThat(parsed.status()).isEqualTo(200);
        assertThat(parsed.bytes()).isEqualTo(77);
        assertThat(parsed.text(Field.REFERRER)).isEqualTo("https://a.example/");
        assertThat(parsed.text(Field.PROTOCOL)).isEqualTo("HTTP/1.0");
        assertThat(parsed.text(Field.PATH)).isEqualTo("/z");
        assertThat(parsed.text(Field.QUERY)).isEqualTo("q");
        assertThat(parsed.text(Field.METHOD)).isEqualTo("HEAD");
        assertThat(parsed.text(Field.VHOST)).isEqualTo("h.example");
        assertThat(parsed.epochSecond()).isEqualTo(OCT_10_11_55_36_UTC);
        assertThat(parsed.durationMicros()).isEqualTo(2_000_000);
    }

    @Test
    void nginxJsonReadsTheRequestLineAndPrefersIsoTimeOverMsec() throws IOException {
        ParsedLine line = parsed(NGINX_JSON, fixture("nginx-json.jsonl").get(0));

        assertThat(line.epochSecond()).isEqualTo(OCT_10_11_55_36_UTC);
        assertThat(line.nanos()).isZero();
        assertThat(line.offsetSeconds()).isEqualTo(7200);
        assertThat(line.text(Field.REQUEST)).isEqualTo("GET /index.html?lang=fr HTTP/1.1");
        assertThat(line.text(Field.METHOD)).isEqualTo("GET");
        assertThat(line.text(Field.PATH)).isEqualTo("/index.html");
        assertThat(line.text(Field.QUERY)).isEqualTo("lang=fr");
        assertThat(line.text(Field.PROTOCOL)).isEqualTo("HTTP/1.1");
        assertThat(line.text(Field.CLIENT)).isEqualTo("198.51.100.23");
        assertThat(line.text(Field.USER)).isNull();
        assertThat(line.text(Field.VHOST)).isEqualTo("www.example.org");
        assertThat(line.text(Field.REFERRER)).isEqualTo("https://www.example.org/");
        assertThat(line.text(Field.AGENT)).startsWith("Mozilla/5.0 (Windows NT 10.0;");
        assertThat(line.status()).isEqualTo(200);
        assertThat(line.bytes()).isEqualTo(5120);
        assertThat(line.durationMicros()).isEqualTo(4000);
    }

    @Test
    void nginxJsonEmptyValuesOfUnsetVariablesAreAbsent() throws IOException {
        ParsedLine line = parsed(NGINX_JSON, fixture("nginx-json.jsonl").get(1));

        assertThat(line.text(Field.REFERRER)).isNull();
        assertThat(line.text(Field.USER)).isNull();
        assertThat(line.status()).isEqualTo(404);
        assertThat(line.durationMicros()).isZero();
        assertThat(line.text(Field.CLIENT)).isEqualTo("2001:db8::1");
    }

    @Test
    void nginxJsonKeepsATlsHandshakeAsRequestWithoutMethod() throws IOException {
        ParsedLine line = parsed(NGINX_JSON, fixture("nginx-json.jsonl").get(3));

        assertThat(line.status()).isEqualTo(400);
        assertThat(line.text(Field.REQUEST)).isEqualTo("\u0016\u0003\u0001\u0000\u00a5\u0001\u0000\u0000");
        assertThat(line.text(Field.METHOD)).isNull();
        assertThat(line.text(Field.PATH)).isNull();
        assertThat(line.text(Field.AGENT)).isNull();
    }

    @Test
    void nginxJsonAcceptsTimeLocalMsecAndStringNumbers() {
        ParsedLine clf = parsed(NGINX_JSON, "{\"time_local\":\"10/Oct/2024:13:55:36 +0200\",\"status\":\"304\","
                + "\"request_method\":\"GET\",\"request_uri\":\"/a?b=c\",\"body_bytes_sent\":\"0\","
                + "\"request_time\":\"0.120\"}");
        ParsedLine msec = parsed(NGINX_JSON, "{\"msec\":\"1728561336.123\",\"status\":200,\"request\":\"GET / HTTP/1.1\"}");

        assertThat(clf.epochSecond()).isEqualTo(OCT_10_11_55_36_UTC);
        assertThat(clf.offsetSeconds()).isEqualTo(7200);
        assertThat(clf.status()).isEqualTo(304);
        assertThat(clf.bytes()).isZero();
        assertThat(clf.durationMicros()).isEqualTo(120_000);
        assertThat(clf.text(Field.PATH)).isEqualTo("/a");
        assertThat(clf.text(Field.QUERY)).isEqualTo("b=c");
        assertThat(msec.epochSecond()).isEqualTo(OCT_10_11_55_36_UTC);
        assertThat(msec.nanos()).isEqualTo(123_000_000);
    }

    @Test
    void nginxJsonTakesTheFirstAlternativePresent() {
        ParsedLine line = parsed(NGINX_JSON, "{\"status\":200,\"request\":\"GET / HTTP/1.1\","
                + "\"http_referrer\":\"https://second.example/\",\"bytes_sent\":900,\"server_name\":\"s.example\","
                + "\"http_host\":\"h.example\"}");

        assertThat(line.text(Field.REFERRER)).isEqualTo("https://second.example/");
        assertThat(line.bytes()).isEqualTo(900);
        assertThat(line.text(Field.VHOST)).isEqualTo("s.example");
    }

    @Test
    void requestUriOverridesTheTargetOfTheRequestLine() {
        ParsedLine line = parsed(NGINX_JSON, "{\"status\":200,\"request\":\"GET /a?x=1 HTTP/1.1\","
                + "\"request_uri\":\"/b\"}");

        assertThat(line.text(Field.PATH)).isEqualTo("/b");
        assertThat(line.text(Field.QUERY)).isNull();
        assertThat(line.text(Field.PROTOCOL)).isEqualTo("HTTP/1.1");
    }

    @Test
    void jsonEscapesAreDecodedIncludingSurrogatePairs() throws IOException {
        ParsedLine line = parsed(NGINX_JSON, "{\"status\":200,\"request\":\"GET /caf\\u00e9 HTTP/1.1\","
                + "\"http_user_agent\":\"say \\\"hi\\\" \\\\ caf\\u00e9 \\ud83d\\ude00 \\/ \\t.\"}");
        ParsedLine fixtureLine = parsed(NGINX_JSON, fixture("nginx-json.jsonl").get(2));

        assertThat(line.text(Field.AGENT)).isEqualTo("say \"hi\" \\ caf\u00e9 \uD83D\uDE00 / \t.");
        assertThat(line.text(Field.PATH)).isEqualTo("/caf\u00e9");
        assertThat(fixtureLine.text(Field.AGENT)).isEqualTo("Mozilla/5.0 \"quoted\" \\ caf\u00e9");
        assertThat(fixtureLine.text(Field.USER)).isEqualTo("alice");
    }

    @Test
    void escapedKeysMatchTheirDecodedName() {
        ParsedLine line = parsed(NGINX_JSON, "{\"st\\u0061tus\":418,\"request\":\"GET / HTTP/1.1\"}");

        assertThat(line.status()).isEqualTo(418);
    }

    @Test
    void escapedSlashesInTimeAreDecodedBeforeParsing() {
        ParsedLine line = parsed(NGINX_JSON, "{\"time_local\":\"10\\/Oct\\/2024:13:55:36 +0200\",\"status\":200,"
                + "\"request\":\"GET / HTTP/1.1\"}");

        assertThat(line.epochSecond()).isEqualTo(OCT_10_11_55_36_UTC);
    }

    @Test
    void rawInvalidUtf8BytesAreKeptAsTheyAre() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write("{\"skipped\":\"".getBytes(UTF_8));
        out.write(new byte[] {(byte) 0xff, (byte) 0xfe, '"', ',', '"'});
        out.write("status\":200,\"request\":\"GET /caf".getBytes(UTF_8));
        out.write(new byte[] {(byte) 0xe9, (byte) 0xff});
        out.write("?x=1 HTTP/1.1\",\"http_user_agent\":\"".getBytes(UTF_8));
        out.write(new byte[] {(byte) 0xc3, '(', '"', '}'});
        byte[] bytes = out.toByteArray();

        ParsedLine line = parsed(NGINX_JSON, bytes);

        assertThat(line.slice(Field.PATH)).isTrue();
        assertThat(Arrays.copyOfRange(line.array(Field.PATH), line.start(Field.PATH), line.end(Field.PATH)))
                .containsExactly('/', 'c', 'a', 'f', (byte) 0xe9, (byte) 0xff);
        assertThat(line.text(Field.PATH)).isEqualTo("/caf\uFFFD\uFFFD");
        assertThat(line.text(Field.QUERY)).isEqualTo("x=1");
        assertThat(line.text(Field.AGENT)).isEqualTo("\uFFFD(");
    }

    @Test
    void nullValuesAreAbsentAndFallThroughToTheNextAlternative() {
        ParsedLine line = parsed(NGINX_JSON, "{\"status\":200,\"request\":\"GET / HTTP/1.1\",\"http_referer\":null,"
                + "\"http_referrer\":\"https://x.example/\",\"body_bytes_sent\":null,\"request_time\":null,"
                + "\"remote_addr\":null,\"time_iso8601\":null}");

        assertThat(line.text(Field.REFERRER)).isEqualTo("https://x.example/");
        assertThat(line.bytes()).isEqualTo(-1);
        assertThat(line.durationMicros()).isEqualTo(-1);
        assertThat(line.text(Field.CLIENT)).isNull();
        assertThat(line.hasTime()).isFalse();
    }

    @Test
    void missingKeysLeaveFieldsAbsent() {
        ParsedLine line = parsed(NGINX_JSON, "{\"status\":\"503\",\"request_uri\":\"/health\"}");

        assertThat(line.status()).isEqualTo(503);
        assertThat(line.text(Field.PATH)).isEqualTo("/health");
        assertThat(line.hasTime()).isFalse();
        assertThat(line.bytes()).isEqualTo(-1);
        assertThat(line.text(Field.METHOD)).isNull();
        assertThat(line.text(Field.CLIENT)).isNull();
        assertThat(line.durationMicros()).isEqualTo(-1);
    }

    @Test
    void dashMeansAbsentForSizeAndTarget() {
        ParsedLine line = parsed(NGINX_JSON, "{\"status\":408,\"request\":\"-\",\"request_uri\":\"-\","
                + "\"body_bytes_sent\":\"-\",\"request_time\":\"-\"}");

        assertThat(line.status()).isEqualTo(408);
        assertThat(line.bytes()).isEqualTo(-1);
        assertThat(line.text(Field.PATH)).isNull();
        assertThat(line.text(Field.REQUEST)).isNull();
        assertThat(line.durationMicros()).isEqualTo(-1);
    }

    @Test
    void aStatusThatIsNotANumberFailsTheLine() {
        assertThat(failure(NGINX_JSON, "{\"status\":\"OK\",\"request\":\"GET / HTTP/1.1\"}"))
                .isEqualTo("status is not a number: OK");
        assertThat(failure(NGINX_JSON, "{\"status\":true,\"request\":\"GET / HTTP/1.1\"}"))
                .isEqualTo("status is not a number: true");
        assertThat(failure(NGINX_JSON, "{\"status\":2000,\"request\":\"GET / HTTP/1.1\"}"))
                .isEqualTo("status is not a number: 2000");
        assertThat(failure(NGINX_JSON, "{\"status\":\"-\",\"request\":\"GET / HTTP/1.1\"}"))
                .isEqualTo("status is not a number: -");
    }

    @Test
    void traefikPresetReadsEveryFieldOfAnAccessLine() throws IOException {
        ParsedLine line = parsed(TRAEFIK, fixture("traefik.jsonl").get(0));

        assertThat(line.epochSecond()).isEqualTo(OCT_10_11_55_36_UTC);
        assertThat(line.nanos()).isEqualTo(123_456_789);
        assertThat(line.offsetSeconds()).isZero();
        assertThat(line.text(Field.CLIENT)).isEqualTo("192.0.2.10");
        assertThat(line.text(Field.USER)).isNull();
        assertThat(line.text(Field.METHOD)).isEqualTo("GET");
        assertThat(line.text(Field.PATH)).isEqualTo("/api/items");
        assertThat(line.text(Field.QUERY)).isEqualTo("limit=10");
        assertThat(line.text(Field.PROTOCOL)).isEqualTo("HTTP/1.1");
        assertThat(line.text(Field.VHOST)).isEqualTo("app.example.com");
        assertThat(line.text(Field.REFERRER)).isEqualTo("https://app.example.com/");
        assertThat(line.text(Field.AGENT)).startsWith("Mozilla/5.0 (Macintosh;");
        assertThat(line.status()).isEqualTo(200);
        assertThat(line.bytes()).isEqualTo(1234);
        assertThat(line.durationMicros()).isEqualTo(1234);
    }

    @Test
    void traefikWithoutHeaderLoggingHasNoReferrerOrAgent() throws IOException {
        ParsedLine line = parsed(TRAEFIK, fixture("traefik.jsonl").get(2));

        assertThat(line.text(Field.REFERRER)).isNull();
        assertThat(line.text(Field.AGENT)).isNull();
        assertThat(line.status()).isEqualTo(502);
        assertThat(line.durationMicros()).isEqualTo(30_001_234);
        assertThat(line.nanos()).isEqualTo(500_000_000);
    }

    @Test
    void traefikUserIsReadWhenAuthenticated() throws IOException {
        ParsedLine line = parsed(TRAEFIK, fixture("traefik.jsonl").get(1));

        assertThat(line.text(Field.USER)).isEqualTo("bob");
        assertThat(line.text(Field.CLIENT)).isEqualTo("2001:db8::20");
        assertThat(line.nanos()).isEqualTo(1);
    }

    @Test
    void presetsRejectEachOthersLines() throws IOException {
        assertThat(parsedCount(CADDY, fixture("traefik.jsonl"))).isZero();
        assertThat(parsedCount(CADDY, fixture("nginx-json.jsonl"))).isZero();
        assertThat(parsedCount(TRAEFIK, fixture("caddy.jsonl"))).isZero();
        assertThat(parsedCount(TRAEFIK, fixture("nginx-json.jsonl"))).isZero();
        assertThat(parsedCount(NGINX_JSON, fixture("caddy.jsonl"))).isZero();
        assertThat(parsedCount(NGINX_JSON, fixture("traefik.jsonl"))).isZero();
    }

    @Test
    void presetsParseEveryLineOfTheirFixture() throws IOException {
        assertThat(parsedCount(CADDY, fixture("caddy.jsonl"))).isEqualTo(4);
        assertThat(parsedCount(NGINX_JSON, fixture("nginx-json.jsonl"))).isEqualTo(4);
        assertThat(parsedCount(TRAEFIK, fixture("traefik.jsonl"))).isEqualTo(3);
    }

    @Test
    void aTextCombinedLineFailsAtTheFirstByte() {
        String combined = "203.0.113.7 - - [10/Oct/2024:13:55:36 +0200] \"GET / HTTP/1.1\" 200 512 \"-\" \"curl/8.5.0\"";

        for (LogFormat format : List.of(CADDY, NGINX_JSON, TRAEFIK)) {
            assertThat(failure(format, combined)).isEqualTo("not a JSON object: expected '{' at column 1");
        }
    }

    @Test
    void everyTruncationOfALineFailsWithoutThrowing() throws IOException {
        byte[] bytes = fixture("caddy.jsonl").get(0).getBytes(UTF_8);
        LogFormat.LineParser parser = CADDY.newParser();
        ParsedLine into = new ParsedLine();

        for (int length = 0; length < bytes.length; length++) {
            assertThat(parser.parse(bytes, 0, length, into)).as("prefix of %d bytes", length).isFalse();
            assertThat(into.failure()).as("prefix of %d bytes", length).isNotNull();
        }
        assertThat(failure(CADDY, "{\"status\":200,\"request\":{\"uri\":\"/abc"))
                .isEqualTo("the line ends inside the JSON object at column 37 (truncated?)");
    }

    @Test
    void aLineInsideALargerBufferIsParsedWithinItsBounds() {
        byte[] buffer = "xx{\"status\":200,\"request\":\"GET / HTTP/1.1\"}{\"status\":500}".getBytes(UTF_8);
        ParsedLine into = new ParsedLine();

        assertThat(NGINX_JSON.newParser().parse(buffer, 2, 43, into)).as(into.failure()).isTrue();
        assertThat(into.status()).isEqualTo(200);
        assertThat(NGINX_JSON.newParser().parse(buffer, 2, 40, into)).isFalse();
        assertThat(into.failure()).contains("at column 39");
    }

    @Test
    void malformedJsonFailsWithTheColumn() {
        assertThat(failure(NGINX_JSON, "{\"status\":200,}")).isEqualTo("expected a key in double quotes at column 15");
        assertThat(failure(NGINX_JSON, "{'status':200}")).isEqualTo("expected a key in double quotes at column 2");
        assertThat(failure(NGINX_JSON, "{\"status\" 200}")).isEqualTo("expected ':' after a key at column 11");
        assertThat(failure(NGINX_JSON, "{\"status\":20x}")).isEqualTo("expected ',' or '}' at column 13");
        assertThat(failure(NGINX_JSON, "{\"status\":tru}")).isEqualTo("expected a JSON value at column 11");
        assertThat(failure(NGINX_JSON, "{\"a\":[1 2]}")).isEqualTo("expected ',' or ']' at column 9");
        assertThat(failure(NGINX_JSON, "{\"a\":-}")).isEqualTo("malformed number at column 6");
        assertThat(failure(NGINX_JSON, "{\"status\":200} x"))
                .isEqualTo("unexpected text after the JSON object at column 16");
        assertThat(failure(NGINX_JSON, "{\"status\":200}{\"status\":201}"))
                .isEqualTo("unexpected text after the JSON object at column 15");
        assertThat(failure(NGINX_JSON, "[{\"status\":200}]")).isEqualTo("not a JSON object: expected '{' at column 1");
        assertThat(failure(NGINX_JSON, "")).isEqualTo("empty line; expected a JSON object");
        assertThat(failure(NGINX_JSON, " \t\r")).isEqualTo("empty line; expected a JSON object");
    }

    @Test
    void deeplyNestedValuesFailInsteadOfOverflowingTheStack() {
        String line = "{\"status\":200,\"x\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";

        assertThat(failure(NGINX_JSON, line)).startsWith("objects and arrays nested deeper than 64 levels");
    }

    @Test
    void surroundingWhitespaceAndATrailingCarriageReturnAreTolerated() {
        ParsedLine line = parsed(NGINX_JSON, " \t{ \"status\" : 200 , \"request\" : \"GET / HTTP/1.1\" }  \r");

        assertThat(line.status()).isEqualTo(200);
        assertThat(line.text(Field.PATH)).isEqualTo("/");
    }

    @Test
    void userMappingReadsNestedAndQuotedKeys() throws ConfigException {
        LogFormat format = mapping("status=\"resp.status\", path = req.\"x.y\" , agent=\"say \\\"hi\\\"\","
                + "client=peer.addr");

        ParsedLine line = parsed(format, "{\"resp.status\":204,\"req\":{\"x.y\":\"/a\"},\"say \\\"hi\\\"\":\"ua\","
                + "\"peer\":{\"addr\":\"192.0.2.1\",\"port\":443}}");

        assertThat(line.status()).isEqualTo(204);
        assertThat(line.text(Field.PATH)).isEqualTo("/a");
        assertThat(line.text(Field.AGENT)).isEqualTo("ua");
        assertThat(line.text(Field.CLIENT)).isEqualTo("192.0.2.1");
    }

    @Test
    void anArrayOnTheWayYieldsItsFirstElement() throws ConfigException {
        LogFormat format = mapping("status=s,path=req.uri");

        ParsedLine line = parsed(format, "{\"s\":[200,500],\"req\":[{\"uri\":\"/first\"},{\"uri\":\"/second\"}]}");

        assertThat(line.status()).isEqualTo(200);
        assertThat(line.text(Field.PATH)).isEqualTo("/first");
    }

    @Test
    void oneKeyCanFeedTwoFields() throws ConfigException {
        LogFormat format = mapping("status=code,vhost=host,client=host");

        ParsedLine line = parsed(format, "{\"host\":\"h.example\",\"code\":200}");

        assertThat(line.text(Field.VHOST)).isEqualTo("h.example");
        assertThat(line.text(Field.CLIENT)).isEqualTo("h.example");
    }

    @Test
    void timeUnitsScaleNumericEpochs() throws ConfigException {
        assertThat(parsed(mapping("status=s,time=t:ms"), "{\"s\":200,\"t\":1728561336123}").nanos())
                .isEqualTo(123_000_000);
        assertThat(parsed(mapping("status=s,time=t:us"), "{\"s\":200,\"t\":1728561336123456}").nanos())
                .isEqualTo(123_456_000);
        ParsedLine nanos = parsed(mapping("status=s,time=t:ns"), "{\"s\":200,\"t\":1728561336123456789}");
        assertThat(nanos.epochSecond()).isEqualTo(OCT_10_11_55_36_UTC);
        assertThat(nanos.nanos()).isEqualTo(123_456_789);
        assertThat(parsed(mapping("status=s,time=t"), "{\"s\":200,\"t\":\"1728561336.5\"}").nanos())
                .isEqualTo(500_000_000);
        assertThat(parsed(mapping("status=s,time=t:ms"), "{\"s\":200,\"t\":\"1728561336250\"}").nanos())
                .isEqualTo(250_000_000);
    }

    @Test
    void timeStringsAreReadAsIsoClfOrEpoch() throws ConfigException {
        LogFormat format = mapping("status=s,time=t");

        ParsedLine iso = parsed(format, "{\"s\":200,\"t\":\"2024-10-10T13:55:36.123+02:00\"}");
        ParsedLine clf = parsed(format, "{\"s\":200,\"t\":\"10/Oct/2024:13:55:36 +0200\"}");

        assertThat(iso.epochSecond()).isEqualTo(OCT_10_11_55_36_UTC);
        assertThat(iso.nanos()).isEqualTo(123_000_000);
        assertThat(iso.offsetSeconds()).isEqualTo(7200);
        assertThat(clf.epochSecond()).isEqualTo(OCT_10_11_55_36_UTC);
        assertThat(failure(format, "{\"s\":200,\"t\":\"yesterday\"}")).startsWith("time is not");
        assertThat(failure(format, "{\"s\":200,\"t\":\"2024-10-10 noon\"}")).startsWith("time is not ISO-8601");
    }

    @Test
    void durationUnitsScaleToMicroseconds() throws ConfigException {
        assertThat(durationMicros("duration=d", "\"0.25\"")).isEqualTo(250_000);
        assertThat(durationMicros("duration=d", "1.5e-3")).isEqualTo(1_500);
        assertThat(durationMicros("duration=d:ms", "12.5")).isEqualTo(12_500);
        assertThat(durationMicros("duration=d:us", "250")).isEqualTo(250);
        assertThat(durationMicros("duration=d:ns", "1500000")).isEqualTo(1_500);
        assertThat(failure(mapping("status=s,duration=d"), "{\"s\":200,\"d\":-1}"))
                .isEqualTo("duration is not a number or a duration such as 1.5s: -1");
    }

    @Test
    void alternativesCarryTheirOwnUnit() throws ConfigException {
        LogFormat format = mapping("status=s,duration=seconds|millis:ms");

        assertThat(parsed(format, "{\"s\":200,\"millis\":40}").durationMicros()).isEqualTo(40_000);
        assertThat(parsed(format, "{\"s\":200,\"seconds\":2,\"millis\":40}").durationMicros()).isEqualTo(2_000_000);
    }

    @Test
    void fieldsNameWhatTheMappingCanFill() throws ConfigException {
        assertThat(mapping("status=s,request=r").fields()).containsExactlyInAnyOrder(Field.STATUS, Field.REQUEST,
                Field.METHOD, Field.PATH, Field.QUERY, Field.PROTOCOL);
        assertThat(mapping("status=s,target=t,bytes=b").fields())
                .containsExactlyInAnyOrder(Field.STATUS, Field.PATH, Field.QUERY, Field.BYTES);
        assertThat(CADDY.fields()).containsExactlyInAnyOrder(Field.TIME, Field.CLIENT, Field.USER, Field.METHOD,
                Field.PATH, Field.QUERY, Field.PROTOCOL, Field.REFERRER, Field.AGENT, Field.VHOST, Field.STATUS,
                Field.BYTES, Field.DURATION);
        assertThat(NGINX_JSON.fields()).contains(Field.REQUEST, Field.TIME, Field.DURATION);
        assertThat(TRAEFIK.fields()).doesNotContain(Field.REQUEST);
    }

    @Test
    void presetsAreSharedAndNamed() throws ConfigException {
        assertThat(JsonLogFormat.preset("caddy")).isSameAs(CADDY);
        assertThat(CADDY.name()).isEqualTo("caddy");
        assertThat(NGINX_JSON.name()).isEqualTo("nginx-json");
        assertThat(TRAEFIK.name()).isEqualTo("traefik");
        assertThat(JsonLogFormat.preset("apache")).isNull();
        assertThat(JsonLogFormat.presetNames()).containsExactly("caddy", "nginx-json", "traefik");
        assertThat(LogFormats.parse("Traefik")).isSameAs(TRAEFIK);
        assertThat(LogFormats.parse("json:status=code").name()).isEqualTo("json:status=code");
    }

    @Test
    void unknownFieldNamesTheFieldsThatExist() {
        ConfigException e = mappingError("status=status,stauts=code");

        assertThat(e.column()).isEqualTo(20);
        assertThat(e.problem()).isEqualTo("unknown field 'stauts'; expected one of time, client, user, request, "
                + "target, method, path, query, protocol, status, bytes, referrer, agent, vhost, duration");
    }

    @Test
    void mappingErrorsPointAtTheirColumn() {
        assertThat(mappingError("status=status,path")).satisfies(e -> {
            assertThat(e.column()).isEqualTo(20);
            assertThat(e.problem()).startsWith("missing '=' in 'path'");
        });
        assertThat(mappingError("status=")).satisfies(e -> {
            assertThat(e.column()).isEqualTo(13);
            assertThat(e.problem()).isEqualTo("empty path for status; expected a key such as status");
        });
        assertThat(mappingError("status=a..b")).satisfies(e -> {
            assertThat(e.column()).isEqualTo(15);
            assertThat(e.problem()).isEqualTo("empty key in the path of status");
        });
        assertThat(mappingError("status=s,duration=d:min")).satisfies(e -> {
            assertThat(e.column()).isEqualTo(26);
            assertThat(e.problem()).isEqualTo("unknown unit 'min'; expected s, ms, us or ns");
        });
        assertThat(mappingError("status=s:ms")).satisfies(e -> {
            assertThat(e.column()).isEqualTo(14);
            assertThat(e.problem()).startsWith("a unit (':ms') applies only to time and duration");
        });
        assertThat(mappingError("status=s,status=t")).satisfies(e -> {
            assertThat(e.column()).isEqualTo(15);
            assertThat(e.problem()).startsWith("field 'status' is mapped twice");
        });
        assertThat(mappingError("status=\"a.b")).satisfies(e -> {
            assertThat(e.column()).isEqualTo(13);
            assertThat(e.problem()).isEqualTo("the quoted key is not closed by '\"'");
        });
        assertThat(mappingError("status=s,")).satisfies(e -> {
            assertThat(e.column()).isEqualTo(15);
            assertThat(e.problem()).isEqualTo("empty entry; expected field=key");
        });
        assertThat(mappingError("status=a=b")).satisfies(e -> {
            assertThat(e.column()).isEqualTo(14);
            assertThat(e.problem()).startsWith("unexpected '='");
        });
        assertThat(mappingError("=a,status=s")).satisfies(e -> {
            assertThat(e.column()).isEqualTo(6);
            assertThat(e.problem()).startsWith("missing field name before '='");
        });
        assertThat(mappingError("")).satisfies(e -> assertThat(e.problem()).startsWith("the JSON field mapping is empty"));
    }

    @Test
    void aMappingWithoutStatusIsRejected() {
        ConfigException e = mappingError("path=uri,time=ts");

        assertThat(e.column()).isZero();
        assertThat(e.problem()).contains("has no status");
    }

    @Test
    void mappingErrorColumnsCountFromTheWholeSpec() {
        Throwable thrown = catchThrowable(() -> LogFormats.parse("json:stauts=status"));

        assertThat(thrown).isInstanceOfSatisfying(ConfigException.class, e -> {
            assertThat(e.setting()).isEqualTo(Setting.FORMAT);
            assertThat(e.input()).isEqualTo("json:stauts=status");
            assertThat(e.column()).isEqualTo(6);
        });
    }

    private static long durationMicros(String durationMapping, String value) throws ConfigException {
        return parsed(mapping("status=s," + durationMapping), "{\"s\":200,\"d\":" + value + "}").durationMicros();
    }

    private static LogFormat mapping(String mapping) throws ConfigException {
        return JsonLogFormat.fromMapping("json:" + mapping, mapping);
    }

    private static ConfigException mappingError(String mapping) {
        Throwable thrown = catchThrowable(() -> mapping(mapping));
        assertThat(thrown).isInstanceOf(ConfigException.class);
        ConfigException e = (ConfigException) thrown;
        assertThat(e.setting()).isEqualTo(Setting.FORMAT);
        assertThat(e.input()).isEqualTo("json:" + mapping);
        return e;
    }

    private static ParsedLine parsed(LogFormat format, String line) {
        return parsed(format, line.getBytes(UTF_8));
    }

    private static ParsedLine parsed(LogFormat format, byte[] line) {
        ParsedLine into = new ParsedLine();
        boolean ok = format.newParser().parse(line, 0, line.length, into);
        assertThat(ok).as("parse failed: %s", into.failure()).isTrue();
        return into;
    }

    private static String failure(LogFormat format, String line) {
        byte[] bytes = line.getBytes(UTF_8);
        ParsedLine into = new ParsedLine();
        assertThat(format.newParser().parse(bytes, 0, bytes.length, into)).as("parse of %s", line).isFalse();
        return into.failure();
    }

    private static int parsedCount(LogFormat format, List<String> lines) {
        LogFormat.LineParser parser = format.newParser();
        ParsedLine into = new ParsedLine();
        int count = 0;
        for (String line : lines) {
            byte[] bytes = line.getBytes(UTF_8);
            if (parser.parse(bytes, 0, bytes.length, into)) {
                count++;
            }
        }
        return count;
    }

    static List<String> fixture(String name) throws IOException {
        try (InputStream in = JsonLogFormatTest.class.getResourceAsStream(name)) {
            assertThat(in).as("fixture %s", name).isNotNull();
            return new String(in.readAllBytes(), UTF_8).lines().toList();
        }
    }
}
