package io.weblog.report;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes JSON text as a stream of names and values, indented two spaces a level; small objects and arrays can be
 * kept on one line. Strings are escaped so that the output is always valid JSON in any encoding that can hold
 * Unicode: control characters become {@code \}{@code uXXXX} and lone surrogates U+FFFD; non-finite numbers become
 * {@code null}.
 */
final class JsonWriter {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final Writer out;
    private final Deque<Level> levels = new ArrayDeque<>();
    private boolean afterName;

    private static final class Level {
        final boolean object;
        final boolean inline;
        int members;

        Level(boolean object, boolean inline) {
            this.object = object;
            this.inline = inline;
        }
    }

    JsonWriter(Writer out) {
        this.out = out;
    }

    /** Opens an object spread over several lines. */
    JsonWriter beginObject() throws IOException {
        return begin(true, false);
    }

    /** Opens an object kept on one line, with everything in it. */
    JsonWriter beginInlineObject() throws IOException {
        return begin(true, true);
    }

    /** Closes the innermost object. */
    JsonWriter endObject() throws IOException {
        return end(true);
    }

    /** Opens an array spread over several lines. */
    JsonWriter beginArray() throws IOException {
        return begin(false, false);
    }

    /** Closes the innermost array. */
    JsonWriter endArray() throws IOException {
        return end(false);
    }

    /** Writes the name of the next member of the current object. */
    JsonWriter name(String name) throws IOException {
        Level level = levels.peek();
        if (level == null || !level.object || afterName) {
            throw new IllegalStateException("a name belongs in an object, before its value");
        }
        separate(level);
        string(name);
        out.write(": ");
        afterName = true;
        return this;
    }

    /** Writes a string, or {@code null}. */
    JsonWriter value(String value) throws IOException {
        beforeValue();
        if (value == null) {
            out.write("null");
        } else {
            string(value);
        }
        return this;
    }

    /** Writes a whole number. */
    JsonWriter value(long value) throws IOException {
        beforeValue();
        out.write(Long.toString(value));
        return this;
    }

    /** Writes a number in plain notation, or {@code null} when it is not finite. */
    JsonWriter value(double value) throws IOException {
        beforeValue();
        out.write(Double.isFinite(value)
                ? BigDecimal.valueOf(value).stripTrailingZeros().toPlainString() : "null");
        return this;
    }

    /** Writes a number in plain notation, or {@code null}. */
    JsonWriter value(BigDecimal value) throws IOException {
        beforeValue();
        out.write(value == null ? "null" : value.toPlainString());
        return this;
    }

    /** Writes {@code true} or {@code false}. */
    JsonWriter value(boolean value) throws IOException {
        beforeValue();
        out.write(value ? "true" : "false");
        return this;
    }

    /** Writes {@code null}. */
    JsonWriter nullValue() throws IOException {
        beforeValue();
        out.write("null");
        return this;
    }

    private JsonWriter begin(boolean object, boolean inline) throws IOException {
        beforeValue();
        out.write(object ? '{' : '[');
        Level parent = levels.peek();
        levels.push(new Level(object, inline || parent != null && parent.inline));
        return this;
    }

    private JsonWriter end(boolean object) throws IOException {
        Level level = levels.peek();
        if (level == null || level.object != object || afterName) {
            throw new IllegalStateException("nothing to close here");
        }
        levels.pop();
        if (!level.inline && level.members > 0) {
            newline();
        }
        out.write(object ? '}' : ']');
        return this;
    }

    private void beforeValue() throws IOException {
        if (afterName) {
            afterName = false;
            return;
        }
        Level level = levels.peek();
        if (level == null) {
            return;
        }
        if (level.object) {
            throw new IllegalStateException("a value in an object needs a name");
        }
        separate(level);
    }

    private void separate(Level level) throws IOException {
        if (level.members++ > 0) {
            out.write(level.inline ? ", " : ",");
        }
        if (!level.inline) {
            newline();
        }
    }

    private void newline() throws IOException {
        out.write('\n');
        for (int i = 0; i < levels.size(); i++) {
            out.write("  ");
        }
    }

    private void string(String text) throws IOException {
        out.write('"');
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.write('\\');
                out.write(c);
            } else if (c < 0x20 || c >= 0x7f && c <= 0x9f || c == '\u2028' || c == '\u2029') {
                unicodeEscape(c);
            } else if (Character.isHighSurrogate(c) && i + 1 < length
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.write(c);
                out.write(text.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.write('\ufffd');
            } else {
                out.write(c);
            }
        }
        out.write('"');
    }

    private void unicodeEscape(char c) throws IOException {
        out.write("\\u");
        out.write(HEX[c >> 12 & 0xf]);
        out.write(HEX[c >> 8 & 0xf]);
        out.write(HEX[c >> 4 & 0xf]);
        out.write(HEX[c & 0xf]);
    }
}
