package io.weblog.rule;

import io.weblog.ConfigException;
import io.weblog.Setting;
import io.weblog.format.Field;
import io.weblog.window.Durations;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/** Reads the rule grammar (see {@link Rule#parse}) with positions, so every error names its column. */
final class RuleParser {
    private static final List<Field> FILTER_FIELDS = List.of(Field.STATUS, Field.PATH, Field.QUERY, Field.REFERRER,
            Field.METHOD, Field.AGENT, Field.CLIENT, Field.VHOST, Field.USER, Field.PROTOCOL, Field.DURATION);
    private static final String EXPECTATIONS = "max=N, min=N, max=P%, min=P%, a percentile such as p95<=300ms, or "
            + "against the baseline max=+P%, min=-P%, max=Nx, p95<=+100ms, p95<=1.5x";
    private static final Pattern PERCENTILE = Pattern.compile("p(\\d{1,2}(\\.\\d{1,3})?|100)");

    private final String input;
    private final Setting setting;
    private int at;

    RuleParser(String input, Setting setting) {
        this.input = input;
        this.setting = setting;
    }

    Rule rule() throws ConfigException {
        String label = label();
        List<Filter> filters = new ArrayList<>();
        while (true) {
            skipSpace();
            if (at >= input.length()) {
                throw error(at, input.isBlank() ? "the rule is empty; expected filters and an expectation ("
                        + EXPECTATIONS + "), such as status=5xx max=0" : "expected an expectation (" + EXPECTATIONS
                        + ") at the end");
            }
            int nameStart = at;
            String name = word();
            boolean percentile = PERCENTILE.matcher(name).matches();
            if (name.equals("max") || name.equals("min") || percentile) {
                Expectation expectation = percentile ? percentile(name, nameStart) : expectation(name, nameStart);
                skipSpace();
                if (at < input.length()) {
                    throw error(at, "unexpected text after the expectation; the expectation comes last");
                }
                return new Rule(label, input.strip(), new Selector(filters), expectation);
            }
            filters.add(filter(name, nameStart));
        }
    }

    Selector selectorOnly() throws ConfigException {
        List<Filter> filters = new ArrayList<>();
        while (true) {
            skipSpace();
            if (at >= input.length()) {
                if (filters.isEmpty()) {
                    throw error(0, "the selector is empty; expected filters such as path=/health or status=5xx");
                }
                return new Selector(filters);
            }
            int nameStart = at;
            String name = word();
            if (name.equals("max") || name.equals("min") || PERCENTILE.matcher(name).matches()) {
                throw error(nameStart, "a selector takes no expectation; expected filters such as path=/health");
            }
            filters.add(filter(name, nameStart));
        }
    }

