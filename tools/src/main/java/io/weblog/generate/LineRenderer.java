package io.weblog.generate;

import static io.weblog.generate.Agents.bytes;

import io.weblog.generate.LogGenerator.Style;

/**
 * Writes a {@link Draft} as one line of a log style, escaping each value the way that server does: Apache's
 * {@code ap_escape_logitem} for the text styles, JSON string escapes (UTF-8 left raw) for Caddy and nginx.
 */
final class LineRenderer {
    private static final byte[] APACHE_ESCAPES = new byte[256];
    private static final byte[] JSON_ESCAPES = new byte[256];

    static {
        for (int c = 0; c < 256; c++) {
            APACHE_ESCAPES[c] = c < 0x20 || c >= 0x7f ? (byte) 'x' : 0;
            JSON_ESCAPES[c] = c < 0x20 ? (byte) 'u' : 0;
        }
        APACHE_ESCAPES['"'] = '"';
        APACHE_ESCAPES['\\'] = '\\';
        APACHE_ESCAPES['\b'] = 'b';
        APACHE_ESCAPES['\n'] = 'n';
        APACHE_ESCAPES['\r'] = 'r';
        APACHE_ESCAPES['\t'] = 't';
        APACHE_ESCAPES[0x0b] = 'v';
        JSON_ESCAPES['"'] = '"';
        JSON_ESCAPES['\\'] = '\\';
        JSON_ESCAPES['\b'] = 'b';
        JSON_ESCAPES['\f'] = 'f';
        JSON_ESCAPES['\n'] = 'n';
        JSON_ESCAPES['\r'] = 'r';
        JSON_ESCAPES['\t'] = 't';
    }

