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
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One source's marks: sends the request whose line starts the window, then the one whose line ends it, and knows
 * whether each has appeared in the log in time. The requests go out on the HTTP client's threads; the reading thread
 * asks what it needs to know. Tokens are random per check, so no line of another check or a replayed log matches.
 */
final class MarkWatch {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A mark's line may take this long to appear before a clock that disagrees is told of. */
    private static final Duration CLOCK_TOLERANCE = Duration.ofSeconds(30);
    private final Mark mark;
    /** How long the window is followed, or {@code null}. */
    private final Duration follow;
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
    /** How long the end of a check waits for the answers to its marks, at most. */
    private static final Duration ANSWER_WAIT = Duration.ofSeconds(5);
    private final List<CompletableFuture<?>> answers = new CopyOnWriteArrayList<>();
    private volatile long startSentNanos = -1;
    /** When the start mark was sent and when its answer came, by this machine's clock; {@code null} until then. */
    private volatile Instant startSentAt;
    private volatile Instant startAnsweredAt;
    /** When the start mark's line was read, by this machine's clock; {@code null} until then. */
    private volatile Instant startArrivedAt;
    private volatile long endSentNanos = -1;
    private volatile boolean startSeen;
    private volatile boolean endSeen;
    /** When the reader first caught up with the log, or -1: a start mark's time to appear counts from then. */
    private long caughtUpNanos = -1;
    private long startLine;
    private long endLine;
    private final long createdNanos = System.nanoTime();

    /**
     * @param follow how long the window is followed
     * @param host the SSH host's name for {@code {host}}, or {@code null} for a local log
     */
    MarkWatch(Mark mark, Duration follow, String host, String source, CheckListener events, MarkClient client) {
        this.mark = mark;
        this.follow = follow;
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
            startSentAt = Instant.now();
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

    /**
     * When to send the end mark: when the window has been followed as long as asked from the start mark's arrival,
     * so that a mark slow to arrive does not shorten the window, though not later than half the mark timeout past
     * the followed window's end, leaving the end mark the other half to arrive while the log is still read.
     *
     * @param followUntil when the followed window ends by the clock that started it
     */
    Instant endDue(Instant followUntil) {
        Instant arrived = startArrivedAt;
        if (arrived == null || follow == null) {
            return followUntil;
        }
        Instant asked = arrived.plus(follow);
        Instant latest = followUntil.plus(mark.timeout().dividedBy(2));
        return asked.isBefore(followUntil) ? followUntil : asked.isAfter(latest) ? latest : asked;
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
        startArrivedAt = Instant.now();
        startSeen = true;
        startLine = lineNumber;
        events.onEvent(new CheckEvent.Marked(source, "the window starts at the mark, line " + lineNumber));
    }

    /**
     * The start mark's line is stamped at this time by the server's clock: told of when it is further from when the
     * mark was sent (by this machine's clock) than a request takes, the server's clock being off by about that. The
     * window and a baseline measured from the mark are the log's own, whatever the clock; times given by the clock
     * (such as --since) and times in the log then disagree.
     */
    void startStamped(Instant stamped) {
        Instant sent = startSentAt;
        if (sent == null) {
            return;
        }
        Instant answered = startAnsweredAt != null ? startAnsweredAt : Instant.now();
        Duration early = Duration.between(stamped, sent);
        Duration late = Duration.between(answered, stamped);
        Duration off = early.compareTo(late) > 0 ? early : late.negated();
        if (early.compareTo(CLOCK_TOLERANCE) > 0 || late.compareTo(CLOCK_TOLERANCE) > 0) {
            events.onEvent(new CheckEvent.Warning(source, "the mark's line is stamped about "
                    + SourceRun.roughly(off.abs()) + (off.isNegative() ? " after" : " before") + " the time it was "
                    + "sent by this machine's clock (" + SourceRun.exactly(off.abs()) + ", to the second), so "
                    + "the server's clock or time zone is off by about that: the window and baseline are taken from "
                    + "the log's own times and are right, but times given by the clock and times in the log disagree"));
        }
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
        return "the " + which + " did not appear in the log within the mark timeout, "
                + Durations.format(mark.timeout()) + ", of sending GET " + uri + followed() + ": is it the log of the "
                + "server that URL reaches, and is the log written live?";
    }

    /** How the mark timeout relates to a followed window shorter than it, which it then outlasts. */
    private String followed() {
        if (follow == null || follow.compareTo(mark.timeout()) >= 0) {
            return "";
        }
        return " (a mark is waited for that long even when the followed window, " + Durations.format(follow)
                + ", is shorter)";
    }

    /**
     * Sends a mark and, once answered, says so with the server's status: {@code mark sent: GET ... (HTTP 200)}. An
     * answer of 5xx is told of as a warning: the mark is in the log, but the server is unwell.
     */
    private void send(URI uri, String which) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(mark.timeout()).GET()
                .header("User-Agent", "weblog-mark").header("X-Weblog-Mark", uri.getRawQuery()).build();
        boolean start = uri == startUri;
        answers.add(client.send(request).whenComplete((response, error) -> {
            if (error != null) {
                if (!(start ? startSeen : endSeen)) {
                    problem = "cannot send the " + which + " to " + uri + ": " + describe(error);
                }
                return;
            }
            if (start) {
                startAnsweredAt = Instant.now();
            }
            int status = response.statusCode();
            events.onEvent(new CheckEvent.Marked(source, which + " sent: GET " + uri + " (HTTP " + status + ")"));
            if (status >= 500) {
                events.onEvent(new CheckEvent.Warning(source, "the " + which + " GET " + uri + " was answered "
                        + status + ": it is in the log and marks the window, but the server is unwell"));
            }
        }));
    }

    /**
     * Waits a little for the answers to the marks sent, so that what they say (the status, a warning) comes before
     * the verdict: a server logs a request before it answers, so reading may end at the end mark's line first.
     */
    void awaitAnswers() {
        long deadline = System.nanoTime() + Math.min(mark.timeout().toNanos(), ANSWER_WAIT.toNanos());
        for (CompletableFuture<?> answer : answers) {
            try {
                answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException | CancellationException e) {
                // What went wrong is the mark's problem, told of already; the verdict does not wait for more.
            }
        }
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
