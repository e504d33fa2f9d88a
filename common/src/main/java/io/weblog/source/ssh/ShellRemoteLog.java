package io.weblog.source.ssh;

import io.weblog.source.SourceException;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import org.apache.sshd.client.session.ClientSession;

/**
 * A remote log read with a POSIX shell: {@code ls} for a file's inode and size, {@code dd} for a block, {@code tail}
 * to stream. The path is single-quoted, never interpolated.
 *
 * <p>A stream's remote command cannot outlive the check (facts measured against OpenSSH: without a terminal nothing
 * signals a remote pipeline when the client goes away). A watchdog reads the channel's standard input, which the
 * client keeps open while it reads; when the client closes it, or the connection drops and sshd closes it, the
 * watchdog kills the whole process group. A timer does the same at the window's deadline, for a client that vanished
 * without the server noticing. This works for root and ordinary users alike, unlike the "signal" request.
 */
final class ShellRemoteLog extends ExecRemoteLog {
    static final int BLOCK = 64 * 1024;
    private static final String MARKER = "weblog-ok";

    ShellRemoteLog(ClientSession session, String path) {
        super(session, path);
    }

    @Override
    public String describe() {
        return "sh and tail";
    }

    private String file(Which which) {
        return which == Which.CURRENT ? path : path + ".1";
    }

    /**
     * A script run by {@code sh}, whatever the account's login shell; the login shell is replaced by it, so that the
     * script's own process group holds nothing else.
     */
    static String sh(String script) {
        return "exec sh -c " + ShellQuoting.quote(script);
    }

    @Override
    public FileState stat(Which which) throws IOException, SourceException {
        Result result = run(sh("echo " + MARKER + "; exec ls -lnLid -- " + ShellQuoting.quote(file(which))));
        String out = result.text();
        if (!out.startsWith(MARKER + "\n")) {
            throw new ExecRefused("the account runs no commands (" + (result.err().isEmpty() ? "exit status "
                    + result.exitStatus() : result.err()) + ")");
        }
        if (result.exitStatus() != 0) {
            String err = result.err();
            if (err.contains("No such file") || err.contains("not found") && !err.contains("ls:")) {
                return null;
            }
            throw new SourceException(file(which) + ": " + remoteProblem(result.exitStatus(), err, "ls"));
        }
        String[] fields = out.substring(MARKER.length() + 1).strip().split("\\s+");
        if (fields.length >= 2 && fields[1].startsWith("d")) {
            throw new SourceException(file(which) + " is a directory, not a log file");
        }
        if (fields.length >= 2 && !fields[1].startsWith("-")) {
            throw new SourceException(file(which) + " is not a regular file (ls shows " + fields[1] + "); weblog "
                    + "reads logs at offsets, which a pipe or a device does not have");
        }
        if (fields.length < 6 || !fields[0].matches("\\d+") || !fields[5].matches("\\d+")) {
            throw new SourceException(file(which) + ": cannot read ls's answer: " + out.substring(MARKER.length() + 1)
                    .strip());
        }
        return new FileState(fields[0], Long.parseLong(fields[5]));
    }

    @Override
    public byte[] read(Which which, long offset, int length) throws IOException, SourceException {
        if (offset % BLOCK != 0 || length != BLOCK) {
            throw new IllegalArgumentException("reads whole blocks of " + BLOCK + " bytes");
        }
        Result result = run(sh("exec dd if=" + ShellQuoting.quote(file(which)) + " bs=" + BLOCK + " skip="
                + offset / BLOCK + " count=1"));
        if (result.exitStatus() != 0) {
            String err = result.err().lines().filter(line -> !line.matches("\\d+\\+\\d+ records (in|out)")
                    && !line.contains("bytes") || line.startsWith("dd:")).reduce((a, b) -> a + "\n" + b).orElse("");
            throw new SourceException(file(which) + ": " + remoteProblem(result.exitStatus(), err, "dd"));
        }
        return Arrays.copyOf(result.out(), Math.min(result.out().length, length));
    }

    @Override
    public RemoteStream stream(Which which, long offset, boolean follow, Instant until)
            throws IOException, SourceException {
        FileState state = which == Which.CURRENT && follow ? stat(Which.CURRENT) : null;
        return open(sh(tailScript(file(which), offset, follow, until)), state == null ? null : state.identity());
    }

    /**
     * The script that streams: the watchdog, the deadline timer, then {@code tail}; when tail ends by itself, the
     * shell stops the watchdog and timer (a trap keeps tail's exit status).
     */
    static String tailScript(String file, long offset, boolean follow, Instant until) {
        StringBuilder script = new StringBuilder()
                .append("exec 3<&0 </dev/null; ")
                .append("{ cat <&3; kill -TERM 0; } >/dev/null 2>&1 & ");
        if (follow) {
            script.append("{ sleep ").append(secondsUntil(until)).append("; kill -TERM 0; } >/dev/null 2>&1 & ");
        }
        script.append("tail -c +").append(offset + 1).append(follow ? " -f" : "").append(" -- ")
                .append(ShellQuoting.quote(file)).append("; ")
                .append("s=$?; trap 'exit $s' TERM; kill -TERM 0");
        return script.toString();
    }

    @Override
    Ending ending(int exitStatus, String err) {
        if (exitStatus == 0) {
            return new Ending(true, err.contains("file truncated"), err);
        }
        return new Ending(false, false, remoteProblem(exitStatus, err, "tail"));
    }

    @Override
    FileState current() throws IOException, SourceException {
        return stat(Which.CURRENT);
    }

    /** What a failed remote command means, in the remote's own words. */
    static String remoteProblem(int exitStatus, String err, String command) {
        if (exitStatus == 127) {
            return "the remote host has no " + command + " (" + err + ")";
        }
        if (err.isEmpty()) {
            return command + " failed with exit status " + exitStatus;
        }
        return err.lines().findFirst().orElse(err);
    }
}
