package io.weblog.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weblog.ConfigException;
import io.weblog.Setting;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApacheFormatTest {

    @Test
    void parsesTheCombinedLineFromApachesDocumentation() {
        Parsing.with("combined")
                .line("127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif HTTP/1.0\" 200 2326 "
                        + "\"http://www.example.com/start.html\" \"Mozilla/4.08 [en] (Win98; I ;Nav)\"")
                .expect(Field.CLIENT, "127.0.0.1")
                .expect(Field.USER, "frank")
                .expect(Field.METHOD, "GET")
                .expect(Field.PATH, "/apache_pb.gif")
                .absent(Field.QUERY)
                .expect(Field.PROTOCOL, "HTTP/1.0")
                .expectStatus(200)
                .expectBytes(2326)
                .expect(Field.REFERRER, "http://www.example.com/start.html")
                .expect(Field.AGENT, "Mozilla/4.08 [en] (Win98; I ;Nav)")
                .expectTime("2000-10-10T13:55:36-07:00");
    }

    @Test
    void splitsTheQueryFromThePath() {
        Parsing.with("combined")
                .line("10.0.0.1 - - [10/Oct/2024:13:55:36 +0200] \"GET /api/v1/orders?page=2&size=50 HTTP/2.0\" 200 "
                        + "512 \"-\" \"curl/8.5.0\"")
                .expect(Field.PATH, "/api/v1/orders")
                .expect(Field.QUERY, "page=2&size=50")
                .absent(Field.REFERRER)
                .absent(Field.USER);
    }

    @Test
    void acceptsIpv6Clients() {
        Parsing.with("combined")
                .line("2001:db8::1a2b - - [10/Oct/2024:13:55:36 +0000] \"GET / HTTP/1.1\" 200 10 \"-\" \"x\"")
                .expect(Field.CLIENT, "2001:db8::1a2b");
    }

    @Test
    void keepsARequestLoggedAsDashAsAHitWithItsStatus() {
        Parsing.with("combined")
                .line("198.51.100.7 - - [10/Oct/2024:13:55:36 +0200] \"-\" 408 - \"-\" \"-\"")
                .expectStatus(408)
                .expectBytes(0)
                .absent(Field.REQUEST)
                .absent(Field.PATH)
                .absent(Field.METHOD)
                .absent(Field.AGENT);
    }

    @Test
    void keepsTlsBytesSentToAPlainPortAsAHitWithTheRawRequest() {
        Parsing parsing = Parsing.with("combined")
                .line("203.0.113.9 - - [10/Oct/2024:13:55:36 +0200] \"\\x16\\x03\\x01\\x02\\x00\\x01\\x00\\x01\\xfc"
                        + "\\x03\\x03\" 400 226 \"-\" \"-\"")
                .expectStatus(400)
                .absent(Field.METHOD)
                .absent(Field.PATH);
        byte[] request = parsing.parsed().text(Field.REQUEST).getBytes(StandardCharsets.ISO_8859_1);
        assertThat(parsing.parsed().has(Field.REQUEST)).isTrue();
        assertThat(request.length).isGreaterThan(0);
    }

    @Test
    void keepsProbesWithoutProtocolAsRequests() {
        Parsing.with("combined")
                .line("203.0.113.9 - - [10/Oct/2024:13:55:36 +0200] \"GET /\" 400 0 \"-\" \"-\"")
                .expect(Field.METHOD, "GET")
                .expect(Field.PATH, "/")
                .absent(Field.PROTOCOL);
        Parsing.with("combined")
                .line("203.0.113.9 - - [10/Oct/2024:13:55:36 +0200] \"SSH-2.0-Go\" 400 0 \"-\" \"-\"")
                .expectStatus(400)
                .absent(Field.METHOD)
                .expect(Field.REQUEST, "SSH-2.0-Go");
    }

    @Test
    void decodesApacheEscapesInReferrerAndAgent() {
        Parsing.with("combined")
                .line("10.0.0.1 - - [10/Oct/2024:13:55:36 +0200] \"GET /caf\\xc3\\xa9 HTTP/1.1\" 404 0 "
                        + "\"https://shop.example.com/search?q=\\\"shoes\\\"\" \"Bot \\\"quoted\\\" \\\\ back\"")
                .expect(Field.PATH, "/café")
                .expect(Field.REFERRER, "https://shop.example.com/search?q=\"shoes\"")
                .expect(Field.AGENT, "Bot \"quoted\" \\ back");
    }

    @Test
    void keepsInvalidUtf8AsReplacementCharactersWithoutFailing() {
        Parsing.with("combined")
                .line("10.0.0.1 - - [10/Oct/2024:13:55:36 +0200] \"GET /\\xff\\xfe HTTP/1.1\" 404 0 \"-\" \"-\"")
                .expect(Field.PATH, "/\uFFFD\uFFFD");
        byte[] raw = ("10.0.0.1 - - [10/Oct/2024:13:55:36 +0200] \"GET /x HTTP/1.1\" 200 0 \"-\" \"agent\u0000")
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] line = new byte[raw.length + 2];
        System.arraycopy(raw, 0, line, 0, raw.length);
        line[raw.length - 1] = (byte) 0xC3;
        line[raw.length] = (byte) 0x28;
        line[raw.length + 1] = '"';
        Parsing.with("combined").bytes(line).expect(Field.AGENT, "agent\uFFFD(");
    }

    @Test
    void findsTheClosingQuoteEvenWhenAnUnescapedQuoteIsInsideTheReferrer() {
        Parsing.with("combined")
                .line("10.0.0.1 - - [10/Oct/2024:13:55:36 +0200] \"GET / HTTP/1.1\" 200 5 \"bad \"ref\" x\" \"ua\"")
                .expect(Field.REFERRER, "bad \"ref\" x")
                .expect(Field.AGENT, "ua");
    }

    @Test
    void findsTheClosingQuoteEvenWhenAnUnescapedQuoteIsInsideTheLastValue() {
        String head = "66.249.66.1 - - [10/Oct/2024:13:55:36 +0200] \"GET /d HTTP/1.1\" 200 1 \"-\" ";
        Parsing.with("combined").line(head + "\"Mozilla/5.0 \"compatible\" Googlebot/2.1\"")
                .expect(Field.AGENT, "Mozilla/5.0 \"compatible\" Googlebot/2.1");
        Parsing.with("combined").line(head + "\"raw \"quote\" inside\"")
                .expect(Field.AGENT, "raw \"quote\" inside");
        Parsing.with("combined").line(head + "\"ua\" \"appended\" 12")
                .expect(Field.AGENT, "ua");
    }

    @Test
    void parsesLinesOfManyKilobytes() {
        String query = "q=" + "x".repeat(20_000);
        Parsing.with("combined")
                .line("10.0.0.1 - - [10/Oct/2024:13:55:36 +0200] \"GET /search?" + query + " HTTP/1.1\" 414 0 "
                        + "\"-\" \"-\"")
                .expect(Field.QUERY, query)
                .expectStatus(414);
    }

    @Test
    void readsEachLinesOwnZone() {
        Parsing.with("combined")
                .line("10.0.0.1 - - [31/Dec/2024:23:59:59 -0500] \"GET / HTTP/1.1\" 200 5 \"-\" \"-\"")
                .expectTime("2024-12-31T23:59:59-05:00");
        Parsing.with("combined")
                .line("10.0.0.1 - - [29/Feb/2024:01:00:00 +0530] \"GET / HTTP/1.1\" 200 5 \"-\" \"-\"")
                .expectTime("2024-02-29T01:00:00+05:30");
    }

    @Test
    void acceptsFieldsAppendedAfterCombined() {
        Parsing.with("combined")
                .line("10.0.0.1 - - [10/Oct/2024:13:55:36 +0200] \"GET / HTTP/1.1\" 200 5 \"-\" \"curl\" 0.004 "
                        + "\"upstream=10.0.0.2:8080\"")
                .expect(Field.AGENT, "curl");
    }

    @Test
    void acceptsFieldsAppendedAfterCommon() {
        Parsing.with("common")
                .line("10.0.0.1 - - [10/Oct/2024:13:55:36 +0200] \"GET / HTTP/1.1\" 200 5 0.004 upstream=10.0.0.2")
                .expectBytes(5);
    }

    @Test
    void parsesCommonAndVhostCombined() {
        Parsing.with("common")
                .line("10.0.0.1 - - [10/Oct/2024:13:55:36 +0200] \"POST /login HTTP/1.1\" 302 -")
                .expect(Field.METHOD, "POST")
                .expectStatus(302)
                .absent(Field.REFERRER);
        Parsing.with("vhost_combined")
                .line("shop.example.com:443 10.0.0.1 - - [10/Oct/2024:13:55:36 +0200] \"GET / HTTP/1.1\" 200 5 "
                        + "\"-\" \"-\"")
                .expect(Field.VHOST, "shop.example.com")
                .expect(Field.CLIENT, "10.0.0.1");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "10.0.0.1 - - [10/Oct/2024:13:55:36 +0200] \"GET / HTTP/1.1\" 200 5 \"-\"       | no closing quote",
        "10.0.0.1 - - [10/Oct/2024:13:55:36 +0200] \"GET / HTTP/1.1\" abc 5 \"-\" \"-\" | status is not a number",
        "10.0.0.1 - - [10/Oct/2024 13:55:36 +0200] \"GET / HTTP/1.1\" 200 5 \"-\" \"-\" | time",
        "10.0.0.1 - - [10/Oct/2024:13:55:36 +0200] \"GET / HTTP/1.1                     | closing quote",
        "garbage                                                                       | ",
        "10.0.0.1 - - [10/Oct/2024:13:55:36 +0200] \"GET / HTTP/1.1\" 200 x5 \"-\" \"-\"| size is not a number"})
    void saysWhyALineIsNotAHit(String line, String reason) {
        Parsing.with("combined").line(line.strip()).failsWith(reason == null ? "" : reason);
    }

    @Test
    void compilesAnyLogFormatWithTimingsAndVhost() {
        Parsing.with("%v %h %l %u %t \"%r\" %>s %B %D %{ms}T \"%{Referer}i\" \"%{User-Agent}i\"")
                .line("www.example.org 10.0.0.1 - - [10/Oct/2024:13:55:36 +0200] \"GET /a HTTP/1.1\" 200 0 1234 1 "
                        + "\"-\" \"-\"")
                .expect(Field.VHOST, "www.example.org")
                .expectDurationMicros(1234)
                .expectBytes(0);
        Parsing.with("%h %t %T %>s")
                .line("10.0.0.1 [10/Oct/2024:13:55:36 +0200] 3 500")
                .expectDurationMicros(3_000_000)
                .expectStatus(500);
    }

    @Test
    void compilesSeparateMethodPathQueryAndProtocolDirectives() {
        Parsing.with("%a %{msec}t %m %U%q %H %s %I %O")
                .line("10.0.0.1 1728561336123 GET /p?x=1 HTTP/1.1 404 100 200")
                .expect(Field.METHOD, "GET")
                .expect(Field.PATH, "/p")
                .expect(Field.QUERY, "x=1")
                .expect(Field.PROTOCOL, "HTTP/1.1")
                .expectStatus(404)
                .expectTime("2024-10-10T11:55:36.123Z");
    }

    @Test
    void compilesStrftimeTimes() {
        Parsing.with("%h [%{%Y-%m-%d %H:%M:%S %z}t] \"%r\" %>s")
                .line("10.0.0.1 [2024-10-10 13:55:36 +0200] \"GET / HTTP/1.1\" 200")
                .expectTime("2024-10-10T13:55:36+02:00");
    }

    @Test
    void takesTheHostHeaderAsVhostWhenNoVhostIsLogged() {
        Parsing.with("%h %{Host}i %>s").line("10.0.0.1 api.example.com 200").expect(Field.VHOST, "api.example.com");
    }

    @Test
    void acceptsAFormatPastedFromHttpdConfWithEscapedQuotes() {
        Parsing.with("%h %l %u %t \\\"%r\\\" %>s %b")
                .line("10.0.0.1 - - [10/Oct/2024:13:55:36 +0200] \"GET / HTTP/1.1\" 200 5")
                .expectStatus(200);
    }

    @Test
    void acceptsAWholeLogFormatLinePastedFromHttpdConf() {
        Parsing.with("LogFormat \"%h %l %u %t \\\"%r\\\" %>s %b\" common")
                .line("10.0.0.1 - - [10/Oct/2024:13:55:36 +0200] \"GET /x HTTP/1.1\" 404 5")
                .expectStatus(404)
                .expect(Field.PATH, "/x");
    }

    @Test
    void takesTheFinalStatusWhenTheOriginalIsLoggedToo() {
        for (String format : new String[] {"%h %>s %<s", "%h %>s %s", "%h %s %>s"}) {
            String line = format.endsWith("%>s") ? "10.0.0.1 500 200" : "10.0.0.1 200 500";
            Parsing.with(format).line(line).expectStatus(200);
        }
        Parsing.with("%h %s").line("10.0.0.1 302").expectStatus(302);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "%h %Z %s            | 4  | unknown directive %Z",
        "%h %{Referer %s     | 4  | '{' is not closed",
        "%h %s%b             | 6  | follow each other",
        "%h %{nope}T         | 4  | unknown unit",
        "%h %{%Y %Q}t        | 4  | time conversion %Q",
        "%h %                | 4  | at the end"})
    void rejectsBrokenFormatsWithTheColumn(String format, int column, String problem) {
        assertThatThrownBy(() -> LogFormats.parse(format))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.setting()).isEqualTo(Setting.FORMAT);
                    assertThat(e.column()).isEqualTo(column);
                    assertThat(e.problem()).contains(problem);
                });
    }

    @Test
    void rejectsUnknownFormatNamesListingTheKnownOnes() {
        assertThatThrownBy(() -> LogFormats.parse("combinde"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'combinde'")
                .hasMessageContaining("combined, common, vhost_combined");
    }

    @Test
    void describesTheFieldsEachFormatLogs() throws ConfigException {
        assertThat(LogFormats.combined().fields()).contains(Field.REFERRER, Field.AGENT, Field.TIME, Field.STATUS)
                .doesNotContain(Field.VHOST, Field.DURATION);
        assertThat(LogFormats.common().fields()).doesNotContain(Field.REFERRER);
        assertThat(LogFormats.parse("%h %>s").fields()).doesNotContain(Field.TIME);
    }

    @Test
    void reusesOneParsedLineWithoutLeakingFieldsFromTheLineBefore() {
        LogFormat.LineParser parser = LogFormats.combined().newParser();
        ParsedLine line = new ParsedLine();
        byte[] first = "10.0.0.1 - bob [10/Oct/2024:13:55:36 +0200] \"GET /a?x=1 HTTP/1.1\" 200 5 \"https://r/\" \"ua\""
                .getBytes(StandardCharsets.UTF_8);
        byte[] second = "10.0.0.2 - - [10/Oct/2024:13:55:37 +0200] \"GET /b HTTP/1.1\" 404 5 \"-\" \"ua\""
                .getBytes(StandardCharsets.UTF_8);
        assertThat(parser.parse(first, 0, first.length, line)).isTrue();
        assertThat(line.text(Field.REFERRER)).isEqualTo("https://r/");
        assertThat(parser.parse(second, 0, second.length, line)).isTrue();
        assertThat(line.has(Field.REFERRER)).isFalse();
        assertThat(line.has(Field.QUERY)).isFalse();
        assertThat(line.has(Field.USER)).isFalse();
        assertThat(line.status()).isEqualTo(404);
        assertThat(line.epochSecond()).isEqualTo(1728561337L);
    }

    @Test
    void skipsValuesAfterTheLastNeededOneWhenTheLineEndsAsTheFormatDoes() {
        LogFormat.LineParser parser = LogFormats.combined().newParser(java.util.EnumSet.of(Field.STATUS, Field.TIME));
        ParsedLine line = new ParsedLine();
        byte[] whole = "10.0.0.1 - - [10/Oct/2024:13:55:36 +0200] \"GET /a HTTP/1.1\" 503 5 \"https://r/\" \"ua\""
                .getBytes(StandardCharsets.UTF_8);
        assertThat(parser.parse(whole, 0, whole.length, line)).isTrue();
        assertThat(line.isComplete()).isFalse();
        assertThat(line.status()).isEqualTo(503);
        assertThat(line.has(Field.REFERRER)).isFalse();
        byte[] truncated = "10.0.0.1 - - [10/Oct/2024:13:55:36 +0200] \"GET /a HTTP/1.1\" 503 5 \"https://r/\" \"u"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(parser.parse(truncated, 0, truncated.length, line)).as("a cut line is still malformed").isFalse();
        assertThat(LogFormats.combined().newParser().parse(whole, 0, whole.length, line)).isTrue();
        assertThat(line.isComplete()).isTrue();
        assertThat(line.text(Field.AGENT)).isEqualTo("ua");
    }

    @Test
    void splitsTheRequestOnlyWhenAPartIsAskedFor() {
        ParsedLine line = Parsing.with("combined")
                .line("10.0.0.1 - - [10/Oct/2024:13:55:36 +0200] \"DELETE /a\\x20b?c=\\x22d HTTP/1.0\" 204 0 \"-\" \"-\"")
                .parsed();
        assertThat(line.text(Field.REQUEST)).isEqualTo("DELETE /a b?c=\"d HTTP/1.0");
        assertThat(line.text(Field.METHOD)).isEqualTo("DELETE");
        assertThat(line.text(Field.PATH)).isEqualTo("/a b");
        assertThat(line.text(Field.QUERY)).isEqualTo("c=\"d");
        assertThat(line.text(Field.PROTOCOL)).isEqualTo("HTTP/1.0");
    }

    @Test
    void materialisesAHitWithItsPosition() {
        ParsedLine parsed = Parsing.with("combined")
                .line("10.0.0.1 - - [10/Oct/2024:13:55:36 +0200] \"GET /a?b=1 HTTP/1.1\" 404 12 \"https://r/\" \"ua\"")
                .parsed();
        Hit hit = parsed.toHit("access.log", 7, 1234);
        assertThat(hit.target()).isEqualTo("/a?b=1");
        assertThat(hit.status()).isEqualTo(404);
        assertThat(hit.bytes()).isEqualTo(12);
        assertThat(hit.position()).isEqualTo(new Hit.Position("access.log", 7, 1234));
        assertThat(hit.line()).startsWith("10.0.0.1 - -");
        assertThat(hit.time().getOffset().getTotalSeconds()).isEqualTo(7200);
    }
}
