package io.weblog.cli;

import io.weblog.format.Hit;
import io.weblog.report.TextReport;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A line to print per hit, with placeholders such as {@code {referrer} --> {path}}: {@code {time} {client} {user}
 * {method} {path} {query} {target} {protocol} {status} {bytes} {referrer} {agent} {vhost} {duration} {source}
 * {line}}. Absent values print as {@code -}; text from the log is made safe for a terminal.
 */
final class PrintTemplate {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)}");
    private static final Map<String, Function<Hit, Object>> FIELDS = Map.ofEntries(
            Map.entry("time", hit -> hit.time() == null ? null
                    : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(hit.time())),
            Map.entry("client", Hit::client), Map.entry("user", Hit::user),
            Map.entry("method", Hit::method), Map.entry("path", Hit::path), Map.entry("query", Hit::query),
            Map.entry("target", Hit::target), Map.entry("protocol", Hit::protocol),
            Map.entry("status", hit -> hit.status() < 0 ? null : hit.status()),
            Map.entry("bytes", hit -> hit.bytes() < 0 ? null : hit.bytes()),
            Map.entry("referrer", Hit::referrer), Map.entry("agent", Hit::agent), Map.entry("vhost", Hit::vhost),
            Map.entry("duration", hit -> hit.duration() == null ? null : hit.duration().toMillis() + "ms"),
            Map.entry("source", hit -> hit.position().source()), Map.entry("line", hit -> hit.position().line()));

    private final List<String> literals = new ArrayList<>();
    private final List<Function<Hit, Object>> values = new ArrayList<>();

    private PrintTemplate() {
    }

    /**
     * Reads a template.
     *
     * @throws IllegalArgumentException naming an unknown placeholder and the known ones
     */
    static PrintTemplate parse(String template) {
        PrintTemplate parsed = new PrintTemplate();
        Matcher matcher = PLACEHOLDER.matcher(template);
        int at = 0;
        while (matcher.find()) {
            Function<Hit, Object> value = FIELDS.get(matcher.group(1));
            if (value == null) {
                throw new IllegalArgumentException("unknown placeholder {" + matcher.group(1) + "} at column "
                        + (matcher.start() + 1) + "; expected one of {" + String.join("} {", FIELDS.keySet().stream()
                        .sorted().toList()) + "}");
            }
            parsed.literals.add(literal(template, at, matcher.start()));
            parsed.values.add(value);
            at = matcher.end();
        }
        parsed.literals.add(literal(template, at, template.length()));
        return parsed;
    }

    /** Text between placeholders, which may not hold a '{' (a placeholder mistyped or left open). */
    private static String literal(String template, int from, int to) {
        int brace = template.indexOf('{', from);
        if (brace >= 0 && brace < to) {
            throw new IllegalArgumentException("'{' at column " + (brace + 1) + " opens no placeholder; expected "
                    + "one such as {status}");
        }
        return template.substring(from, to);
    }

    String render(Hit hit) {
        StringBuilder out = new StringBuilder(literals.get(0));
        for (int i = 0; i < values.size(); i++) {
            Object value = values.get(i).apply(hit);
            out.append(value == null ? "-" : value).append(literals.get(i + 1));
        }
        return TextReport.printable(out.toString());
    }
}
