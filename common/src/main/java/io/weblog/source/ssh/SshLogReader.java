package io.weblog.source.ssh;

import io.weblog.check.EndReason;
import io.weblog.source.LineSplitter;
import io.weblog.source.LogReader;
import io.weblog.source.ReadControl;
import io.weblog.source.SourceException;
import io.weblog.source.ssh.RemoteLog.FileState;
import io.weblog.source.ssh.RemoteLog.RemoteStream;
import io.weblog.source.ssh.RemoteLog.Which;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.function.Consumer;
import org.apache.sshd.client.session.ClientSession;

/**
 * Reads one remote log for a check: decides where to start, streams, follows rotation, and resumes after a dropped
 * connection at the byte where it stopped, with no hit lost or counted twice.
 *
 * <ul>
 *   <li>No window: the whole log. A followed window without a start: from the log's end. A window with a start: only
 *       the end of a large log is read, found by looking at blocks further and further back; when the window reaches
 *       back past the log's first line, the rotated predecessor ({@code access.log.1}) is read first.</li>
 *   <li>Rotation while following: the file being read is followed to its end after it is renamed away (the web
 *       server writes to it until it reopens its log), then the new log from its start; a truncated log is read again
 *       from its start.</li>
 *   <li>A dropped connection is made again with growing pauses; reading resumes at the last whole line, in the same
 *       file, found by its inode (or in its rotated predecessor, if it was rotated meanwhile).</li>
 * </ul>
 */
final class SshLogReader implements LogReader {
    private static final Duration LONGEST_LOOKBACK_SLACK = Duration.ofMinutes(5);
    private static final Duration SHORTEST_LOOKBACK_SLACK = Duration.ofSeconds(10);
    private static final Duration ROTATION_CHECK = Duration.ofSeconds(2);
    private static final Duration QUIET_BEFORE_SWITCH = Duration.ofSeconds(1);
    private static final int MAX_ATTEMPTS_WHEN_NOT_FOLLOWING = 5;
    private static final long FIRST_PAUSE_MILLIS = 250;
    private static final long LONGEST_PAUSE_MILLIS = 5_000;
    private static final int BUFFER = 64 * 1024;

    private final SshSource source;
    private final SshConnector connector;
    private ClientSession session;
    private RemoteLog remote;
    /**
     * Whether the followed window has ended and what the log holds of it is being read back: because it ended before
     * following began, or to catch up at its end with lines logged in it that had not arrived yet.
     */
    private boolean readBack;

    SshLogReader(SshSource source, SshConnector connector) {
        this.source = source;
        this.connector = connector;
    }

    /**
     * A stretch of one file to read.
     *
     * @param which the log or its predecessor
     * @param offset where to start
     * @param follow whether to follow it as it grows
     * @param identity its inode, where known
     */
    private record Segment(Which which, long offset, boolean follow, String identity) {
    }

    /** How streaming one segment stopped. */
    private enum Stop {
        DONE, STOPPED, DEADLINE, CANCELLED, RENAMED, TRUNCATED, DROPPED
    }

    @Override
    public EndReason read(LineSplitter splitter, ReadControl control) throws SourceException, InterruptedException {
        try {
            long started = System.nanoTime();
            Instant until = control.followUntil();
            if (until != null && !Instant.now().isBefore(until) && !control.readableAfterTheWindow()) {
                throw new SourceException("the window had ended before connecting to " + source.host() + " began; "
                        + "nothing of it could be read");
            }
            FileState current = connect(control, control.readableAfterTheWindow() ? null : until);
            if (until != null && !Instant.now().isBefore(until)) {
                if (!control.readableAfterTheWindow()) {
                    throw new SourceException("connected to " + source.host() + " only after the window had ended; "
                            + "nothing of it could be read");
                }
                readBack(control, String.format(Locale.ROOT, "connected only after the followed window had ended "
                        + "(connecting took %.1f s)", (System.nanoTime() - started) / 1e9));
            }
            Deque<Segment> plan = plan(current, control);
            return execute(plan, splitter, control);
        } finally {
            disconnect();
        }
    }

