package io.weblog.testing;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Builds access-log lines for tests, in the combined format unless told otherwise:
 * {@code LogLines.hit().at("2024-10-10T13:55:36+02:00").get("/a").status(404).referrer("https://x/").combined()}.
 * Values are written as Apache writes them: pass already-escaped text where a test is about escaping.
 */
public final class LogLines {
    private static final DateTimeFormatter CLF = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z",
            Locale.ENGLISH);

    private String client = "192.0.2.10";
    private String user = "-";
    private OffsetDateTime time = OffsetDateTime.parse("2024-10-10T13:55:36+02:00");
    private String request = "GET / HTTP/1.1";
    private int status = 200;
    private String bytes = "1024";
    private String referrer = "-";
    private String agent = "Mozilla/5.0 (X11; Linux x86_64) Firefox/131.0";
    private String vhost = "shop.example.com";

    private LogLines() {
    }

    /** A hit with defaults: GET / at 2024-10-10T13:55:36+02:00, 200, no referrer. */
    public static LogLines hit() {
        return new LogLines();
    }

    /** A combined line of a hit logged now. */
    public static String now(int status, String path) {
        return hit().at(OffsetDateTime.now()).get(path).status(status).combined();
    }

    /**
     * A combined line of a hit logged some seconds ago: "before" a check that follows a remote log, whose window
     * starts at the second the check started and reads back to it.
     */
    public static String secondsAgo(int seconds, int status, String path) {
        return hit().at(OffsetDateTime.now().minusSeconds(seconds)).get(path).status(status).combined();
    }

    /** The time of a line in the combined format, as its {@code [...]} field holds it. */
    public static Instant timeOf(String combinedLine) {
        int open = combinedLine.indexOf('[');
        return OffsetDateTime.parse(combinedLine.substring(open + 1, combinedLine.indexOf(']', open)), CLF)
                .toInstant();
    }

    /** Sets the client address. */
    public LogLines client(String value) {
        client = value;
        return this;
    }

    /** Sets the user. */
    public LogLines user(String value) {
        user = value;
        return this;
    }

    /** Sets the time, in the offset given. */
    public LogLines at(String isoOffsetDateTime) {
        time = OffsetDateTime.parse(isoOffsetDateTime);
        return this;
    }

    /** Sets the time. */
    public LogLines at(OffsetDateTime value) {
        time = value;
        return this;
    }

    /** Sets the whole request line, as logged. */
    public LogLines request(String value) {
        request = value;
        return this;
    }

    /** A GET of the target over HTTP/1.1. */
    public LogLines get(String target) {
        request = "GET " + target + " HTTP/1.1";
        return this;
    }

    /** Sets the status. */
    public LogLines status(int value) {
        status = value;
        return this;
    }

    /** Sets the size as logged ({@code -} for none). */
    public LogLines bytes(String value) {
        bytes = value;
        return this;
    }

    /** Sets the referrer as logged ({@code -} for none). */
    public LogLines referrer(String value) {
        referrer = value;
        return this;
    }

    /** Sets the user agent as logged. */
    public LogLines agent(String value) {
        agent = value;
        return this;
    }

    /** Sets the virtual host. */
    public LogLines vhost(String value) {
        vhost = value;
        return this;
    }

    /** The line in Apache's common format. */
    public String common() {
        return client + " - " + user + " [" + CLF.format(time) + "] \"" + request + "\" " + status + " " + bytes;
    }

    /** The line in Apache's and nginx's combined format. */
    public String combined() {
        return common() + " \"" + referrer + "\" \"" + agent + "\"";
    }

    /** The line in Apache's vhost_combined format (port 443). */
    public String vhostCombined() {
        return vhost + ":443 " + combined();
    }
}
