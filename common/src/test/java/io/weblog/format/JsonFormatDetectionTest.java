package io.weblog.format;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonFormatDetectionTest {

    @Test
    void detectsCaddyAccessLogs() throws IOException {
        assertDetected("caddy.jsonl", "caddy");
    }

    @Test
    void detectsTraefikAccessLogs() throws IOException {
        assertDetected("traefik.jsonl", "traefik");
    }

    @Test
    void detectsNginxEscapeJsonLogs() throws IOException {
        assertDetected("nginx-json.jsonl", "nginx-json");
    }

    @Test
    void detectsNginxJsonWrittenWithTimeLocalAndQuotedNumbers() {
        List<byte[]> lines = bytes(List.of(
                "{\"time_local\":\"10/Oct/2024:13:55:36 +0200\",\"remote_addr\":\"198.51.100.23\",\"remote_user\":\"\","
                        + "\"request\":\"GET / HTTP/1.1\",\"status\": \"200\",\"body_bytes_sent\":\"612\","
                        + "\"request_time\":\"0.000\",\"http_referrer\":\"\",\"http_user_agent\":\"curl/8.5.0\"}",
                "{\"time_local\":\"10/Oct/2024:13:55:37 +0200\",\"remote_addr\":\"198.51.100.23\",\"remote_user\":\"\","
                        + "\"request\":\"GET /nope HTTP/1.1\",\"status\": \"404\",\"body_bytes_sent\":\"153\","
                        + "\"request_time\":\"0.001\",\"http_referrer\":\"https://a.example/\","
                        + "\"http_user_agent\":\"curl/8.5.0\"}"));

        FormatDetector.Detection detection = FormatDetector.detect(lines);

        assertThat(detection.format()).isSameAs(JsonLogFormat.preset("nginx-json"));
        assertThat(detection.parsed()).isEqualTo(2);
    }

    @Test
    void detectsNothingInJsonThatIsNoAccessLog() {
        List<byte[]> lines = bytes(List.of("{\"level\":\"info\",\"ts\":1728561300.1,\"msg\":\"server running\"}",
                "{\"level\":\"info\",\"time\":\"2024-10-10T13:55:36+02:00\",\"msg\":\"Configuration loaded\"}"));

        FormatDetector.Detection detection = FormatDetector.detect(lines);

        assertThat(detection.format()).isNull();
        assertThat(detection.parsed()).isZero();
    }

    private static void assertDetected(String fixture, String preset) throws IOException {
        List<byte[]> lines = bytes(JsonLogFormatTest.fixture(fixture));

        FormatDetector.Detection detection = FormatDetector.detect(lines);

        assertThat(detection.format()).isSameAs(JsonLogFormat.preset(preset));
        assertThat(detection.parsed()).isEqualTo(lines.size());
        assertThat(detection.sampled()).isEqualTo(lines.size());
    }

    private static List<byte[]> bytes(List<String> lines) {
        return lines.stream().map(line -> line.getBytes(UTF_8)).toList();
    }
}