    /**
     * Reads the log back instead of following it, when the followed window ended before following could begin: the
     * lines logged in it are still in the file, and those stamped in it count.
     */
    private void readBack(ReadControl control, String when) {
        readBack = true;
        control.warn(when + ": reading back what the log holds of the window instead of following it");
    }

    /**
     * Connects and looks at the log without reading it, for a person testing a configuration.
     *
     * @return how it is read, the host key, and the log's size
     */
    String probe(Consumer<String> warnings) throws SourceException, InterruptedException {
        try {
            session = connector.connect(source.host(), warnings, null);
            FileState state = open(warnings);
            return "connected, " + howRead() + "; the log has " + String.format(Locale.ROOT, "%,d bytes", state.size());
        } finally {
            disconnect();
        }
    }

    /**
     * Connects and chooses how to read; returns the log's state, which also proves the account may read it.
     *
     * @param deadline when connecting must have succeeded at the latest, or {@code null} for the connect timeout alone
     */
    private FileState connect(ReadControl control, Instant deadline) throws SourceException, InterruptedException {
        session = connector.connect(source.host(), control::warn, deadline);
        FileState state = open(control::warn);
        control.connected(howRead());
        return state;
    }

    /** How the log is read and the host key the server presented. */
    private String howRead() {
        String key = session.getAttribute(Hop.HOST_KEY);
        return "reading with " + remote.describe() + (key == null ? "" : "; host key " + key);
    }

    /** Chooses how to read the log on the session: shell and tail, SFTP, weblog serve. */
    private FileState open(Consumer<String> warnings) throws SourceException {
        FileState state;
        if (source.settings().sftpOnly() && ServerRemoteLog.serves(session)) {
            throw new SourceException(source.host() + " is weblog serve, which offers no SFTP (it serves its log "
                    + "with commands of its own); read it without SFTP");
        }
        if (source.settings().sftpOnly()) {
            remote = SftpRemoteLog.open(session, source.path());
            state = stat(Which.CURRENT);
        } else if (ServerRemoteLog.serves(session)) {
            remote = new ServerRemoteLog(session, source.path());
            state = stat(Which.CURRENT);
        } else {
            remote = new ShellRemoteLog(session, source.path());
            try {
                state = stat(Which.CURRENT);
            } catch (ExecRemoteLog.ExecRefused refused) {
                warnings.accept(refused.getMessage() + "; reading over SFTP instead");
                remote = SftpRemoteLog.open(session, source.path());
                state = stat(Which.CURRENT);
            }
        }
        if (state == null) {
            throw new SourceException("no such file on " + source.host() + ": " + source.path());
        }
        return state;
    }

    private FileState stat(Which which) throws SourceException {
        try {
            return remote.stat(which);
        } catch (IOException e) {
            if (remote instanceof ShellRemoteLog && session.isOpen()) {
                throw new ExecRemoteLog.ExecRefused("the server runs no commands (" + e.getMessage() + ")");
            }
            throw new ConnectionFailed("lost the connection to " + source.host() + ": " + e.getMessage(), e);
        }
    }

    private void disconnect() {
        if (remote != null) {
            remote.close();
            remote = null;
        }
        if (session != null) {
            session.close(true);
            session = null;
        }
    }

    /** What to read: the whole log, its end, or from where the window starts (in the predecessor, if need be). */
    private Deque<Segment> plan(FileState current, ReadControl control) throws SourceException {
        Deque<Segment> plan = new ArrayDeque<>();
        boolean follow = control.followUntil() != null && !readBack;
        Instant since = control.since();
        Instant latest = since == null && follow && control.lookBack() != null ? latestHit(current, control) : null;
        if (latest != null) {
            since = latest.minus(control.lookBack());
        }
        if (since == null) {
            plan.add(new Segment(Which.CURRENT, follow ? current.size() : 0, follow, current.identity()));
            return plan;
        }
        Instant target = since.minus(latest != null ? SHORTEST_LOOKBACK_SLACK : lookbackSlack(since));
        long start = startOf(Which.CURRENT, current, target, control);
        if (start < 0) {
            FileState previous = stat(Which.PREVIOUS);
            if (previous != null) {
                long previousStart = Math.max(0, startOf(Which.PREVIOUS, previous, target, control));
                plan.add(new Segment(Which.PREVIOUS, previousStart, false, previous.identity()));
            }
            start = 0;
        }
        plan.add(new Segment(Which.CURRENT, start, follow, current.identity()));
        return plan;
    }

