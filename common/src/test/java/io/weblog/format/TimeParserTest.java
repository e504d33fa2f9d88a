package io.weblog.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimeParserTest {
    private final TimeParser parser = new TimeParser();
    private final ParsedLine line = new ParsedLine();

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private OffsetDateTime time() {
        return line.time();
    }

    @ParameterizedTest
    @CsvSource({
        "10/Oct/2024:13:55:36 +0200, 2024-10-10T13:55:36+02:00",
        "01/Jan/1970:00:00:00 +0000, 1970-01-01T00:00:00Z",
        "29/Feb/2024:23:59:59 -0930, 2024-02-29T23:59:59-09:30",
        "31/dec/2099:12:00:00 +1400, 2099-12-31T12:00:00+14:00"})
    void convertsCommonLogTimes(String text, String expected) {
        byte[] b = bytes(text);
        line.reset(b, 0, b.length);
        assertThat(parser.parseClf(b, 0, b.length, line)).isTrue();
        assertThat(time()).isEqualTo(OffsetDateTime.parse(expected));
        assertThat(line.epochSecond()).isEqualTo(OffsetDateTime.parse(expected).toEpochSecond());
    }

    @ParameterizedTest
    @ValueSource(strings = {"30/Feb/2024:00:00:00 +0000", "10/Foo/2024:13:55:36 +0200", "10/Oct/2024:25:00:00 +0000",
        "10/Oct/2024:13:55:36 0200", "10/Oct/2024:13:55:36"})
    void rejectsImpossibleCommonLogTimes(String text) {
        byte[] b = bytes(text);
        line.reset(b, 0, b.length);
        assertThat(parser.parseClf(b, 0, b.length, line)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "2024-10-10T13:55:36+02:00, 2024-10-10T13:55:36+02:00",
        "2024-10-10T11:55:36Z, 2024-10-10T11:55:36Z",
        "2024-10-10T11:55:36.123456789Z, 2024-10-10T11:55:36.123456789Z",
        "2024-10-10 11:55:36.5+0100, 2024-10-10T11:55:36.5+01:00"})
    void convertsIsoTimes(String text, String expected) {
        byte[] b = bytes(text);
        line.reset(b, 0, b.length);
        assertThat(parser.parseIso(b, 0, b.length, line)).isTrue();
        assertThat(time()).isEqualTo(OffsetDateTime.parse(expected));
    }

    @ParameterizedTest
    @CsvSource({"1728561336.123, 1, 2024-10-10T11:55:36.123Z", "1728561336123, 1000, 2024-10-10T11:55:36.123Z",
        "1728561336, 1, 2024-10-10T11:55:36Z", "1.728561336123E9, 1, 2024-10-10T11:55:36.123Z"})
    void convertsEpochTimes(String text, long unitsPerSecond, String expected) {
        byte[] b = bytes(text);
        line.reset(b, 0, b.length);
        assertThat(parser.parseEpoch(b, 0, b.length, unitsPerSecond, line)).isTrue();
        assertThat(time().toInstant()).isEqualTo(OffsetDateTime.parse(expected).toInstant());
        assertThat(time().getOffset()).isEqualTo(ZoneOffset.UTC);
    }

    @org.junit.jupiter.api.Test
    void rejectsEpochNumbersTooLargeForALong() {
        byte[] b = bytes("99999999999999999999");
        line.reset(b, 0, b.length);
        assertThat(parser.parseEpoch(b, 0, b.length, 1, line)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-10-10T13:55:36", "2024-13-10T13:55:36Z", "2024-10-10T13:55:36+2"})
    void rejectsIsoTimesWithoutAValidZone(String text) {
        byte[] b = bytes(text);
        line.reset(b, 0, b.length);
        assertThat(parser.parseIso(b, 0, b.length, line)).isFalse();
    }

    @org.junit.jupiter.api.Test
    void reusesTheLastConversionForTheSameSecondOnly() {
        byte[] first = bytes("10/Oct/2024:13:55:36 +0200");
        byte[] second = bytes("10/Oct/2024:13:55:37 +0200");
        line.reset(first, 0, first.length);
        parser.parseClf(first, 0, first.length, line);
        parser.parseClf(first, 0, first.length, line);
        long a = line.epochSecond();
        parser.parseClf(second, 0, second.length, line);
        assertThat(line.epochSecond()).isEqualTo(a + 1);
    }
}
