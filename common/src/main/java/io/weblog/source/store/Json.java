package io.weblog.source.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON a log store speaks, read and written without a JSON library: requests are built as maps, lists, strings,
 * numbers and booleans and written compactly; responses are read into the same kinds of values. An object read from
 * a response remembers where it lay in the response's bytes ({@link JsonObject#rawStart()}), so that a document's
 * fields can be handed to the log format's own JSON scanner as they arrived, without being written again.
 */
final class Json {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Json() {
    }

    /** A JSON object as read: its members in order, and where it lay in the bytes it was read from. */
    static final class JsonObject extends LinkedHashMap<String, Object> {
        private static final long serialVersionUID = 1L;
        private final transient byte[] source;
        private final int rawStart;
        private int rawEnd;

        JsonObject(byte[] source, int rawStart) {
            this.source = source;
            this.rawStart = rawStart;
        }

        /** The bytes the object was read from. */
        byte[] source() {
            return source;
        }

        /** Where its opening brace is. */
        int rawStart() {
            return rawStart;
        }

        /** Just after its closing brace. */
        int rawEnd() {
            return rawEnd;
        }
    }

    /**
     * Reads one JSON value.
     *
     * @throws IllegalArgumentException saying where the text stops being JSON
     */
    static Object parse(byte[] bytes) {
        Reader reader = new Reader(bytes);
        reader.skipSpace();
        Object value = reader.value(0);
        reader.skipSpace();
        if (reader.pos != bytes.length) {
            throw reader.error("text after the value");
        }
        return value;
    }