    /**
     * How far before the window's start to begin reading, for hits logged out of order (servers log a request when it
     * completes, with the time it started): five minutes for a window reaching back that far, less for a recent start
     * such as the start of a followed window, so that a busy log is not read back minutes for a check just begun.
     */
    private static Duration lookbackSlack(Instant since) {
        Duration age = Duration.between(since, Instant.now());
        if (age.compareTo(SHORTEST_LOOKBACK_SLACK) < 0) {
            return SHORTEST_LOOKBACK_SLACK;
        }
        return age.compareTo(LONGEST_LOOKBACK_SLACK) > 0 ? LONGEST_LOOKBACK_SLACK : age;
    }

    /** The time of the latest hit in the log's last block, by the log's own clock, or {@code null} when none. */
    private Instant latestHit(FileState state, ReadControl control) throws SourceException {
        if (state.size() == 0) {
            return null;
        }
        long position = Math.max(0, state.size() - ShellRemoteLog.BLOCK);
        byte[] block = readBlock(Which.CURRENT, position);
        int firstLine = position == 0 ? 0 : indexAfterNewline(block);
        ReadControl.TimeRange times = firstLine < 0 ? null
                : control.hitTimes(LineSplitter.wholeLines(block, firstLine, block.length, Integer.MAX_VALUE));
        return times == null ? null : times.latest();
    }

    /**
     * Where in a file the hits from {@code target} on begin: the start of the first whole line of the last block,
     * looking further and further back, whose hits are all older than the target; 0 when the file's first hits are
     * older; -1 when even they are not (the window reaches back before this file).
     */
    private long startOf(Which which, FileState state, Instant target, ReadControl control) throws SourceException {
        if (state.size() == 0) {
            return -1;
        }
        long distance = ShellRemoteLog.BLOCK;
        while (true) {
            long position = Math.max(0, (state.size() - distance) / ShellRemoteLog.BLOCK * ShellRemoteLog.BLOCK);
            byte[] block = readBlock(which, position);
            int firstLine = position == 0 ? 0 : indexAfterNewline(block);
            ReadControl.TimeRange times = firstLine < 0 ? null : control.hitTimes(LineSplitter.wholeLines(block, firstLine, block.length, Integer.MAX_VALUE));
            if (position == 0) {
                return times == null || times.earliest().isBefore(target) ? 0 : -1;
            }
            if (times != null && times.latest().isBefore(target)) {
                return position + firstLine;
            }
            distance *= 4;
        }
    }

    private byte[] readBlock(Which which, long position) throws SourceException {
        try {
            return remote.read(which, position, ShellRemoteLog.BLOCK);
        } catch (IOException e) {
            throw new ConnectionFailed("lost the connection to " + source.host() + ": " + e.getMessage(), e);
        }
    }

    private static int indexAfterNewline(byte[] block) {
        for (int i = 0; i < block.length; i++) {
            if (block[i] == '\n') {
                return i + 1;
            }
        }
        return -1;
    }

