package io.weblog.rule;

import io.weblog.format.Field;
import io.weblog.format.ParsedLine;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * One condition of a selector: a field, an operator and a value, such as {@code status=5xx} or
 * {@code referrer^=https://shop.example.com/}. Text is compared on the decoded bytes of the field, so a literal with
 * non-ASCII characters matches what the server escaped.
 */
public abstract sealed class Filter permits Filter.StatusFilter, Filter.TextFilter, Filter.DurationFilter {
    private final Field field;
    private final Operator operator;
    private final String value;

    private Filter(Field field, Operator operator, String value) {
        this.field = field;
        this.operator = operator;
        this.value = value;
    }

    /** The field the filter looks at. */
    public Field field() {
        return field;
    }

    /** How it compares. */
    public Operator operator() {
        return operator;
    }

    /** The value as written (unquoted). */
    public String value() {
        return value;
    }

    /** For a status filter, the codes it names; else {@code null}. */
    public StatusSet statuses() {
        return null;
    }

    /** For a duration filter, the duration it compares with, in microseconds; else -1. */
    public long micros() {
        return -1;
    }

    /** Whether a parsed line satisfies the condition. */
    public abstract boolean matches(ParsedLine line);

    /** Relative cost of {@link #matches}, so that a selector tests cheap conditions first. */
    abstract int cost();

    @Override
    public String toString() {
        boolean plain = !value.isEmpty() && value.chars().noneMatch(c -> c == ' ' || c == '"' || c == '\t');
        String shown = plain ? value : '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        return field.ruleName() + operator.symbol() + shown;
    }

    static Filter status(Operator operator, String value, StatusSet set) {
        return new StatusFilter(operator, value, set);
    }

    static Filter text(Field field, Operator operator, String value, Pattern pattern) {
        return new TextFilter(field, operator, value, pattern);
    }

    static Filter duration(Operator operator, String value, long micros) {
        return new DurationFilter(operator, value, micros);
    }

    /** {@code duration>2s}, {@code duration<=500ms}: how long the server took, where the format logs it. */
    static final class DurationFilter extends Filter {
        private final long micros;

        DurationFilter(Operator operator, String value, long micros) {
            super(Field.DURATION, operator, value);
            this.micros = micros;
        }

        @Override
        public long micros() {
            return micros;
        }

        @Override
        public boolean matches(ParsedLine line) {
            if (!line.has(Field.DURATION)) {
                return false;
            }
            long took = line.durationMicros();
            return switch (operator()) {
                case GREATER_THAN -> took > micros;
                case AT_LEAST -> took >= micros;
                case LESS_THAN -> took < micros;
                case AT_MOST -> took <= micros;
                default -> false;
            };
        }

        @Override
        int cost() {
            return 0;
        }
    }

    /** {@code status=} and {@code status!=} with codes, classes, ranges and lists. */
    static final class StatusFilter extends Filter {
        private final StatusSet set;
        private final boolean negated;

        StatusFilter(Operator operator, String value, StatusSet set) {
            super(Field.STATUS, operator, value);
            this.set = set;
            this.negated = operator == Operator.NOT_EQUALS;
        }

        @Override
        public StatusSet statuses() {
            return set;
        }

        @Override
        public boolean matches(ParsedLine line) {
            return set.contains(line.status()) != negated;
        }

        @Override
        int cost() {
            return 0;
        }
    }

    /** Conditions on a text field. */
    static final class TextFilter extends Filter {
        private final byte[] literal;
        private final boolean absentValue;
        private final Pattern pattern;

        TextFilter(Field field, Operator operator, String value, Pattern pattern) {
            super(field, operator, value);
            this.literal = value.getBytes(StandardCharsets.UTF_8);
            this.absentValue = value.equals("-");
            this.pattern = pattern;
        }

        @Override
        public boolean matches(ParsedLine line) {
            Field field = field();
            return switch (operator()) {
                case EQUALS -> absentValue ? !line.has(field) : equalsLiteral(line, field);
                case NOT_EQUALS -> absentValue ? line.has(field) : !equalsLiteral(line, field);
                case STARTS_WITH -> startsWithLiteral(line, field);
                case MATCHES -> find(line, field);
                case NOT_MATCHES -> !find(line, field);
                case GREATER_THAN, AT_LEAST, LESS_THAN, AT_MOST -> false;
            };
        }

        private boolean equalsLiteral(ParsedLine line, Field field) {
            if (!line.slice(field)) {
                return false;
            }
            int start = line.start(field);
            int length = line.end(field) - start;
            return length == literal.length && regionEquals(line.array(field), start, literal.length);
        }

        private boolean startsWithLiteral(ParsedLine line, Field field) {
            if (!line.slice(field)) {
                return false;
            }
            int start = line.start(field);
            return line.end(field) - start >= literal.length && regionEquals(line.array(field), start, literal.length);
        }

        private boolean regionEquals(byte[] array, int start, int length) {
            byte[] expected = literal;
            for (int k = 0; k < length; k++) {
                if (array[start + k] != expected[k]) {
                    return false;
                }
            }
            return true;
        }

        private boolean find(ParsedLine line, Field field) {
            CharSequence chars = line.chars(field);
            return chars != null && pattern.matcher(chars).find();
        }

        @Override
        int cost() {
            return pattern == null ? 1 : 10;
        }
    }
}