    private String label() throws ConfigException {
        int colon = input.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String candidate = input.substring(0, colon);
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == ' ' || c == '-' || c == '_' || c == '.')) {
                if (candidate.chars().noneMatch(ch -> ch == '=' || ch == '~' || ch == '^' || ch == '!' || ch == '/')) {
                    throw error(i, "'" + candidate.strip() + ":' is not a label: a label holds only letters, digits, "
                            + "spaces, '-', '_' and '.'");
                }
                return null;
            }
        }
        if (candidate.isBlank()) {
            throw error(colon, "the label before ':' is empty");
        }
        at = colon + 1;
        return candidate.strip();
    }

    private Filter filter(String name, int nameStart) throws ConfigException {
        Field field = FILTER_FIELDS.stream().filter(f -> f.ruleName().equals(name.toLowerCase(Locale.ROOT)))
                .findFirst().orElse(null);
        if (name.isEmpty()) {
            throw error(nameStart, "expected a field (" + fieldNames() + ") or an expectation (" + EXPECTATIONS + ")");
        }
        if (field == null && name.endsWith(":") && nameStart == input.length() - input.stripLeading().length()) {
            throw error(nameStart, "'" + name + "' is not a label: a label holds only letters, digits, spaces, "
                    + "'-', '_' and '.'");
        }
        if (field == null) {
            String alias = switch (name.toLowerCase(Locale.ROOT)) {
                case "referer" -> "referrer";
                case "useragent", "user-agent", "user_agent", "ua" -> "agent";
                case "host" -> "vhost";
                case "ip" -> "client";
                default -> null;
            };
            throw error(nameStart, "unknown field '" + name + "'" + (alias == null ? "" : " (did you mean " + alias
                    + "?)") + "; expected one of " + fieldNames());
        }
        int operatorStart = at;
        Operator operator = operator();
        if (operator == null) {
            throw error(operatorStart, field == Field.DURATION
                    ? "expected a comparison (>, >=, < or <=) after 'duration', such as duration>2s"
                    : "expected an operator (=, !=, ^=, ~ or !~) after '" + name + "'");
        }
        if (field == Field.DURATION && !operator.isComparison()) {
            throw error(operatorStart, "duration takes >, >=, < or <= and a duration, such as duration>2s");
        }
        if (field != Field.DURATION && operator.isComparison()) {
            throw error(operatorStart, "only duration takes " + operator.symbol() + "; " + name + " takes =, !=, ^=, "
                    + "~ or !~");
        }
        int valueStart = at;
        String value = value();
        if (value.isEmpty()) {
            throw error(valueStart, "expected a value after '" + name + operator.symbol() + "'");
        }
        int valueColumn = valueStart + 1 + (input.charAt(valueStart) == '"' ? 1 : 0);
        if (field == Field.DURATION) {
            return Filter.duration(operator, value, micros(value, valueColumn));
        }
        if (field == Field.STATUS) {
            if (operator != Operator.EQUALS && operator != Operator.NOT_EQUALS) {
                throw error(operatorStart, "status takes = or != (status=5xx, status!=200,304)");
            }
            return Filter.status(operator, value, StatusSet.parse(value, setting, input, valueColumn));
        }
        Pattern pattern = null;
        if (operator == Operator.MATCHES || operator == Operator.NOT_MATCHES) {
            try {
                pattern = Pattern.compile(value);
            } catch (PatternSyntaxException e) {
                int column = valueColumn + Math.max(0, e.getIndex());
                throw new ConfigException(setting, input, column,
                        "invalid regular expression: " + e.getDescription());
            }
        }
        return Filter.text(field, operator, value, pattern);
    }

    private Expectation expectation(String name, int nameStart) throws ConfigException {
        if (at >= input.length() || input.charAt(at) != '=') {
            throw error(at, "expected '=' after '" + name + "' (" + EXPECTATIONS + ")");
        }
        at++;
        int valueStart = at;
        String value = word();
        Expectation.Bound bound = name.equals("max") ? Expectation.Bound.MAX : Expectation.Bound.MIN;
        String text = input.substring(nameStart, at);
        if (value.endsWith("x")) {
            return Expectation.relativeShare(bound, factor(value, valueStart), text, Expectation.Relation.TIMES);
        }
        if (value.startsWith("+") || value.startsWith("-")) {
            char sign = bound == Expectation.Bound.MAX ? '+' : '-';
            String example = name + "=" + sign + "0.5% (the share before the window, "
                    + (sign == '+' ? "plus" : "minus") + " 0.5 points)";
            if (value.charAt(0) != sign) {
                throw error(valueStart, "'" + value + "' moves the limit the wrong way; expected such as " + example);
            }
            String number = value.endsWith("%") ? value.substring(1, value.length() - 1) : "";
            if (!number.matches("\\d+(\\.\\d+)?|\\.\\d+")) {
                throw error(valueStart, "'" + value + "' is not a change in points; expected such as " + example);
            }
            return Expectation.relativeShare(bound, Double.parseDouble(number) / 100, text,
                    Expectation.Relation.PLUS);
        }
        if (value.endsWith("%")) {
            String number = value.substring(0, value.length() - 1);
            if (!number.matches("\\d+(\\.\\d+)?|\\.\\d+")) {
                throw error(valueStart, "'" + value + "' is not a percentage; expected such as 0.5%");
            }
            double percent = Double.parseDouble(number);
            if (percent > 100) {
                throw error(valueStart, "a share cannot exceed 100%");
            }
            return new Expectation(bound, Expectation.Measure.SHARE, percent / 100, text);
        }
        if (!value.matches("\\d{1,18}")) {
            throw error(valueStart, "'" + value + "' is not a count; expected " + name + "=N with N a whole number, "
                    + "or " + name + "=P% for a share");
        }
        return new Expectation(bound, Expectation.Measure.COUNT, Long.parseLong(value), text);
    }

    /** A percentile expectation, such as {@code p95<=300ms}: at most (or at least) a duration. */
    private Expectation percentile(String name, int nameStart) throws ConfigException {
        int operatorStart = at;
        Operator operator = operator();
        if (operator != Operator.AT_MOST && operator != Operator.AT_LEAST) {
            throw error(operatorStart, "expected <= or >= and a duration after '" + name + "', such as " + name
                    + "<=300ms");
        }
        int valueStart = at;
        String value = value();
        if (value.isEmpty()) {
            throw error(valueStart, "expected a duration after '" + name + operator.symbol() + "', such as 300ms");
        }
        double percentile = Double.parseDouble(name.substring(1));
        if (percentile <= 0) {
            throw error(nameStart + 1, "a percentile is more than 0, such as p50, p95 or p99.9");
        }
        Expectation.Bound bound = operator == Operator.AT_MOST ? Expectation.Bound.MAX : Expectation.Bound.MIN;
        String text = input.substring(nameStart, at);
        if (value.endsWith("x")) {
            return Expectation.percentile(bound, percentile, factor(value, valueStart), text,
                    Expectation.Relation.TIMES);
        }
        if (value.startsWith("+") || value.startsWith("-")) {
            char sign = bound == Expectation.Bound.MAX ? '+' : '-';
            if (value.charAt(0) != sign) {
                throw error(valueStart, "'" + value + "' moves the limit the wrong way; expected such as " + name
                        + operator.symbol() + sign + "100ms (the " + name + " before the window, "
                        + (sign == '+' ? "plus" : "minus") + " 100ms)");
            }
            return Expectation.percentile(bound, percentile, micros(value.substring(1), valueStart + 2), text,
                    Expectation.Relation.PLUS);
        }
        return Expectation.percentile(bound, percentile, micros(value, valueStart + 1), text,
                Expectation.Relation.ABSOLUTE);
    }

    /** A factor of the baseline's value, such as {@code 1.5x}: a positive number and {@code x}. */
    private double factor(String value, int valueStart) throws ConfigException {
        String number = value.substring(0, value.length() - 1);
        if (!number.matches("\\d+(\\.\\d+)?|\\.\\d+") || Double.parseDouble(number) <= 0) {
            throw error(valueStart, "'" + value + "' is not a factor; expected a positive number and x, such as 1.5x");
        }
        return Double.parseDouble(number);
    }

    /** A duration in a rule, in microseconds; a mistake in it is reported at its column in the rule. */
    private long micros(String value, int valueColumn) throws ConfigException {
        try {
            return Durations.parse(value, setting).toNanos() / 1000;
        } catch (ConfigException e) {
            throw new ConfigException(setting, input, valueColumn + Math.max(0, e.column() - 1), e.problem());
        }
    }

    private Operator operator() {
        for (Operator operator : new Operator[] {Operator.AT_LEAST, Operator.AT_MOST, Operator.NOT_EQUALS,
                Operator.STARTS_WITH, Operator.NOT_MATCHES, Operator.GREATER_THAN, Operator.LESS_THAN,
                Operator.EQUALS, Operator.MATCHES}) {
            if (input.startsWith(operator.symbol(), at)) {
                at += operator.symbol().length();
                return operator;
            }
        }
        return null;
    }

    /** A field name, {@code max}/{@code min} or a percentile: up to the first space or operator. */
    private String word() {
        int start = at;
        while (at < input.length()) {
            char c = input.charAt(at);
            if (Character.isWhitespace(c) || c == '=' || c == '!' || c == '^' || c == '~' || c == '<' || c == '>') {
                break;
            }
            at++;
        }
        return input.substring(start, at);
    }

    private String value() throws ConfigException {
        if (at < input.length() && input.charAt(at) == '"') {
            int open = at;
            StringBuilder value = new StringBuilder();
            at++;
            while (at < input.length()) {
                char c = input.charAt(at);
                if (c == '\\' && at + 1 < input.length()
                        && (input.charAt(at + 1) == '"' || input.charAt(at + 1) == '\\')) {
                    value.append(input.charAt(at + 1));
                    at += 2;
                } else if (c == '"') {
                    at++;
                    if (at < input.length() && !Character.isWhitespace(input.charAt(at))) {
                        throw error(at, "expected a space after the closing quote");
                    }
                    return value.toString();
                } else {
                    value.append(c);
                    at++;
                }
            }
            throw error(open, "the quote opened here is not closed");
        }
        int start = at;
        while (at < input.length() && !Character.isWhitespace(input.charAt(at))) {
            at++;
        }
        return input.substring(start, at);
    }

    private void skipSpace() {
        while (at < input.length() && Character.isWhitespace(input.charAt(at))) {
            at++;
        }
    }

    private ConfigException error(int index, String problem) {
        return new ConfigException(setting, input, Math.min(index, input.length()) + 1, problem);
    }

    private static String fieldNames() {
        return Arrays.stream(FILTER_FIELDS.toArray(new Field[0])).map(Field::ruleName)
                .collect(Collectors.joining(", "));
    }
}