    /** Writes a value made of maps, lists, strings, numbers, booleans and nulls as compact JSON. */
    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    /** A map of names to values in the order given, for building requests: {@code object("size", 0, "query", q)}. */
    static Map<String, Object> object(Object... namesAndValues) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            object.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return object;
    }

    /** The value at a path of member names below an object, or {@code null} where one is missing. */
    static Object at(Object value, String... names) {
        Object current = value;
        for (String name : names) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(name);
        }
        return current;
    }

    /** The text at a path, or {@code null}. */
    static String text(Object value, String... names) {
        Object found = at(value, names);
        return found == null ? null : found.toString();
    }

    /** The whole number at a path, or {@code fallback} when there is none. */
    static long number(Object value, long fallback, String... names) {
        return at(value, names) instanceof Number number ? number.longValue() : fallback;
    }

    /** The object at a path, or an empty one. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> objectAt(Object value, String... names) {
        return at(value, names) instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    /** The array at a path, or an empty one. */
    static List<?> arrayAt(Object value, String... names) {
        return at(value, names) instanceof List<?> list ? list : List.of();
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String text) {
            string(text, out);
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            out.append(value);
        } else if (value instanceof Number number) {
            double d = number.doubleValue();
            out.append(Double.isFinite(d) ? (d == Math.rint(d) && Math.abs(d) < 1e15
                    ? Long.toString((long) d) : Double.toString(d)) : "null");
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> member : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(member.getKey().toString(), out);
                out.append(':');
                write(member.getValue(), out);
            }
            out.append('}');
        } else if (value instanceof Iterable<?> list) {
            out.append('[');
            boolean first = true;
            for (Object element : list) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                write(element, out);
            }
            out.append(']');
        } else {
            string(value.toString(), out);
        }
    }

    private static void string(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 15]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** A recursive-descent reader over UTF-8 bytes. */
    private static final class Reader {
        private static final int MAX_DEPTH = 256;
        private final byte[] b;
        private int pos;

        Reader(byte[] bytes) {
            this.b = bytes;
        }

        Object value(int depth) {
            if (depth > MAX_DEPTH) {
                throw error("nested too deeply");
            }
            if (pos >= b.length) {
                throw error("the text ends where a value was expected");
            }
            return switch (b[pos]) {
                case '{' -> object(depth);
                case '[' -> array(depth);
                case '"' -> string();
                case 't' -> literal("true", Boolean.TRUE);
                case 'f' -> literal("false", Boolean.FALSE);
                case 'n' -> literal("null", null);
                default -> number();
            };
        }

        private JsonObject object(int depth) {
            JsonObject object = new JsonObject(b, pos);
            pos++;
            skipSpace();
            if (peek() == '}') {
                pos++;
                object.rawEnd = pos;
                return object;
            }
            while (true) {
                skipSpace();
                if (peek() != '"') {
                    throw error("expected a member name");
                }
                String name = string();
                skipSpace();
                expect(':');
                skipSpace();
                object.put(name, value(depth + 1));
                skipSpace();
                byte next = peek();
                pos++;
                if (next == '}') {
                    object.rawEnd = pos;
                    return object;
                }
                if (next != ',') {
                    pos--;
                    throw error("expected ',' or '}'");
                }
            }
        }

        private List<Object> array(int depth) {
            pos++;
            List<Object> list = new ArrayList<>();
            skipSpace();
            if (peek() == ']') {
                pos++;
                return list;
            }
            while (true) {
                skipSpace();
                list.add(value(depth + 1));
                skipSpace();
                byte next = peek();
                pos++;
                if (next == ']') {
                    return list;
                }
                if (next != ',') {
                    pos--;
                    throw error("expected ',' or ']'");
                }
            }
        }

        private String string() {
            pos++;
            int start = pos;
            while (pos < b.length && b[pos] != '"' && b[pos] != '\\') {
                pos++;
            }
            if (pos < b.length && b[pos] == '"') {
                String plain = new String(b, start, pos - start, StandardCharsets.UTF_8);
                pos++;
                return plain;
            }
            StringBuilder text = new StringBuilder(new String(b, start, pos - start, StandardCharsets.UTF_8));
            while (true) {
                if (pos >= b.length) {
                    throw error("a string is not closed");
                }
                byte c = b[pos];
                if (c == '"') {
                    pos++;
                    return text.toString();
                }
                if (c != '\\') {
                    int runStart = pos;
                    while (pos < b.length && b[pos] != '"' && b[pos] != '\\') {
                        pos++;
                    }
                    text.append(new String(b, runStart, pos - runStart, StandardCharsets.UTF_8));
                    continue;
                }
                if (pos + 1 >= b.length) {
                    throw error("a string is not closed");
                }
                byte escaped = b[pos + 1];
                pos += 2;
                switch (escaped) {
                    case '"', '\\', '/' -> text.append((char) escaped);
                    case 'b' -> text.append('\b');
                    case 'f' -> text.append('\f');
                    case 'n' -> text.append('\n');
                    case 'r' -> text.append('\r');
                    case 't' -> text.append('\t');
                    case 'u' -> {
                        if (pos + 4 > b.length) {
                            throw error("a \\u escape is cut short");
                        }
                        try {
                            text.append((char) Integer.parseInt(new String(b, pos, 4, StandardCharsets.US_ASCII), 16));
                        } catch (NumberFormatException e) {
                            throw error("a \\u escape is not four hex digits");
                        }
                        pos += 4;
                    }
                    default -> throw error("an unknown escape");
                }
            }
        }

        private Object number() {
            int start = pos;
            boolean integral = true;
            while (pos < b.length) {
                byte c = b[pos];
                if (c >= '0' && c <= '9' || c == '-' || c == '+') {
                    pos++;
                } else if (c == '.' || c == 'e' || c == 'E') {
                    integral = false;
                    pos++;
                } else {
                    break;
                }
            }
            if (start == pos) {
                throw error("expected a value");
            }
            String text = new String(b, start, pos - start, StandardCharsets.US_ASCII);
            try {
                if (integral && pos - start < 19) {
                    return Long.parseLong(text);
                }
                return Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw error("not a number: " + text);
            }
        }

        private Object literal(String word, Object value) {
            byte[] expected = word.getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < expected.length; i++) {
                if (pos + i >= b.length || b[pos + i] != expected[i]) {
                    throw error("expected a value");
                }
            }
            pos += expected.length;
            return value;
        }

        void skipSpace() {
            while (pos < b.length && (b[pos] == ' ' || b[pos] == '\n' || b[pos] == '\r' || b[pos] == '\t')) {
                pos++;
            }
        }

        private byte peek() {
            if (pos >= b.length) {
                throw error("the text ends too early");
            }
            return b[pos];
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        IllegalArgumentException error(String problem) {
            return new IllegalArgumentException(problem + " at byte " + pos);
        }
    }
}
