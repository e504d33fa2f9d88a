package io.weblog.source.ssh;

import io.weblog.source.SourceException;
import java.io.IOException;
import java.time.Instant;
import org.apache.sshd.client.session.ClientSession;

/**
 * A log served by {@code weblog serve}, which offers exactly the operations weblog needs as commands:
 * {@code weblog-stat}, {@code weblog-read} and {@code weblog-follow} (exit status 4: truncated, or beyond the end).
 * The server serves one log; the path given with the source must name that file (its directory may differ, or be
 * left out), so that a verdict is never filed under a log that was not read.
 */
final class ServerRemoteLog extends ExecRemoteLog {
    private static final int TRUNCATED = 4;

    ServerRemoteLog(ClientSession session, String path) {
        super(session, path);
    }

    /** Whether the session's server is {@code weblog serve}, which names itself in its identification string. */
    static boolean serves(ClientSession session) {
        String version = session.getServerVersion();
        return version != null && version.contains("weblog");
    }

    @Override
    public String describe() {
        return "weblog serve";
    }

    private static String fileName(String path) {
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    private static String name(Which which) {
        return which == Which.CURRENT ? "current" : "previous";
    }

    @Override
    public FileState stat(Which which) throws IOException, SourceException {
        Result result = run("weblog-stat " + name(which));
        if (result.exitStatus() == 1) {
            return null;
        }
        String[] fields = result.text().strip().split(" ", 3);
        if (result.exitStatus() != 0 || fields.length < 2 || !fields[1].matches("\\d+")) {
            throw new SourceException("weblog serve did not answer weblog-stat: " + (result.err().isEmpty()
                    ? "exit status " + result.exitStatus() : result.err()));
        }
        if (which == Which.CURRENT && fields.length == 3 && !fields[2].equals(fileName(path))) {
            throw new SourceException("weblog serve there serves " + fields[2] + ", not " + path
                    + "; name the log it serves");
        }
        return new FileState(fields[0], Long.parseLong(fields[1]));
    }

    @Override
    public byte[] read(Which which, long offset, int length) throws IOException, SourceException {
        Result result = run("weblog-read " + name(which) + " " + offset + " " + length);
        if (result.exitStatus() != 0) {
            throw new SourceException("weblog serve could not read " + path + ": " + result.err());
        }
        return result.out();
    }

    @Override
    public RemoteStream stream(Which which, long offset, boolean follow, Instant until)
            throws IOException, SourceException {
        if (follow) {
            if (which != Which.CURRENT) {
                throw new IllegalArgumentException("only the current log is followed");
            }
            FileState state = stat(Which.CURRENT);
            return open("weblog-follow " + offset, state == null ? null : state.identity());
        }
        return open("weblog-read " + name(which) + " " + offset, null);
    }

    @Override
    Ending ending(int exitStatus, String err) {
        if (exitStatus == 0) {
            return new Ending(true, false, err);
        }
        if (exitStatus == TRUNCATED) {
            return new Ending(false, true, err);
        }
        return new Ending(false, false, err.isEmpty() ? "weblog serve ended with exit status " + exitStatus : err);
    }

    @Override
    FileState current() throws IOException, SourceException {
        return stat(Which.CURRENT);
    }
}
