package io.weblog.source.ssh;

import io.weblog.ConfigException;
import io.weblog.Setting;

/**
 * A host to connect to, written as {@code [user@]host[:port]}; an IPv6 address with a port is written in brackets
 * ({@code [2001:db8::1]:2222}).
 *
 * @param user the user, or {@code null} for the local user's name
 * @param host the host name or address
 * @param port the port
 */
public record HostSpec(String user, String host, int port) {
    /** SSH's port. */
    public static final int DEFAULT_PORT = 22;

    /**
     * Parses {@code [user@]host[:port]}.
     *
     * @param text the host as written
     * @param setting the setting it was given for ({@code --host} or {@code --jump}), named in errors
     */
    public static HostSpec parse(String text, Setting setting) throws ConfigException {
        if (text == null || text.isBlank()) {
            throw ConfigException.of(setting, text, "expected a host such as deploy@web1 or web1:2222");
        }
        String rest = text.strip();
        int offset = text.indexOf(rest);
        String user = null;
        int at = rest.lastIndexOf('@');
        if (at == 0) {
            throw new ConfigException(setting, text, offset + 1, "the user before '@' is empty");
        }
        if (at > 0) {
            user = rest.substring(0, at);
            rest = rest.substring(at + 1);
            offset += at + 1;
        }
        String host;
        int port = DEFAULT_PORT;
        String portText = null;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                throw new ConfigException(setting, text, offset + 1, "'[' is not closed by ']'");
            }
            host = rest.substring(1, close);
            String after = rest.substring(close + 1);
            if (after.startsWith(":")) {
                portText = after.substring(1);
            } else if (!after.isEmpty()) {
                throw new ConfigException(setting, text, offset + close + 2, "expected ':port' after ']'");
            }
        } else if (rest.indexOf(':') != rest.lastIndexOf(':')) {
            host = rest;
        } else {
            int colon = rest.indexOf(':');
            host = colon < 0 ? rest : rest.substring(0, colon);
            portText = colon < 0 ? null : rest.substring(colon + 1);
        }
        if (host.isEmpty() || !host.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '.' || c == '-'
                || c == ':' || c == '_' || c == '%')) {
            throw new ConfigException(setting, text, offset + 1, "'" + host + "' is not a host name or address");
        }
        if (portText != null) {
            int column = text.lastIndexOf(portText) + 1;
            if (!portText.matches("\\d{1,5}") || Integer.parseInt(portText) < 1 || Integer.parseInt(portText) > 65535) {
                throw new ConfigException(setting, text, column, "'" + portText + "' is not a port (1 to 65535)");
            }
            port = Integer.parseInt(portText);
        }
        if (user != null && (user.isBlank() || user.chars().anyMatch(Character::isWhitespace))) {
            throw new ConfigException(setting, text, 1, "'" + user + "' is not a user name");
        }
        return new HostSpec(user, host, port);
    }

    /** The user to log in as: the one given, or the local user's name. */
    public String effectiveUser() {
        return user != null ? user : System.getProperty("user.name");
    }

    /** The host and port as known_hosts writes them: {@code host}, or {@code [host]:port} off port 22. */
    public String address() {
        boolean ipv6 = host.indexOf(':') >= 0;
        if (port == DEFAULT_PORT) {
            return ipv6 ? "[" + host + "]" : host;
        }
        return "[" + host + "]:" + port;
    }

    /** The host as {@code ssh://} would write it, for MINA's ProxyJump lists. */
    String uri() {
        String name = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return effectiveUser() + "@" + name + ":" + port;
    }

    @Override
    public String toString() {
        String name = host.indexOf(':') >= 0 && port != DEFAULT_PORT ? "[" + host + "]" : host;
        return (user == null ? "" : user + "@") + name + (port == DEFAULT_PORT ? "" : ":" + port);
    }
}
