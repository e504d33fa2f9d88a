package io.weblog.format;

import java.io.Serializable;
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * One request as the web server logged it. Fields the format does not log, and values logged as {@code -}, are
 * {@code null} ({@code status} and {@code bytes} are -1).
 *
 * @param time when the request was received, in the zone the server logged
 * @param client the client address
 * @param user the authenticated user
 * @param method the request method
 * @param path the request target without its query, as logged
 * @param query the query string without {@code ?}
 * @param protocol the protocol of the request line
 * @param request the whole request line
 * @param status the final status
 * @param bytes the response size
 * @param referrer the Referer header
 * @param agent the User-Agent header
 * @param vhost the virtual host
 * @param duration how long the server took
 * @param line the raw line, without its terminator
 * @param position where the line was read
 */
public record Hit(OffsetDateTime time, String client, String user, String method, String path, String query,
                 String protocol, String request, int status, long bytes, String referrer, String agent, String vhost,
                 Duration duration, String line, Position position) implements Serializable {

    /**
     * Where a line was read: the source's name, the 1-based line number and the byte offset of its first byte.
     *
     * @param source the source's display name
     * @param line the 1-based line number within what was read from the source
     * @param byteOffset the offset of the line's first byte in what was read from the source
     */
    public record Position(String source, long line, long byteOffset) implements Serializable {
    }

    /** This hit at another line number; used when parts of a file read in parallel are put back in order. */
    public Hit atLine(long lineNumber) {
        return new Hit(time, client, user, method, path, query, protocol, request, status, bytes, referrer, agent,
                vhost, duration, line, new Position(position.source(), lineNumber, position.byteOffset()));
    }

    /** The request target as logged: the path and, if any, {@code ?query}. */
    public String target() {
        if (path == null) {
            return null;
        }
        return query == null ? path : path + '?' + query;
    }
}
