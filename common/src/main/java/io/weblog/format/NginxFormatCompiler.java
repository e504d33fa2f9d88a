package io.weblog.format;

import io.weblog.ConfigException;
import io.weblog.Setting;
import io.weblog.format.TextLogFormat.Directive;
import io.weblog.format.TextLogFormat.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles an nginx {@code log_format} string ({@code $remote_addr - $remote_user [$time_local] "$request" ...}) into a
 * {@link TextLogFormat}. The string may be pasted as it stands in nginx.conf: several quoted parts are joined, and a
 * leading {@code escape=default|json|none} is honoured. Variables a rule cannot use are read and skipped.
 */
final class NginxFormatCompiler {

    private NginxFormatCompiler() {
    }

    static TextLogFormat compile(String name, String spec) throws ConfigException {
        String text = withoutDirective(spec.strip());
        Escaping escaping = Escaping.NGINX;
        if (text.startsWith("escape=")) {
            int space = text.indexOf(' ');
            String value = space < 0 ? text.substring(7) : text.substring(7, space);
            escaping = switch (value) {
                case "default" -> Escaping.NGINX;
                case "json" -> Escaping.JSON;
                case "none" -> Escaping.NONE;
                default -> throw new ConfigException(Setting.FORMAT, spec, spec.indexOf("escape=") + 8,
                        "unknown escape=" + value + "; expected escape=default, escape=json or escape=none");
            };
            text = space < 0 ? "" : text.substring(space + 1).strip();
        }
        String format = joinConfigQuotes(text);
        if (format.isEmpty()) {
            throw ConfigException.of(Setting.FORMAT, spec, "the nginx log_format is empty");
        }
        int offset = spec.indexOf(format.isEmpty() ? "" : format.substring(0, 1));
        List<String> literals = new ArrayList<>();
        List<Directive> directives = new ArrayList<>();
        List<Integer> columns = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i);
            if (c != '$') {
                literal.append(c);
                i++;
                continue;
            }
            int start = i;
            String variable;
            if (i + 1 < format.length() && format.charAt(i + 1) == '{') {
                int close = format.indexOf('}', i);
                if (close < 0) {
                    throw new ConfigException(Setting.FORMAT, spec, offset + start + 1, "'${' is not closed by '}'");
                }
                variable = format.substring(i + 2, close);
                i = close + 1;
            } else {
                int end = i + 1;
                while (end < format.length() && (Character.isLetterOrDigit(format.charAt(end))
                        || format.charAt(end) == '_')) {
                    end++;
                }
                variable = format.substring(i + 1, end);
                i = end;
            }
            if (variable.isEmpty()) {
                literal.append('$');
                continue;
            }
            literals.add(literal.toString());
            literal.setLength(0);
            directives.add(directive(variable, format.substring(start, i)));
            columns.add(Math.max(1, offset + start + 1));
        }
        literals.add(literal.toString());
        joinTargets(literals, directives, columns);
        ApacheFormatCompiler.mergeAdjacent(spec, literals, directives, columns);
        return new TextLogFormat(name, escaping, literals, directives);
    }

    private static Directive directive(String variable, String text) {
        Kind kind = switch (variable) {
            case "remote_addr", "realip_remote_addr" -> Kind.CLIENT;
            case "remote_user" -> Kind.USER;
            case "time_local" -> Kind.TIME_CLF;
            case "time_iso8601" -> Kind.TIME_ISO;
            case "msec" -> Kind.TIME_EPOCH;
            case "request" -> Kind.REQUEST;
            case "request_method" -> Kind.METHOD;
            case "request_uri" -> Kind.TARGET;
            case "uri", "document_uri" -> Kind.PATH;
            case "args", "query_string" -> Kind.QUERY;
            case "server_protocol" -> Kind.PROTOCOL;
            case "status" -> Kind.STATUS;
            case "body_bytes_sent", "bytes_sent" -> Kind.BYTES;
            case "http_referer" -> Kind.REFERRER;
            case "http_user_agent" -> Kind.AGENT;
            case "host", "server_name", "http_host" -> Kind.VHOST;
            case "request_time" -> Kind.DURATION_SECONDS;
            default -> Kind.IGNORE;
        };
        return Directive.of(kind, text);
    }

    /** {@code $uri$is_args$args} is nginx's way of writing the request target. */
    private static void joinTargets(List<String> literals, List<Directive> directives, List<Integer> columns) {
        for (int i = 0; i + 2 < directives.size(); i++) {
            if (directives.get(i).kind() == Kind.PATH && directives.get(i + 1).text().equals("$is_args")
                    && directives.get(i + 2).kind() == Kind.QUERY && literals.get(i + 1).isEmpty()
                    && literals.get(i + 2).isEmpty()) {
                String text = directives.get(i).text() + "$is_args" + directives.get(i + 2).text();
                directives.set(i, Directive.of(Kind.TARGET, text));
                for (int k = 0; k < 2; k++) {
                    directives.remove(i + 1);
                    literals.remove(i + 1);
                    columns.remove(i + 1);
                }
            }
        }
    }

    /** Joins {@code '...' '...'} as nginx.conf writes a long format; text that is not quoted is taken as it is. */
    /**
     * What follows the name in a whole {@code log_format main escape=json '...' '...';} directive pasted from
     * nginx.conf; anything else is taken as it is.
     */
    private static String withoutDirective(String text) {
        if (!text.startsWith("log_format ") && !text.startsWith("log_format\t")) {
            return text;
        }
        String rest = text.substring("log_format".length()).strip();
        int space = rest.indexOf(' ');
        boolean named = space > 0 && rest.charAt(0) != '\'' && rest.charAt(0) != '"' && !rest.startsWith("escape=");
        return named ? rest.substring(space + 1).strip() : rest;
    }

    private static String joinConfigQuotes(String text) {
        if (text.isEmpty() || text.charAt(0) != '\'' && text.charAt(0) != '"') {
            return text;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || c == ';') {
                i++;
                continue;
            }
            if (c != '\'' && c != '"') {
                return text;
            }
            int close = i + 1;
            while (close < text.length() && text.charAt(close) != c) {
                if (text.charAt(close) == '\\') {
                    close++;
                }
                close++;
            }
            if (close >= text.length()) {
                return text;
            }
            out.append(text, i + 1, close);
            i = close + 1;
        }
        return out.toString().replace("\\\"", "\"").replace("\\'", "'");
    }
}
