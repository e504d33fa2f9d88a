package io.weblog.format;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A line format made of literal text and value directives, as Apache's {@code LogFormat} and nginx's
 * {@code log_format} describe it. Compiled once from the format string by {@link ApacheFormatCompiler} or
 * {@link NginxFormatCompiler}; parsing walks the directives over the line's bytes with no regular expression and no
 * allocation for a well-formed line.
 *
 * <p>How a value ends is decided when compiling: a value between double quotes ends at the quote that the following
 * literal text matches (so an escaped or even a raw quote inside does not cut it short); {@code %t} runs from
 * {@code [} to {@code ]}; any other value ends at the first byte of the following literal. Text after the last
 * directive may be followed by more fields separated by white space (admins often append to {@code combined}).
 */
final class TextLogFormat implements LogFormat {

    /** What a directive's value means. */
    enum Kind {
        CLIENT, USER, METHOD, PATH, QUERY, QUERY_WITH_MARK, TARGET, PROTOCOL, REQUEST, STATUS, BYTES_CLF, BYTES,
        REFERRER, AGENT, VHOST, TIME_CLF_BRACKETED, TIME_CLF, TIME_ISO, TIME_EPOCH, TIME_PATTERN, DURATION_MICROS,
        DURATION_MILLIS, DURATION_SECONDS, IGNORE
    }

    /**
     * One value of the format.
     *
     * @param kind what the value means
     * @param text the directive as written in the format string, for messages
     * @param unitsPerSecond for epoch times, 1 for seconds, 1000 for milliseconds, 1000000 for microseconds
     * @param pattern for {@link Kind#TIME_PATTERN}, the formatter; {@code null} otherwise
     */
    record Directive(Kind kind, String text, long unitsPerSecond, DateTimeFormatter pattern) {
        static Directive of(Kind kind, String text) {
            return new Directive(kind, text, 1, null);
        }
    }

    private static final byte QUOTED = 0;
    private static final byte BRACKETED = 1;
    private static final byte DELIMITED = 2;
    private static final byte TO_END = 3;
    /** {@code [10/Oct/2000:13:55:36 -0700]}: Apache's {@code %t} always has this length. */
    private static final int CLF_BRACKETED_LENGTH = 28;

    private final String name;
    private final Escaping escaping;
    private final byte[][] literals;
    private final String[] literalTexts;
    private final Directive[] directives;
    private final byte[] endings;
    private final Set<Field> fields;
    private final List<Set<Field>> fieldsByDirective;

    /**
     * @param name the user-facing name
     * @param escaping how the server escapes values
     * @param literals literal text before each directive, and after the last one ({@code directives.size() + 1})
     * @param directives the values, in order
     */
    TextLogFormat(String name, Escaping escaping, List<String> literals, List<Directive> directives) {
        if (literals.size() != directives.size() + 1) {
            throw new IllegalArgumentException("need one literal more than directives");
        }
        this.name = name;
        this.escaping = escaping;
        this.directives = directives.toArray(new Directive[0]);
        this.literalTexts = literals.toArray(new String[0]);
        this.literals = new byte[literals.size()][];
        for (int i = 0; i < literals.size(); i++) {
            this.literals[i] = literals.get(i).getBytes(StandardCharsets.UTF_8);
        }
        this.endings = new byte[directives.size()];
        for (int i = 0; i < this.directives.length; i++) {
            byte[] before = this.literals[i];
            byte[] after = this.literals[i + 1];
            Kind kind = this.directives[i].kind();
            if (kind == Kind.TIME_CLF_BRACKETED) {
                endings[i] = BRACKETED;
            } else if (before.length > 0 && before[before.length - 1] == '"' && after.length > 0 && after[0] == '"') {
                endings[i] = QUOTED;
            } else if (after.length == 0) {
                endings[i] = TO_END;
            } else {
                endings[i] = DELIMITED;
            }
        }
        EnumSet<Field> logged = EnumSet.noneOf(Field.class);
        List<Set<Field>> byDirective = new ArrayList<>();
        for (Directive directive : this.directives) {
            Set<Field> provided = provides(directive.kind());
            byDirective.add(provided);
            logged.addAll(provided);
        }
        this.fieldsByDirective = List.copyOf(byDirective);
        this.fields = Set.copyOf(logged);
    }

