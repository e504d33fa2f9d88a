package io.weblog.format;

import io.weblog.ConfigException;
import io.weblog.Setting;
import java.util.List;
import java.util.Locale;

/**
 * Finds a {@link LogFormat} by the name or format string a user gives.
 *
 * <ul>
 *   <li>{@code common}, {@code combined}, {@code vhost_combined}: Apache's predefined formats (nginx's default
 *       {@code combined} is the same text; {@code nginx} names nginx's {@code combined} with nginx escaping);</li>
 *   <li>{@code caddy}, {@code nginx-json}, {@code traefik}: JSON lines as those servers write them;</li>
 *   <li>any Apache {@code LogFormat} string ({@code %h %l %u %t "%r" %>s %b}), optionally prefixed {@code apache:};</li>
 *   <li>{@code nginx:} followed by any nginx {@code log_format} string (a string with {@code $variables} and no
 *       {@code %} directive is taken as nginx's too);</li>
 *   <li>{@code json:} followed by a field mapping for any other JSON log (see {@link JsonLogFormat#fromMapping}).</li>
 * </ul>
 */
public final class LogFormats {
    /** Apache's {@code common} LogFormat. */
    public static final String COMMON_FORMAT = "%h %l %u %t \"%r\" %>s %b";
    /** Apache's {@code combined} LogFormat, which is also nginx's default {@code combined}. */
    public static final String COMBINED_FORMAT = COMMON_FORMAT + " \"%{Referer}i\" \"%{User-agent}i\"";
    /** Apache's {@code vhost_combined} LogFormat. */
    public static final String VHOST_COMBINED_FORMAT = "%v:%p " + COMBINED_FORMAT;
    /** nginx's predefined {@code combined} log_format. */
    public static final String NGINX_COMBINED_FORMAT = "$remote_addr - $remote_user [$time_local] \"$request\" "
            + "$status $body_bytes_sent \"$http_referer\" \"$http_user_agent\"";

    private static final LogFormat COMMON = compileBuiltIn("common", COMMON_FORMAT);
    private static final LogFormat COMBINED = compileBuiltIn("combined", COMBINED_FORMAT);
    private static final LogFormat VHOST_COMBINED = compileBuiltIn("vhost_combined", VHOST_COMBINED_FORMAT);

    private LogFormats() {
    }

    /** Apache's and nginx's {@code combined}. */
    public static LogFormat combined() {
        return COMBINED;
    }

    /** Apache's {@code common}. */
    public static LogFormat common() {
        return COMMON;
    }

    /** Apache's {@code vhost_combined}. */
    public static LogFormat vhostCombined() {
        return VHOST_COMBINED;
    }

    /** The names of the predefined formats, in the order detection prefers them. */
    public static List<String> builtInNames() {
        return List.of("vhost_combined", "combined", "common", "nginx", "caddy", "nginx-json", "traefik");
    }

    /**
     * The format a user named or wrote out.
     *
     * @throws ConfigException for {@link Setting#FORMAT} when the name is unknown or the format string is wrong,
     *     with the column of the offending directive
     */
    public static LogFormat parse(String spec) throws ConfigException {
        if (spec == null || spec.isBlank()) {
            throw ConfigException.of(Setting.FORMAT, spec, "the format is empty; " + expected());
        }
        String trimmed = spec.strip();
        switch (trimmed.toLowerCase(Locale.ROOT)) {
            case "combined":
                return COMBINED;
            case "common":
                return COMMON;
            case "vhost_combined":
                return VHOST_COMBINED;
            case "nginx":
                return NginxFormatCompiler.compile("nginx", NGINX_COMBINED_FORMAT);
            default:
                break;
        }
        LogFormat preset = JsonLogFormat.preset(trimmed.toLowerCase(Locale.ROOT));
        if (preset != null) {
            return preset;
        }
        if (trimmed.startsWith("nginx:")) {
            return NginxFormatCompiler.compile(trimmed, trimmed.substring("nginx:".length()));
        }
        if (trimmed.startsWith("json:")) {
            return JsonLogFormat.fromMapping(trimmed, trimmed.substring("json:".length()));
        }
        if (trimmed.startsWith("apache:")) {
            return ApacheFormatCompiler.compile(trimmed, trimmed.substring("apache:".length()));
        }
        if (trimmed.indexOf('%') >= 0) {
            return ApacheFormatCompiler.compile(trimmed, trimmed);
        }
        if (trimmed.indexOf('$') >= 0) {
            return NginxFormatCompiler.compile("nginx:" + trimmed, trimmed);
        }
        throw ConfigException.of(Setting.FORMAT, spec, "unknown format; " + expected());
    }

    /** The candidates that format detection tries, most specific first. */
    static List<LogFormat> detectable() {
        return List.of(VHOST_COMBINED, COMBINED, COMMON, JsonLogFormat.preset("caddy"),
                JsonLogFormat.preset("traefik"), JsonLogFormat.preset("nginx-json"));
    }

    private static String expected() {
        return "expected combined, common, vhost_combined, nginx, caddy, nginx-json, traefik, an Apache LogFormat "
                + "string such as '%h %l %u %t \"%r\" %>s %b', nginx:<log_format> or json:<field>=<key>,...";
    }

    private static LogFormat compileBuiltIn(String name, String format) {
        try {
            return ApacheFormatCompiler.compile(name, format);
        } catch (ConfigException e) {
            throw new IllegalStateException("built-in format " + name + " does not compile", e);
        }
    }

    /**
     * Why a format cannot serve a rule that reads durations, and how to log them: for a message naming the format and
     * the rule.
     */
    public static String noDuration(String format, String rule) {
        return "the format " + format + " logs no request duration, which the rule '" + rule + "' needs; log it "
                + "with %D (Apache, microseconds) or $request_time (nginx, seconds) and give that format, such as "
                + "'%h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-agent}i\" %D'";
    }
}
