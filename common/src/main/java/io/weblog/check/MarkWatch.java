package io.weblog.check;

import io.weblog.window.Durations;
import io.weblog.window.Mark;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletionException;

/**
 * One source's marks: sends the request whose line starts the window, then the one whose line ends it, and knows
 * whether each has appeared in the log in time. The requests go out on the HTTP client's threads; the reading thread
 * asks what it needs to know. Tokens are random per check, so no line of another check or a replayed log matches.
 */
final class MarkWatch {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Mark mark;
    private final String source;
    private final CheckListener events;
    private final MarkClient client;
    private final URI startUri;
    private final URI endUri;
    /** The start mark's token as the line holds it. */
    final byte[] startToken;
    /** The end mark's token as the line holds it. */
    final byte[] endToken;
    private volatile String problem;
    private volatile long startSentNanos = -1;
    private volatile long endSentNanos = -1;
    private volatile boolean startSeen;
    private volatile boolean endSeen;
    /** When the reader first caught up with the log, or -1: a start mark's time to appear counts from then. */
    private long caughtUpNanos = -1;
    private long startLine;
    private long endLine;
    private final long createdNanos = System.nanoTime();

    /**
     * @param host the SSH host's name for {@code {host}}, or {@code null} for a local log
     */
    MarkWatch(Mark mark, String host, String source, CheckListener events, MarkClient client) {
        this.mark = mark;
        this.source = source;
        this.events = events;
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        String id = HexFormat.of().formatHex(random);
        startUri = mark.uri(host, id + "-start");
        endUri = mark.uri(host, id + "-end");
        startToken = (Mark.PARAMETER + "=" + id + "-start").getBytes(StandardCharsets.US_ASCII);
        endToken = (Mark.PARAMETER + "=" + id + "-end").getBytes(StandardCharsets.US_ASCII);
        this.client = client;
    }

    /** Sends the start mark, once: when the reader has caught up with the log, or has read for a while. */
    void sendStartWhenDue() {
        if (startSentNanos < 0
                && (caughtUpNanos >= 0 || System.nanoTime() - createdNanos > Duration.ofSeconds(2).toNanos())) {
            startSentNanos = System.nanoTime();
            send(startUri, "mark");
        }
    }

    /** The reader caught up with the log: what is logged from now on, it reads as it comes. */
    void caughtUp() {
        if (caughtUpNanos < 0) {
            caughtUpNanos = System.nanoTime();
        }
    }

    /** Sends the end mark, once. */
    void sendEnd() {
        if (endSentNanos < 0 && startSeen) {
            endSentNanos = System.nanoTime();
            send(endUri, "end mark");
        }
    }

    /** The line number of the start mark, 0 before it arrived. */
    long startLine() {
        return startLine;
    }

    /** The line number of the end mark, 0 before it arrived. */
    long endLine() {
        return endLine;
    }

    boolean startSeen() {
        return startSeen;
    }

    boolean endSent() {
        return endSentNanos >= 0;
    }

    boolean endSeen() {
        return endSeen;
    }

    /** The start mark's line arrived: the window starts after it. */
    void startArrived(long lineNumber) {
        startSeen = true;
        startLine = lineNumber;
        events.onEvent(new CheckEvent.Marked(source, "the window starts at the mark, line " + lineNumber));
    }

    /** The end mark's line arrived: the window ended before it. */
    void endArrived(long lineNumber) {
        endSeen = true;
        endLine = lineNumber;
        events.onEvent(new CheckEvent.Marked(source, "the window ended at the end mark, line " + lineNumber));
    }

    /**
     * Why the window cannot be marked, or {@code null}: a request failed, or its line did not appear in time (wrong
     * log, wrong server, or a log not written live).
     */
    String problem() {
        if (problem != null) {
            return problem;
        }
        long now = System.nanoTime();
        long limit = mark.timeout().toNanos();
        if (startSentNanos >= 0 && caughtUpNanos >= 0 && !startSeen
                && now - Math.max(startSentNanos, caughtUpNanos) > limit) {
            problem = missing("mark", startUri);
        } else if (endSentNanos >= 0 && !endSeen && now - endSentNanos > limit) {
            problem = missing("end mark", endUri);
        }
        return problem;
    }

    /** What is wrong when reading ended without the marks it needed, or {@code null}. */
    String problemAtEnd(boolean endedEarly) {
        if (problem() != null) {
            return problem;
        }
        if (!startSeen) {
            return startSentNanos < 0 ? "the mark was never sent: the log could not be followed up to its end"
                    : missing("mark", startUri);
        }
        if (!endSeen && !endedEarly) {
            return endSentNanos < 0 ? "the end mark was never sent" : missing("end mark", endUri);
        }
        return null;
    }

    private String missing(String which, URI uri) {
        return "the " + which + " did not appear in the log within " + Durations.format(mark.timeout())
                + " of sending GET " + uri + ": is it the log of the server that URL reaches, and is the log "
                + "written live?";
    }

    private void send(URI uri, String which) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(mark.timeout()).GET()
                .header("User-Agent", "weblog-mark").header("X-Weblog-Mark", uri.getRawQuery()).build();
        events.onEvent(new CheckEvent.Marked(source, which + " sent: GET " + uri));
        boolean start = uri == startUri;
        client.send(request).whenComplete((response, error) -> {
            if (error != null && !(start ? startSeen : endSeen)) {
                problem = "cannot send the " + which + " to " + uri + ": " + describe(error);
            }
        });
    }

    private String describe(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof HttpTimeoutException) {
            return "no answer within " + Durations.format(mark.timeout());
        }
        if (cause instanceof ConnectException) {
            return "connection refused";
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }
}
