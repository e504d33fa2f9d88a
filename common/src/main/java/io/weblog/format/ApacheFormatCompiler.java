package io.weblog.format;

import io.weblog.ConfigException;
import io.weblog.Setting;
import io.weblog.format.TextLogFormat.Directive;
import io.weblog.format.TextLogFormat.Kind;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.SignStyle;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Compiles an Apache httpd {@code LogFormat} string ({@code %h %l %u %t "%r" %>s %b ...}) into a {@link TextLogFormat}.
 * Directives that say nothing a rule can use ({@code %l}, {@code %p}, {@code %{X}o} ...) are read and skipped.
 */
final class ApacheFormatCompiler {

    private ApacheFormatCompiler() {
    }

    static TextLogFormat compile(String name, String spec) throws ConfigException {
        String format = unescapeConfigQuotes(withoutDirective(spec));
        List<String> literals = new ArrayList<>();
        List<Directive> directives = new ArrayList<>();
        List<Integer> columns = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        boolean hasVhost = format.contains("%v") || format.contains("%V");
        boolean hasFinalStatus = format.contains("%>s");
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i);
            if (c != '%') {
                literal.append(c);
                i++;
                continue;
            }
            int directiveStart = i;
            i++;
            if (i < format.length() && format.charAt(i) == '%') {
                literal.append('%');
                i++;
                continue;
            }
            while (i < format.length() && (format.charAt(i) == '!' || format.charAt(i) == ','
                    || Character.isDigit(format.charAt(i)) || format.charAt(i) == '<' || format.charAt(i) == '>')) {
                i++;
            }
            String argument = null;
            if (i < format.length() && format.charAt(i) == '{') {
                int close = format.indexOf('}', i);
                if (close < 0) {
                    throw new ConfigException(Setting.FORMAT, spec, directiveStart + 1,
                            "'{' is not closed by '}'");
                }
                argument = format.substring(i + 1, close);
                i = close + 1;
            }
            if (i >= format.length()) {
                throw new ConfigException(Setting.FORMAT, spec, directiveStart + 1,
                        "'%' at the end; expected a directive letter such as %h or %s");
            }
            String letter;
            if (format.charAt(i) == '^' && i + 2 < format.length()) {
                letter = format.substring(i, i + 3);
                i += 3;
            } else {
                letter = String.valueOf(format.charAt(i));
                i++;
            }
            String text = format.substring(directiveStart, i);
            Directive directive = letter.equals("s") && hasFinalStatus && !text.contains(">")
                    ? Directive.of(Kind.IGNORE, text)
                    : directive(letter, argument, text, hasVhost, spec, directiveStart + 1);
            literals.add(literal.toString());
            literal.setLength(0);
            directives.add(directive);
            columns.add(directiveStart + 1);
        }
        literals.add(literal.toString());
        mergeAdjacent(spec, literals, directives, columns);
        return new TextLogFormat(name, Escaping.APACHE, literals, directives);
    }

    private static Directive directive(String letter, String argument, String text, boolean hasVhost, String spec,
            int column) throws ConfigException {
        return switch (letter) {
            case "a", "h" -> Directive.of(Kind.CLIENT, text);
            case "u" -> Directive.of(Kind.USER, text);
            case "m" -> Directive.of(Kind.METHOD, text);
            case "U" -> Directive.of(Kind.PATH, text);
            case "q" -> Directive.of(Kind.QUERY_WITH_MARK, text);
            case "H" -> Directive.of(Kind.PROTOCOL, text);
            case "r" -> Directive.of(Kind.REQUEST, text);
            case "s" -> Directive.of(Kind.STATUS, text);
            case "b" -> Directive.of(Kind.BYTES_CLF, text);
            case "B" -> Directive.of(Kind.BYTES, text);
            case "v", "V" -> Directive.of(Kind.VHOST, text);
            case "D" -> Directive.of(Kind.DURATION_MICROS, text);
            case "T" -> duration(argument, text, spec, column);
            case "t" -> time(argument, text, spec, column);
            case "i" -> header(argument, text, hasVhost, spec, column);
            case "A", "C", "e", "f", "I", "k", "l", "L", "n", "o", "O", "p", "P", "R", "S", "X", "^ti", "^to" ->
                    Directive.of(Kind.IGNORE, text);
            default -> throw new ConfigException(Setting.FORMAT, spec, column,
                    "unknown directive " + text + "; expected one of %h %a %l %u %t %r %m %U %q %H %s %b %B %{Name}i "
                            + "%v %V %p %D %T %I %O");
        };
    }

    private static Directive header(String argument, String text, boolean hasVhost, String spec, int column)
            throws ConfigException {
        if (argument == null) {
            throw new ConfigException(Setting.FORMAT, spec, column, "%i needs a header name, as in %{Referer}i");
        }
        return switch (argument.toLowerCase(Locale.ROOT)) {
            case "referer", "referrer" -> Directive.of(Kind.REFERRER, text);
            case "user-agent" -> Directive.of(Kind.AGENT, text);
            case "host" -> Directive.of(hasVhost ? Kind.IGNORE : Kind.VHOST, text);
            default -> Directive.of(Kind.IGNORE, text);
        };
    }

    private static Directive duration(String argument, String text, String spec, int column) throws ConfigException {
        if (argument == null || argument.equals("s")) {
            return Directive.of(Kind.DURATION_SECONDS, text);
        }
        return switch (argument) {
            case "ms" -> Directive.of(Kind.DURATION_MILLIS, text);
            case "us" -> Directive.of(Kind.DURATION_MICROS, text);
            default -> throw new ConfigException(Setting.FORMAT, spec, column,
                    "unknown unit in " + text + "; expected %{s}T, %{ms}T or %{us}T");
        };
    }

    private static Directive time(String argument, String text, String spec, int column) throws ConfigException {
        if (argument == null) {
            return Directive.of(Kind.TIME_CLF_BRACKETED, text);
        }
        String pattern = argument;
        if (pattern.startsWith("begin:")) {
            pattern = pattern.substring("begin:".length());
        } else if (pattern.startsWith("end:")) {
            pattern = pattern.substring("end:".length());
        }
        return switch (pattern) {
            case "sec" -> new Directive(Kind.TIME_EPOCH, text, 1, null);
            case "msec" -> new Directive(Kind.TIME_EPOCH, text, 1_000, null);
            case "usec" -> new Directive(Kind.TIME_EPOCH, text, 1_000_000, null);
            case "msec_frac", "usec_frac" -> Directive.of(Kind.IGNORE, text);
            default -> new Directive(Kind.TIME_PATTERN, text, 1, strftime(pattern, spec, column));
        };
    }

    /** Translates a strftime pattern into a formatter that parses what it wrote. */
    static DateTimeFormatter strftime(String pattern, String spec, int column) throws ConfigException {
        DateTimeFormatterBuilder builder = new DateTimeFormatterBuilder().parseCaseInsensitive();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c != '%' || i + 1 >= pattern.length()) {
                builder.appendLiteral(c);
                continue;
            }
            char conversion = pattern.charAt(++i);
            switch (conversion) {
                case 'Y' -> builder.appendValue(ChronoField.YEAR, 4);
                case 'y' -> builder.appendValueReduced(ChronoField.YEAR, 2, 2, 2000);
                case 'm' -> builder.appendValue(ChronoField.MONTH_OF_YEAR, 2);
                case 'd' -> builder.appendValue(ChronoField.DAY_OF_MONTH, 2);
                case 'e' -> builder.padNext(2).appendValue(ChronoField.DAY_OF_MONTH, 1, 2, SignStyle.NOT_NEGATIVE);
                case 'H' -> builder.appendValue(ChronoField.HOUR_OF_DAY, 2);
                case 'I' -> builder.appendValue(ChronoField.CLOCK_HOUR_OF_AMPM, 2);
                case 'p' -> builder.appendText(ChronoField.AMPM_OF_DAY);
                case 'M' -> builder.appendValue(ChronoField.MINUTE_OF_HOUR, 2);
                case 'S' -> builder.appendValue(ChronoField.SECOND_OF_MINUTE, 2);
                case 'j' -> builder.appendValue(ChronoField.DAY_OF_YEAR, 3);
                case 'b', 'h' -> builder.appendPattern("MMM");
                case 'B' -> builder.appendPattern("MMMM");
                case 'a' -> builder.appendPattern("EEE");
                case 'A' -> builder.appendPattern("EEEE");
                case 'z' -> builder.appendOffset("+HHMM", "+0000");
                case 'Z' -> builder.appendZoneText(java.time.format.TextStyle.SHORT);
                case 'T' -> builder.appendPattern("HH:mm:ss");
                case 'F' -> builder.appendPattern("yyyy-MM-dd");
                case 'D' -> builder.appendPattern("MM/dd/yy");
                case '%' -> builder.appendLiteral('%');
                default -> throw new ConfigException(Setting.FORMAT, spec, column,
                        "time conversion %" + conversion + " is not supported; use %Y %m %d %H %M %S %z %b %T %F, "
                                + "sec, msec or usec");
            }
        }
        return builder.toFormatter(Locale.ENGLISH);
    }

    /**
     * Joins {@code %U%q} into one request target. Other directives with nothing between them cannot be told apart.
     */
    static void mergeAdjacent(String spec, List<String> literals, List<Directive> directives, List<Integer> columns)
            throws ConfigException {
        for (int i = 0; i + 1 < directives.size(); i++) {
            if (!literals.get(i + 1).isEmpty()) {
                continue;
            }
            Kind first = directives.get(i).kind();
            Kind second = directives.get(i + 1).kind();
            if (first == Kind.PATH && (second == Kind.QUERY_WITH_MARK)) {
                Directive target = Directive.of(Kind.TARGET,
                        directives.get(i).text() + directives.get(i + 1).text());
                directives.set(i, target);
                directives.remove(i + 1);
                literals.remove(i + 1);
                columns.remove(i + 1);
                i--;
                continue;
            }
            throw new ConfigException(Setting.FORMAT, spec, columns.get(i + 1),
                    directives.get(i).text() + " and " + directives.get(i + 1).text()
                            + " follow each other with nothing between them, so their values cannot be told apart");
        }
    }

    /** Accepts a format copied from httpd.conf, where quotes inside the quoted format are written {@code \"}. */
    /**
     * The format string of a whole {@code LogFormat "..." nickname} (or {@code CustomLog file "..."}) line pasted from
     * httpd.conf: what is between its outer quotes; anything else is taken as it is.
     */
    private static String withoutDirective(String spec) {
        String trimmed = spec.strip();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("logformat ") && !lower.startsWith("customlog ")) {
            return spec;
        }
        int open = trimmed.indexOf('"');
        int close = trimmed.lastIndexOf('"');
        while (close > open && trimmed.charAt(close - 1) == '\\') {
            close = trimmed.lastIndexOf('"', close - 1);
        }
        return open >= 0 && close > open ? trimmed.substring(open + 1, close) : spec;
    }

    private static String unescapeConfigQuotes(String format) {
        if (!format.contains("\\\"")) {
            return format;
        }
        StringBuilder out = new StringBuilder(format.length());
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c == '\\' && i + 1 < format.length() && (format.charAt(i + 1) == '"' || format.charAt(i + 1) == '\\')) {
                out.append(format.charAt(++i));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