    private EndReason execute(Deque<Segment> plan, LineSplitter splitter, ReadControl control)
            throws SourceException, InterruptedException {
        boolean followed = false;
        while (!plan.isEmpty()) {
            Segment segment = plan.peek();
            if (!followed && segment.follow() && !Instant.now().isBefore(control.followUntil())
                    && control.readableAfterTheWindow()) {
                readBack(control, "the followed window ended before following began");
                plan.pop();
                segment = new Segment(segment.which(), segment.offset(), false, segment.identity());
                plan.push(segment);
            }
            long base = splitter.consumedOffset();
            Stop stop = stream(segment, splitter, control);
            followed |= segment.follow();
            long reached = segment.offset() + splitter.consumedOffset() - base;
            switch (stop) {
                case DONE -> {
                    plan.pop();
                    if (plan.isEmpty()) {
                        return !splitter.finish(true) ? EndReason.STOP_HIT
                                : readBack ? EndReason.WINDOW_ENDED : EndReason.END_OF_INPUT;
                    }
                    splitter.discardPartialLine();
                }
                case STOPPED -> {
                    return EndReason.STOP_HIT;
                }
                case DEADLINE -> {
                    if (!catchUp(plan, segment, reached, splitter, control)) {
                        return EndReason.WINDOW_ENDED;
                    }
                }
                case CANCELLED -> {
                    return EndReason.CANCELLED;
                }
                case RENAMED -> {
                    plan.pop();
                    splitter.discardPartialLine();
                    FileState next = stat(Which.CURRENT);
                    plan.push(new Segment(Which.CURRENT, 0, true, next == null ? null : next.identity()));
                    control.rotated("renamed; read the old " + fileName() + " to its end, reading the new one from "
                            + "its start");
                }
                case TRUNCATED -> {
                    plan.pop();
                    splitter.discardPartialLine();
                    plan.push(new Segment(Which.CURRENT, 0, segment.follow(), segment.identity()));
                    control.rotated("truncated; reading " + fileName() + " again from its start");
                }
                case DROPPED -> {
                    splitter.discardPartialLine();
                    if (!reconnect(control, "the connection to " + source.host() + " was lost")) {
                        return control.cancelled() ? EndReason.CANCELLED : EndReason.WINDOW_ENDED;
                    }
                    plan.pop();
                    resume(plan, segment, reached, control);
                }
                default -> throw new AssertionError(stop);
            }
        }
        return EndReason.END_OF_INPUT;
    }

    /**
     * At the end of a followed window told by time: reads what the file holds past the point reached, since lines
     * logged in the window may not have arrived yet (a loaded server, a slow network, a stream opened just before
     * the end); those stamped after it do not count. Only when the file is still the one followed: after a rotation
     * at the very end, what arrived is what counts.
     *
     * @return whether there is more to read; not when the file cannot be looked at now, which leaves the window as
     *     it was read
     */
    private boolean catchUp(Deque<Segment> plan, Segment followed, long reached, LineSplitter splitter,
            ReadControl control) {
        if (readBack || !control.readableAfterTheWindow()) {
            return false;
        }
        FileState current;
        try {
            current = stat(Which.CURRENT);
        } catch (SourceException e) {
            return false;
        }
        boolean sameFile = current != null && (followed.identity() == null ? current.size() >= reached
                : followed.identity().equals(current.identity()));
        if (!sameFile || current.size() <= reached) {
            return false;
        }
        readBack = true;
        plan.pop();
        splitter.discardPartialLine();
        plan.push(new Segment(Which.CURRENT, reached, false, followed.identity()));
        return true;
    }

    /** After a reconnect: where the interrupted segment continues, found by the file's identity. */
    private void resume(Deque<Segment> plan, Segment interrupted, long reached, ReadControl control)
            throws SourceException {
        FileState current = stat(Which.CURRENT);
        String identity = interrupted.identity();
        boolean sameFile = current != null && (identity == null ? current.size() >= reached
                : identity.equals(current.identity()));
        if (interrupted.which() == Which.CURRENT && sameFile) {
            plan.push(new Segment(Which.CURRENT, reached, interrupted.follow(), identity));
            return;
        }
        FileState previous = stat(Which.PREVIOUS);
        boolean rotatedMeanwhile = previous != null && identity != null && identity.equals(previous.identity());
        if (interrupted.which() == Which.PREVIOUS && previous != null && (identity == null || rotatedMeanwhile)) {
            plan.push(new Segment(Which.PREVIOUS, reached, false, identity));
            return;
        }
        if (rotatedMeanwhile) {
            plan.push(new Segment(Which.CURRENT, 0, interrupted.follow(), current == null ? null : current.identity()));
            plan.push(new Segment(Which.PREVIOUS, reached, false, identity));
            control.rotated("rotated while disconnected; reading the rest of " + fileName() + ".1, then the new log");
            return;
        }
        control.warn("could not find where reading stopped in " + source.path() + " after reconnecting (rotated "
                + "more than once?); reading it from its start");
        plan.push(new Segment(Which.CURRENT, 0, interrupted.follow(), current == null ? null : current.identity()));
    }