    private static final byte[] HEX_UPPER = bytes("0123456789ABCDEF");
    private static final byte[] CADDY_START = bytes("{\"level\":\"");
    private static final byte[] CADDY_TS = bytes("\",\"ts\":");
    private static final byte[] CADDY_REMOTE_IP = bytes(",\"logger\":\"http.log.access.log0\",\"msg\":\"handled request\","
            + "\"request\":{\"remote_ip\":\"");
    private static final byte[] CADDY_REMOTE_PORT = bytes("\",\"remote_port\":\"");
    private static final byte[] CADDY_CLIENT_IP = bytes("\",\"client_ip\":\"");
    private static final byte[] CADDY_PROTO = bytes("\",\"proto\":\"");
    private static final byte[] CADDY_METHOD = bytes("\",\"method\":\"");
    private static final byte[] CADDY_HOST = bytes("\",\"host\":\"");
    private static final byte[] CADDY_URI = bytes("\",\"uri\":\"");
    private static final byte[] CADDY_HEADERS = bytes("\",\"headers\":{\"Accept-Encoding\":[\"gzip, deflate, br, zstd\"],"
            + "\"Accept\":[\"");
    private static final byte[] ACCEPT_HTML = bytes("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
    private static final byte[] ACCEPT_ANY = bytes("*/*");
    private static final byte[] CADDY_AGENT = bytes("\"],\"User-Agent\":[\"");
    private static final byte[] CADDY_REFERER = bytes("\"],\"Referer\":[\"");
    private static final byte[] CADDY_TLS = bytes("\"]},\"tls\":{\"resumed\":false,\"version\":772,\"cipher_suite\":4865,"
            + "\"proto\":\"");
    private static final byte[] CADDY_SERVER_NAME = bytes("\",\"server_name\":\"");
    private static final byte[] CADDY_BYTES_READ = bytes("\"}},\"bytes_read\":");
    private static final byte[] CADDY_USER = bytes(",\"user_id\":\"");
    private static final byte[] CADDY_DURATION = bytes("\",\"duration\":");
    private static final byte[] CADDY_SIZE = bytes(",\"size\":");
    private static final byte[] CADDY_STATUS = bytes(",\"status\":");
    private static final byte[] CADDY_RESPONSE = bytes(",\"resp_headers\":{\"Server\":[\"Caddy\"],\"Alt-Svc\":"
            + "[\"h3=\\\":443\\\"; ma=2592000\"],\"Content-Type\":[\"");
    private static final byte[] CADDY_END = bytes("\"]}}");
    private static final byte[] NGINX_TIME = bytes("{\"time_iso8601\":\"");
    private static final byte[] NGINX_ADDR = bytes("\",\"remote_addr\":\"");
    private static final byte[] NGINX_USER = bytes("\",\"remote_user\":\"");
    private static final byte[] NGINX_REQUEST = bytes("\",\"request\":\"");
    private static final byte[] NGINX_STATUS = bytes("\",\"status\":");
    private static final byte[] NGINX_SIZE = bytes(",\"body_bytes_sent\":");
    private static final byte[] NGINX_DURATION = bytes(",\"request_time\":");
    private static final byte[] NGINX_REFERER = bytes(",\"http_referer\":\"");
    private static final byte[] NGINX_AGENT = bytes("\",\"http_user_agent\":\"");
    private static final byte[] NGINX_HOST = bytes("\",\"host\":\"");
    private static final byte[] NGINX_END = bytes("\"}");
    private static final byte[] INFO = bytes("info");
    private static final byte[] ERROR = bytes("error");
    private static final byte[] H2 = bytes("h2");
    private static final byte[] HTTP_1 = bytes("http/1.1");

    private final Style style;
    private final byte[] host;
    private final TimeText times = new TimeText();
    /**
     * Where the last line's request value ends in the buffer for the text styles: a line cut before that point has
     * an unterminated quoted value, so no parser can take it for a shorter valid line.
     */
    int requestEnd;

    LineRenderer(Style style, String host) {
        this.style = style;
        this.host = bytes(host);
    }

    /**
     * Appends the line, without a terminator.
     *
     * @param receivedNanos when the request arrived (what Apache's {@code %t} logs)
     * @param completedNanos when it was logged (what Caddy's {@code ts} and nginx's {@code $time_iso8601} log)
     */
    void render(Draft d, long receivedNanos, long completedNanos, int offsetSeconds, ByteBuf out) {
        switch (style) {
            case CADDY_JSON -> caddy(d, completedNanos, out);
            case NGINX_JSON -> nginx(d, completedNanos, offsetSeconds, out);
            default -> apache(d, Math.floorDiv(receivedNanos, 1_000_000_000L), offsetSeconds, out);
        }
    }

    private void apache(Draft d, long epochSecond, int offsetSeconds, ByteBuf out) {
        if (style == Style.VHOST_COMBINED) {
            out.append(host).append(':').appendDecimal(d.port).append(' ');
        }
        out.append(d.client).append(' ').append('-').append(' ');
        apacheValue(d.user, out);
        out.append(' ');
        times.clf(epochSecond, offsetSeconds, out);
        out.append(' ').append('"');
        if (d.rawRequest != null) {
            if (d.rawRequest.length == 0) {
                out.append('-');
            } else {
                apache(d.rawRequest, 0, d.rawRequest.length, out);
            }
        } else {
            apache(d.method.bytes, 0, d.method.length, out);
            out.append(' ');
            apache(d.target.bytes, 0, d.target.length, out);
            out.append(' ').append(d.protocol);
        }
        requestEnd = out.length;
        out.append('"').append(' ').appendDecimal(d.status).append(' ');
        if (d.size == 0) {
            out.append('-');
        } else {
            out.appendDecimal(d.size);
        }
        if (style != Style.COMMON) {
            out.append(' ').append('"');
            apacheValue(d.referrer, out);
            out.append('"').append(' ').append('"');
            apacheValue(d.agent, out);
            out.append('"');
        }
    }

    private void caddy(Draft d, long completedNanos, ByteBuf out) {
        out.append(CADDY_START).append(d.status >= 500 ? ERROR : INFO).append(CADDY_TS);
        out.appendFraction(Math.floorDiv(completedNanos, 1000L), 6);
        out.append(CADDY_REMOTE_IP).append(d.client).append(CADDY_REMOTE_PORT).appendDecimal(d.remotePort);
        out.append(CADDY_CLIENT_IP).append(d.client).append(CADDY_PROTO).append(d.protocol);
        out.append(CADDY_METHOD);
        json(d.method, out);
        out.append(CADDY_HOST).append(host).append(CADDY_URI);
        json(d.target, out);
        out.append(CADDY_HEADERS).append(d.contentType == Catalogue.HTML ? ACCEPT_HTML : ACCEPT_ANY);
        if (!d.agent.isEmpty()) {
            out.append(CADDY_AGENT);
            json(d.agent, out);
        }
        if (!d.referrer.isEmpty()) {
            out.append(CADDY_REFERER);
            json(d.referrer, out);
        }
        boolean h2 = d.protocol.length == 8 && d.protocol.bytes[5] == '2';
        out.append(CADDY_TLS).append(h2 ? H2 : HTTP_1).append(CADDY_SERVER_NAME).append(host);
        out.append(CADDY_BYTES_READ).appendDecimal(d.bytesRead).append(CADDY_USER);
        json(d.user, out);
        out.append(CADDY_DURATION).appendFraction(d.durationMicros, 6);
        out.append(CADDY_SIZE).appendDecimal(d.size).append(CADDY_STATUS).appendDecimal(d.status);
        out.append(CADDY_RESPONSE).append(d.contentType).append(CADDY_END);
    }

    private void nginx(Draft d, long completedNanos, int offsetSeconds, ByteBuf out) {
        out.append(NGINX_TIME);
        times.iso(Math.floorDiv(completedNanos, 1_000_000_000L), offsetSeconds, out);
        out.append(NGINX_ADDR).append(d.client).append(NGINX_USER);
        json(d.user, out);
        out.append(NGINX_REQUEST);
        if (d.rawRequest != null) {
            json(d.rawRequest, 0, d.rawRequest.length, out);
        } else {
            json(d.method, out);
            out.append(' ');
            json(d.target, out);
            out.append(' ').append(d.protocol);
        }
        out.append(NGINX_STATUS).appendDecimal(d.status).append(NGINX_SIZE).appendDecimal(d.size);
        long millis = d.durationMicros / 1000;
        out.append(NGINX_DURATION).appendDecimal(millis / 1000).append('.').appendPadded(millis % 1000, 3);
        out.append(NGINX_REFERER);
        json(d.referrer, out);
        out.append(NGINX_AGENT);
        json(d.agent, out);
        out.append(NGINX_HOST).append(host).append(NGINX_END);
    }

    /** A value that logs as {@code -} when absent. */
    private static void apacheValue(ByteBuf value, ByteBuf out) {
        if (value.isEmpty()) {
            out.append('-');
        } else {
            apache(value.bytes, 0, value.length, out);
        }
    }

    /** Apache's {@code ap_escape_logitem}. */
    static void apache(byte[] src, int start, int end, ByteBuf out) {
        out.ensure((end - start) * 4);
        byte[] o = out.bytes;
        int n = out.length;
        int i = start;
        while (i < end) {
            int special = Scan.firstApacheEscape(src, i, end);
            System.arraycopy(src, i, o, n, special - i);
            n += special - i;
            if (special == end) {
                break;
            }
            int c = src[special] & 0xff;
            byte escape = APACHE_ESCAPES[c];
            o[n++] = '\\';
            if (escape == 'x') {
                o[n++] = 'x';
                o[n++] = ByteBuf.HEX_LOWER[c >>> 4];
                o[n++] = ByteBuf.HEX_LOWER[c & 0xf];
            } else {
                o[n++] = escape;
            }
            i = special + 1;
        }
        out.length = n;
    }

    private static void json(ByteBuf value, ByteBuf out) {
        json(value.bytes, 0, value.length, out);
    }

    /** JSON string escapes as nginx's {@code escape=json} and Caddy write them; bytes from 0x80 stay raw. */
    static void json(byte[] src, int start, int end, ByteBuf out) {
        out.ensure((end - start) * 6);
        byte[] o = out.bytes;
        int n = out.length;
        int i = start;
        while (i < end) {
            int special = Scan.firstJsonEscape(src, i, end);
            System.arraycopy(src, i, o, n, special - i);
            n += special - i;
            if (special == end) {
                break;
            }
            int c = src[special] & 0xff;
            byte escape = JSON_ESCAPES[c];
            o[n++] = '\\';
            if (escape == 'u') {
                o[n++] = 'u';
                o[n++] = '0';
                o[n++] = '0';
                o[n++] = HEX_UPPER[c >>> 4];
                o[n++] = HEX_UPPER[c & 0xf];
            } else {
                o[n++] = escape;
            }
            i = special + 1;
        }
        out.length = n;
    }
}
