package io.weblog.window;

import io.weblog.ConfigException;
import io.weblog.Setting;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;

/**
 * A window that starts and ends at lines the web server logs rather than by the clock: the check sends one HTTP
 * request to this URL with a token of its own in the query string, and the window starts at the line that request
 * produced; when following ends it sends a second, and the window ends at its line. Clocks that disagree, buffering,
 * and a check reading the wrong log (whose mark never comes) cannot then go unnoticed.
 *
 * @param url the URL as given, which may hold {@code {host}}: each SSH host's name, so that every web server logs
 *     its own mark
 * @param timeout how long to wait for a mark to appear in the log once it was sent
 */
public record Mark(String url, Duration timeout) {
    /** How long a mark may take to appear unless configured. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** The placeholder of each SSH host's name. */
    public static final String HOST = "{host}";
    /** The query parameter that carries the token. */
    public static final String PARAMETER = "weblog-mark";

    /**
     * Checks a mark's URL: {@code http} or {@code https}, with a host (or {@code {host}}).
     *
     * @throws ConfigException for {@link Setting#MARK}, saying what was expected
     */
    public static Mark of(String url, Duration timeout) throws ConfigException {
        String trimmed = url.strip();
        URI uri;
        try {
            uri = new URI(trimmed.replace(HOST, "host.invalid"));
        } catch (URISyntaxException e) {
            throw ConfigException.of(Setting.MARK, url, "not a URL (" + e.getReason() + "); expected such as "
                    + "https://shop.example.com/health or http://{host}/health");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw ConfigException.of(Setting.MARK, url, "expected an http:// or https:// URL with a host, such as "
                    + "https://shop.example.com/health or http://{host}/health");
        }
        return new Mark(trimmed, timeout);
    }

    /** Whether the URL names each SSH host with {@code {host}}. */
    public boolean perHost() {
        return url.contains(HOST);
    }

    /**
     * The request for one source: the URL with {@code {host}} replaced and the token added to its query.
     *
     * @param host the SSH host's name, or {@code null} for a local log
     * @param token the token, such as {@code 3kq7...-start}
     */
    public URI uri(String host, String token) {
        String address = url;
        if (host != null) {
            address = address.replace(HOST, host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host);
        }
        int hash = address.indexOf('#');
        if (hash >= 0) {
            address = address.substring(0, hash);
        }
        String separator = address.indexOf('?') < 0 ? "?" : address.endsWith("?") || address.endsWith("&") ? "" : "&";
        return URI.create(address + separator + PARAMETER + "=" + token);
    }
}