    /** Streams one segment into the splitter until it ends or something calls for a decision. */
    private Stop stream(Segment segment, LineSplitter splitter, ReadControl control)
            throws SourceException, InterruptedException {
        Instant until = control.followUntil();
        RemoteStream stream;
        try {
            stream = remote.stream(segment.which(), segment.offset(), segment.follow(),
                    until == null ? Instant.now() : until);
        } catch (IOException e) {
            return Stop.DROPPED;
        }
        try (stream) {
            byte[] buffer = new byte[BUFFER];
            long base = splitter.consumedOffset();
            long lastData = System.nanoTime();
            long lastCheck = System.nanoTime();
            boolean renamed = false;
            while (true) {
                if (control.cancelled()) {
                    return Stop.CANCELLED;
                }
                if (Thread.interrupted()) {
                    throw new InterruptedException("interrupted while reading " + source.displayName());
                }
                if (segment.follow() && !Instant.now().isBefore(until)) {
                    return Stop.DEADLINE;
                }
                int read;
                try {
                    read = stream.read(buffer, 0, buffer.length);
                } catch (IOException e) {
                    return Stop.DROPPED;
                }
                if (read > 0) {
                    if (!splitter.feed(buffer, 0, read)) {
                        return Stop.STOPPED;
                    }
                    control.progress(splitter.bytes(), splitter.lines());
                    lastData = System.nanoTime();
                    continue;
                }
                if (read < 0) {
                    RemoteLog.Ending ending = stream.ending();
                    if (ending.truncated()) {
                        return Stop.TRUNCATED;
                    }
                    if (ending.complete() && !segment.follow()) {
                        return Stop.DONE;
                    }
                    if (segment.follow() && !Instant.now().isBefore(until.minusMillis(500))) {
                        return Stop.DEADLINE;
                    }
                    throw new SourceException(source.displayName() + ": " + (ending.message().isEmpty()
                            ? "the remote side stopped sending" : ending.message()));
                }
                if (!control.idle()) {
                    return Stop.STOPPED;
                }
                long now = System.nanoTime();
                if (segment.follow() && now - lastCheck >= ROTATION_CHECK.toNanos()) {
                    lastCheck = now;
                    long reached = segment.offset() + splitter.consumedOffset() - base;
                    RemoteLog.Rotation rotation;
                    try {
                        rotation = stream.rotation(reached);
                    } catch (IOException e) {
                        return Stop.DROPPED;
                    }
                    if (rotation == RemoteLog.Rotation.TRUNCATED) {
                        return Stop.TRUNCATED;
                    }
                    renamed |= rotation == RemoteLog.Rotation.RENAMED;
                }
                if (renamed && now - lastData >= QUIET_BEFORE_SWITCH.toNanos()) {
                    return Stop.RENAMED;
                }
            }
        }
    }

    /**
     * Connects again after a drop, pausing longer each time; gives up at the window's end when following, else after a
     * few attempts. A refused host key or failed authentication is not tried again.
     *
     * @return {@code false} when the window ended or the check was cancelled first
     */
    private boolean reconnect(ReadControl control, String reason) throws SourceException, InterruptedException {
        disconnect();
        Instant until = control.followUntil();
        String why = reason;
        for (int attempt = 1; ; attempt++) {
            if (control.cancelled() || until != null && !Instant.now().isBefore(until)) {
                return false;
            }
            if (until == null && attempt > MAX_ATTEMPTS_WHEN_NOT_FOLLOWING) {
                throw new SourceException(why + "; gave up after " + MAX_ATTEMPTS_WHEN_NOT_FOLLOWING + " attempts");
            }
            control.reconnecting(attempt, why);
            long pause = Math.min(LONGEST_PAUSE_MILLIS, FIRST_PAUSE_MILLIS << Math.min(attempt - 1, 5));
            if (until != null) {
                pause = Math.max(0, Math.min(pause, Duration.between(Instant.now(), until).toMillis()));
            }
            Thread.sleep(pause);
            try {
                connect(control, until);
                return until == null || Instant.now().isBefore(until);
            } catch (ConnectionFailed e) {
                disconnect();
                why = e.getMessage();
            }
        }
    }

    private String fileName() {
        int slash = source.path().lastIndexOf('/');
        return slash < 0 ? source.path() : source.path().substring(slash + 1);
    }
}
