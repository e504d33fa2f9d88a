package io.weblog.format;

import java.util.Locale;

/**
 * The parts of a hit that formats extract and rules select on.
 *
 * <p>Only the text fields and {@link #STATUS} can appear in a rule's filter; {@link #TIME}, {@link #BYTES} and
 * {@link #DURATION} are carried in every hit for windows, reports and the latency rules to come.
 */
public enum Field {
    /** The client address: {@code %h}, {@code %a}, {@code $remote_addr}; IPv4 or IPv6. */
    CLIENT(true),
    /** The authenticated user: {@code %u}, {@code $remote_user}. */
    USER(true),
    /** The request method, from the request line or {@code %m}. */
    METHOD(true),
    /** The request target without its query string, as logged (not percent-decoded). */
    PATH(true),
    /** The query string without its leading {@code ?}. */
    QUERY(true),
    /** The protocol of the request line, such as {@code HTTP/1.1}. */
    PROTOCOL(true),
    /** The whole request line, kept for requests that are not {@code METHOD target PROTOCOL} (probes, TLS bytes). */
    REQUEST(true),
    /** The Referer header; absent when logged as {@code -}. */
    REFERRER(true),
    /** The User-Agent header. */
    AGENT(true),
    /** The virtual host that served the request: {@code %v}, {@code $host}. */
    VHOST(true),
    /** The final response status. */
    STATUS(false),
    /** The response size in bytes. */
    BYTES(false),
    /** When the request was received, with the zone the server logged. */
    TIME(false),
    /** How long the server took, where the format logs it. */
    DURATION(false);

    private final boolean text;

    Field(boolean text) {
        this.text = text;
    }

    /** Whether this field's value is text (as opposed to a number or a time). */
    public boolean isText() {
        return text;
    }

    /** The name this field has in the rule grammar and in reports, such as {@code referrer}. */
    public String ruleName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
