package io.weblog.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.weblog.ConfigException;
import java.nio.charset.StandardCharsets;

/**
 * A small test DSL: {@code Parsing.with("combined").line(text).expect(Field.PATH, "/a").expectStatus(404)}.
 */
final class Parsing {
    private final LogFormat format;
    private final ParsedLine parsed = new ParsedLine();
    private boolean ok;

    private Parsing(LogFormat format) {
        this.format = format;
    }

    static Parsing with(String spec) {
        try {
            return new Parsing(LogFormats.parse(spec));
        } catch (ConfigException e) {
            throw new AssertionError(e);
        }
    }

    Parsing line(String text) {
        return bytes(text.getBytes(StandardCharsets.UTF_8));
    }

    Parsing bytes(byte[] line) {
        ok = format.newParser().parse(line, 0, line.length, parsed);
        return this;
    }

    Parsing parses() {
        assertThat(ok).as("parsed, but failed with: %s", parsed.failure()).isTrue();
        return this;
    }

    Parsing failsWith(String reasonPart) {
        assertThat(ok).as("expected not to parse").isFalse();
        assertThat(parsed.failure()).contains(reasonPart);
        return this;
    }

    Parsing expect(Field field, String value) {
        parses();
        assertThat(parsed.text(field)).as(field.ruleName()).isEqualTo(value);
        return this;
    }

    Parsing absent(Field field) {
        parses();
        assertThat(parsed.has(field)).as(field.ruleName() + " absent").isFalse();
        return this;
    }

    Parsing expectStatus(int status) {
        parses();
        assertThat(parsed.status()).isEqualTo(status);
        return this;
    }

    Parsing expectBytes(long bytes) {
        parses();
        assertThat(parsed.bytes()).isEqualTo(bytes);
        return this;
    }

    Parsing expectTime(String isoOffsetDateTime) {
        parses();
        assertThat(parsed.time()).isEqualTo(java.time.OffsetDateTime.parse(isoOffsetDateTime));
        return this;
    }

    Parsing expectDurationMicros(long micros) {
        parses();
        assertThat(parsed.durationMicros()).isEqualTo(micros);
        return this;
    }

    ParsedLine parsed() {
        return parsed;
    }
}
