package io.weblog.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EscapingTest {

    private static String decode(Escaping escaping, String text) {
        return new String(escaping.decode(text.getBytes(StandardCharsets.ISO_8859_1)), StandardCharsets.UTF_8);
    }

    @Test
    void decodesApacheEscapes() {
        assertThat(decode(Escaping.APACHE, "a\\\"b\\\\c\\td\\x41\\xc3\\xa9")).isEqualTo("a\"b\\c\tdAé");
        assertThat(decode(Escaping.APACHE, "\\b\\n\\r\\v")).isEqualTo("\b\n\r\u000b");
    }

    @Test
    void leavesIncompleteEscapesAsTheyAre() {
        assertThat(decode(Escaping.APACHE, "end\\")).isEqualTo("end\\");
        assertThat(decode(Escaping.APACHE, "\\xZZ\\q")).isEqualTo("\\xZZ\\q");
        assertThat(decode(Escaping.NGINX, "\\x4")).isEqualTo("\\x4");
        assertThat(decode(Escaping.JSON, "\\u12")).isEqualTo("\\u12");
    }

    @Test
    void decodesNginxHexEscapesOnly() {
        assertThat(decode(Escaping.NGINX, "\\x22q\\x22 \\x5C \\n")).isEqualTo("\"q\" \\ \\n");
    }

    @Test
    void decodesJsonEscapesIncludingSurrogatePairs() {
        assertThat(decode(Escaping.JSON, "\\\"\\\\\\/\\b\\f\\n\\r\\t")).isEqualTo("\"\\/\b\f\n\r\t");
        assertThat(decode(Escaping.JSON, "\\u00e9\\u20ac\\ud83d\\ude00")).isEqualTo("é€😀");
    }

    @Test
    void neverDecodesToMoreBytesThanItRead() {
        byte[] source = "\\ud83d\\ude00\\u20ac\\u00e9".getBytes(StandardCharsets.US_ASCII);
        byte[] target = new byte[source.length];
        int end = Escaping.JSON.decode(source, 0, source.length, target, 0);
        assertThat(end).isLessThanOrEqualTo(source.length);
    }

    @Test
    void copiesUnescapedTextUnchanged() {
        assertThat(decode(Escaping.NONE, "a\\\"b")).isEqualTo("a\\\"b");
    }
}
