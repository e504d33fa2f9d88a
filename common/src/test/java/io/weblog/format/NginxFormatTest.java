package io.weblog.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weblog.ConfigException;
import org.junit.jupiter.api.Test;

class NginxFormatTest {

    private static final String NGINX_COMBINED = "nginx:$remote_addr - $remote_user [$time_local] \"$request\" "
            + "$status $body_bytes_sent \"$http_referer\" \"$http_user_agent\"";

    @Test
    void parsesNginxCombinedWithItsHexEscapes() {
        Parsing.with(NGINX_COMBINED)
                .line("192.0.2.1 - - [10/Oct/2024:13:55:36 +0200] \"GET /search?q=\\x22a\\x22 HTTP/1.1\" 200 612 "
                        + "\"https://shop.example.com/caf\\xC3\\xA9\" \"Mozilla/5.0 \\x5Cx\"")
                .expect(Field.QUERY, "q=\"a\"")
                .expect(Field.REFERRER, "https://shop.example.com/café")
                .expect(Field.AGENT, "Mozilla/5.0 \\x")
                .expectStatus(200)
                .expectBytes(612);
    }

    @Test
    void namesNginxCombinedByItsName() {
        Parsing.with("nginx")
                .line("192.0.2.1 - - [10/Oct/2024:13:55:36 +0200] \"GET / HTTP/1.1\" 200 0 \"-\" \"curl/8\"")
                .expect(Field.AGENT, "curl/8");
    }

    @Test
    void readsIsoAndEpochTimesAndRequestTime() {
        Parsing.with("nginx:$remote_addr $time_iso8601 $host \"$request\" $status $request_time")
                .line("192.0.2.1 2024-10-10T13:55:36+02:00 shop.example.com \"GET / HTTP/2.0\" 502 0.250")
                .expectTime("2024-10-10T13:55:36+02:00")
                .expect(Field.VHOST, "shop.example.com")
                .expectStatus(502)
                .expectDurationMicros(250_000);
        Parsing.with("nginx:$msec $status $request_uri")
                .line("1728561336.123 404 /missing?x=1")
                .expectTime("2024-10-10T11:55:36.123Z")
                .expect(Field.PATH, "/missing")
                .expect(Field.QUERY, "x=1");
    }

    @Test
    void joinsUriIsArgsAndArgsIntoTheTarget() {
        Parsing.with("nginx:$status $request_method $uri$is_args$args")
                .line("200 GET /a?b=c")
                .expect(Field.PATH, "/a")
                .expect(Field.QUERY, "b=c");
    }

    @Test
    void acceptsAFormatPastedFromNginxConfInSeveralQuotedParts() {
        Parsing.with("nginx:'$remote_addr - $remote_user [$time_local] '\n    '\"$request\" $status $body_bytes_sent '"
                        + "\n    '\"$http_referer\" \"$http_user_agent\"';")
                .line("192.0.2.1 - - [10/Oct/2024:13:55:36 +0200] \"GET / HTTP/1.1\" 301 0 \"-\" \"-\"")
                .expectStatus(301);
    }

    @Test
    void acceptsAWholeLogFormatDirectivePastedFromNginxConf() {
        Parsing.with("nginx:log_format main '$remote_addr - $remote_user [$time_local] '\n    '\"$request\" $status "
                        + "$body_bytes_sent';")
                .line("192.0.2.1 - - [10/Oct/2024:13:55:36 +0200] \"GET / HTTP/1.1\" 404 0")
                .expectStatus(404);
        Parsing.with("nginx:log_format j escape=json '$remote_addr \"$http_user_agent\" $status';")
                .line("192.0.2.1 \"say \\\"hi\\\"\" 200")
                .expect(Field.AGENT, "say \"hi\"");
    }

    @Test
    void honoursEscapeNoneAndEscapeJson() {
        Parsing.with("nginx:escape=none $remote_addr \"$http_user_agent\" $status")
                .line("192.0.2.1 \"raw \\x22 stays\" 200")
                .expect(Field.AGENT, "raw \\x22 stays");
        Parsing.with("nginx:escape=json $remote_addr \"$http_user_agent\" $status")
                .line("192.0.2.1 \"say \\\"hi\\\" \\u00e9\" 200")
                .expect(Field.AGENT, "say \"hi\" é");
    }

    @Test
    void takesAStringWithVariablesAsNginxEvenWithoutThePrefix() throws ConfigException {
        assertThat(LogFormats.parse("$remote_addr $status").name()).isEqualTo("nginx:$remote_addr $status");
    }

    @Test
    void skipsVariablesNoRuleUses() {
        Parsing.with("nginx:$remote_addr $upstream_addr $status $ssl_protocol")
                .line("192.0.2.1 10.0.0.5:8080 503 TLSv1.3")
                .expectStatus(503);
    }

    @Test
    void rejectsAnUnknownEscapeSetting() {
        assertThatThrownBy(() -> LogFormats.parse("nginx:escape=xml $status"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("escape=default, escape=json or escape=none");
    }
}