    private static Set<Field> provides(Kind kind) {
        return switch (kind) {
            case CLIENT -> Set.of(Field.CLIENT);
            case USER -> Set.of(Field.USER);
            case METHOD -> Set.of(Field.METHOD);
            case PATH -> Set.of(Field.PATH);
            case QUERY, QUERY_WITH_MARK -> Set.of(Field.QUERY);
            case TARGET -> Set.of(Field.PATH, Field.QUERY);
            case PROTOCOL -> Set.of(Field.PROTOCOL);
            case REQUEST -> Set.of(Field.REQUEST, Field.METHOD, Field.PATH, Field.QUERY, Field.PROTOCOL);
            case STATUS -> Set.of(Field.STATUS);
            case BYTES, BYTES_CLF -> Set.of(Field.BYTES);
            case REFERRER -> Set.of(Field.REFERRER);
            case AGENT -> Set.of(Field.AGENT);
            case VHOST -> Set.of(Field.VHOST);
            case TIME_CLF, TIME_CLF_BRACKETED, TIME_ISO, TIME_EPOCH, TIME_PATTERN -> Set.of(Field.TIME);
            case DURATION_MICROS, DURATION_MILLIS, DURATION_SECONDS -> Set.of(Field.DURATION);
            case IGNORE -> Set.of();
        };
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<Field> fields() {
        return fields;
    }

    @Override
    public LineParser newParser() {
        return new Parser(directives.length - 1);
    }

    /**
     * A parser that stops after the last directive providing a needed field, when the line ends as the format does
     * (its last byte is the last byte of the format's trailing text); otherwise it reads on, so nothing is misread.
     */
    @Override
    public LineParser newParser(Set<Field> needed) {
        int last = -1;
        for (int i = 0; i < directives.length; i++) {
            for (Field field : fieldsByDirective.get(i)) {
                if (needed.contains(field)) {
                    last = i;
                }
            }
        }
        byte[] trailing = literals[directives.length];
        return trailing.length == 0 ? newParser() : new Parser(Math.max(last, 0));
    }

    @Override
    public String toString() {
        return name;
    }

    private final class Parser implements LineParser {
        private final TimeParser times = new TimeParser();
        private final int stopAfter;
        private final byte lastByte;
        private boolean sawBackslash;

        Parser(int stopAfter) {
            this.stopAfter = stopAfter;
            byte[] trailing = literals[directives.length];
            this.lastByte = trailing.length == 0 ? 0 : trailing[trailing.length - 1];
        }

        @Override
        public boolean parse(byte[] b, int start, int end, ParsedLine into) {
            into.reset(b, start, end);
            int at = start;
            int count = directives.length;
            boolean literalMatched = false;
            for (int i = 0; i < count; i++) {
                if (!literalMatched) {
                    byte[] literal = literals[i];
                    if (!matchesAt(b, at, end, literal)) {
                        return expected(into, literalTexts[i], at - start);
                    }
                    at += literal.length;
                }
                literalMatched = false;
                int valueEnd;
                int next;
                boolean escapes;
                switch (endings[i]) {
                    case QUOTED -> {
                        valueEnd = closingQuote(b, at, end, literals[i + 1], i + 1 == count);
                        if (valueEnd < 0) {
                            return into.fail("no closing quote for " + directives[i].text() + " opened at column "
                                    + (at - start));
                        }
                        escapes = sawBackslash;
                        next = valueEnd + literals[i + 1].length;
                        literalMatched = true;
                    }
                    case BRACKETED -> {
                        if (at >= end || b[at] != '[') {
                            return expected(into, "[", at - start);
                        }
                        valueEnd = at + CLF_BRACKETED_LENGTH <= end && b[at + CLF_BRACKETED_LENGTH - 1] == ']'
                                ? at + CLF_BRACKETED_LENGTH : Bytes.indexOf(b, at, end, (byte) ']') + 1;
                        if (valueEnd <= 0) {
                            return into.fail("no closing ] for " + directives[i].text());
                        }
                        escapes = false;
                        next = valueEnd;
                    }
                    case DELIMITED -> {
                        byte delimiter = literals[i + 1][0];
                        valueEnd = at + 1 < end && b[at + 1] == delimiter ? at + 1
                                : Bytes.indexOf(b, at, end, delimiter);
                        if (valueEnd < 0) {
                            return into.fail("line ends inside " + directives[i].text());
                        }
                        escapes = escaping != Escaping.NONE;
                        next = valueEnd;
                    }
                    default -> {
                        valueEnd = lastValueEnd(directives[i].kind(), b, at, end);
                        escapes = escaping != Escaping.NONE;
                        next = valueEnd;
                    }
                }
                if (!interpret(directives[i], b, at, valueEnd, escapes, into)) {
                    return false;
                }
                at = next;
                if (i == stopAfter && i + 1 < count && b[end - 1] == lastByte) {
                    into.markIncomplete();
                    return true;
                }
            }
            if (!literalMatched) {
                byte[] trailing = literals[count];
                if (!matchesAt(b, at, end, trailing)) {
                    return expected(into, literalTexts[count], at - start);
                }
                at += trailing.length;
            }
            if (at < end && b[at] != ' ' && b[at] != '\t') {
                return into.fail("unexpected text after the last field at column " + (at - start + 1));
            }
            return true;
        }

        /**
         * Finds the quote that closes a value starting at {@code at}: the first quote, not escaped, at which the
         * following literal matches (and, for the last value of the format, after which the line ends or white space
         * follows). Notes in {@link #sawBackslash} whether the value holds an escape.
         */
        private int closingQuote(byte[] b, int at, int end, byte[] following, boolean last) {
            boolean skipsEscaped = escaping == Escaping.APACHE || escaping == Escaping.JSON;
            boolean escapes = escaping != Escaping.NONE;
            sawBackslash = false;
            int i = at;
            while (i < end) {
                int found = escapes ? Bytes.indexOfEither(b, i, end, (byte) '"', (byte) '\\')
                        : Bytes.indexOf(b, i, end, (byte) '"');
                if (found < 0) {
                    return -1;
                }
                if (b[found] == '\\') {
                    sawBackslash = true;
                    i = skipsEscaped ? found + 2 : found + 1;
                    continue;
                }
                if (matchesAt(b, found, end, following)) {
                    int after = found + following.length;
                    if (!last || after >= end || (b[after] == ' ' || b[after] == '\t')
                            && quotesPaired(b, after, end, skipsEscaped)) {
                        return found;
                    }
                }
                i = found + 1;
            }
            return -1;
        }

        /**
         * Whether the text after the last quoted value holds its quotes in pairs, as fields appended to a format do
         * ({@code "agent" "extra" 12}); an odd count means the quote was inside the value, written raw by a server
         * that does not escape quotes ({@code "Mozilla/5.0 "compatible" Googlebot"}), and the value goes on.
         */
        private static boolean quotesPaired(byte[] b, int from, int end, boolean skipsEscaped) {
            boolean paired = true;
            for (int i = from; i < end; i++) {
                if (b[i] == '\\' && skipsEscaped) {
                    i++;
                } else if (b[i] == '"') {
                    paired = !paired;
                }
            }
            return paired;
        }

        private boolean interpret(Directive directive, byte[] b, int s, int e, boolean escapes, ParsedLine into) {
            switch (directive.kind()) {
                case CLIENT -> into.setText(Field.CLIENT, b, s, e, escaping, escapes);
                case USER -> into.setText(Field.USER, b, s, e, escaping, escapes);
                case METHOD -> into.setText(Field.METHOD, b, s, e, escaping, escapes);
                case PATH -> into.setText(Field.PATH, b, s, e, escaping, escapes);
                case QUERY -> into.setText(Field.QUERY, b, s, e, escaping, escapes);
                case QUERY_WITH_MARK -> {
                    if (s < e && b[s] == '?') {
                        into.setText(Field.QUERY, b, s + 1, e, escaping, escapes);
                    }
                }
                case TARGET -> {
                    if (!(e - s == 1 && b[s] == '-')) {
                        into.setTarget(b, s, e, escaping, escapes);
                    }
                }
                case PROTOCOL -> into.setText(Field.PROTOCOL, b, s, e, escaping, escapes);
                case REQUEST -> into.setRequest(b, s, e, escaping, escapes);
                case REFERRER -> into.setText(Field.REFERRER, b, s, e, escaping, escapes);
                case AGENT -> into.setText(Field.AGENT, b, s, e, escaping, escapes);
                case VHOST -> into.setText(Field.VHOST, b, s, e, escaping, escapes);
                case STATUS -> {
                    long status = number(b, s, e);
                    if (status < 0 || status > 999) {
                        return into.fail("status is not a number: " + text(b, s, e));
                    }
                    into.setStatus((int) status);
                }
                case BYTES_CLF, BYTES -> {
                    if (e - s == 1 && b[s] == '-') {
                        into.setBytes(directive.kind() == Kind.BYTES_CLF ? 0 : -1);
                    } else {
                        long bytes = number(b, s, e);
                        if (bytes < 0) {
                            return into.fail("size is not a number: " + text(b, s, e));
                        }
                        into.setBytes(bytes);
                    }
                }
                case TIME_CLF_BRACKETED -> {
                    return times.parseClf(b, s + 1, e - 1, into);
                }
                case TIME_CLF -> {
                    return times.parseClf(b, s, e, into);
                }
                case TIME_ISO -> {
                    return times.parseIso(b, s, e, into);
                }
                case TIME_EPOCH -> {
                    return times.parseEpoch(b, s, e, directive.unitsPerSecond(), into);
                }
                case TIME_PATTERN -> {
                    return parsePattern(directive, b, s, e, into);
                }
                case DURATION_MICROS, DURATION_MILLIS -> {
                    if (!(e - s == 1 && b[s] == '-')) {
                        long value = number(b, s, e);
                        if (value < 0) {
                            return into.fail("duration is not a number: " + text(b, s, e));
                        }
                        if (!into.has(Field.DURATION)) {
                            into.setDurationMicros(directive.kind() == Kind.DURATION_MILLIS ? value * 1000 : value);
                        }
                    }
                }
                case DURATION_SECONDS -> {
                    if (!(e - s == 1 && b[s] == '-')) {
                        long micros = decimalMicros(b, s, e);
                        if (micros < 0) {
                            return into.fail("duration is not a number of seconds: " + text(b, s, e));
                        }
                        if (!into.has(Field.DURATION)) {
                            into.setDurationMicros(micros);
                        }
                    }
                }
                case IGNORE -> {
                }
                default -> throw new AssertionError(directive);
            }
            return true;
        }

        private boolean parsePattern(Directive directive, byte[] b, int s, int e, ParsedLine into) {
            String value = text(b, s, e);
            try {
                TemporalAccessor parsed = directive.pattern().parse(value);
                OffsetDateTime time = parsed.isSupported(ChronoField.OFFSET_SECONDS)
                        ? OffsetDateTime.from(parsed)
                        : LocalDateTime.from(parsed).atZone(ZoneId.systemDefault()).toOffsetDateTime();
                into.setTime(time.toEpochSecond(), time.getNano(), time.getOffset().getTotalSeconds());
                return true;
            } catch (DateTimeException e2) {
                return into.fail("time does not match " + directive.text() + ": " + value);
            }
        }
    }

    /**
     * Where the format's last value ends when nothing follows it: at the first white space for values that hold none
     * (numbers, addresses, names), so that fields an admin appended do not spoil them; at the end of the line, less
     * trailing white space, for text.
     */
    private static int lastValueEnd(Kind kind, byte[] b, int at, int end) {
        switch (kind) {
            case CLIENT, USER, STATUS, BYTES, BYTES_CLF, VHOST, DURATION_MICROS, DURATION_MILLIS, DURATION_SECONDS,
                    TIME_EPOCH, TIME_ISO, PROTOCOL, METHOD -> {
                int space = Bytes.indexOfEither(b, at, end, (byte) ' ', (byte) '\t');
                return space < 0 ? end : space;
            }
            default -> {
                return trimEnd(b, at, end);
            }
        }
    }

    private boolean expected(ParsedLine into, String literal, int offset) {
        return into.fail("expected '" + literal + "' at column " + (offset + 1));
    }

    private static boolean matchesAt(byte[] b, int at, int end, byte[] literal) {
        int length = literal.length;
        if (at + length > end) {
            return false;
        }
        if (length == 1) {
            return b[at] == literal[0];
        }
        for (int k = 0; k < length; k++) {
            if (b[at + k] != literal[k]) {
                return false;
            }
        }
        return true;
    }

    private static int trimEnd(byte[] b, int start, int end) {
        int e = end;
        while (e > start && (b[e - 1] == ' ' || b[e - 1] == '\t')) {
            e--;
        }
        return e;
    }

    /** A non-negative decimal integer, or -1. */
    static long number(byte[] b, int s, int e) {
        if (s >= e || e - s > 18) {
            return -1;
        }
        long value = 0;
        for (int i = s; i < e; i++) {
            int digit = b[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    /** Seconds with an optional fraction ({@code 0.123}) as microseconds, or -1. */
    static long decimalMicros(byte[] b, int s, int e) {
        int dot = Bytes.indexOf(b, s, e, (byte) '.');
        long whole = number(b, s, dot < 0 ? e : dot);
        if (whole < 0) {
            return -1;
        }
        long micros = whole * 1_000_000;
        if (dot >= 0) {
            long scale = 100_000;
            for (int i = dot + 1; i < e; i++) {
                int digit = b[i] - '0';
                if (digit < 0 || digit > 9) {
                    return -1;
                }
                micros += digit * scale;
                scale /= 10;
            }
        }
        return micros;
    }

    private static String text(byte[] b, int s, int e) {
        return new String(b, s, Math.max(0, e - s), StandardCharsets.UTF_8);
    }
}
