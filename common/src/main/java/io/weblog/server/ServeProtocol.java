package io.weblog.server;

/**
 * The commands {@code weblog serve} answers and the exit statuses it ends them with: the contract between
 * {@link LogServer} and the clients that read from it (people with {@code ssh}, and weblog's own SSH source).
 *
 * <p>For people: a shell request or {@code follow} streams new lines as they are logged; {@code cat} sends the whole
 * log; {@code since WHEN} sends the lines from the first one logged at or after WHEN, then follows. Only whole lines
 * are sent, each ending with a newline.
 *
 * <p>For machines: {@code weblog-stat current|previous} answers {@code <inode> <size> <file name>\n};
 * {@code weblog-read current|previous <offset> [<length>]} sends raw bytes from an offset;
 * {@code weblog-follow <offset>} sends raw bytes of the current log from an offset and keeps reading that same file
 * (even once renamed) until the client closes the channel, or ends with {@link #EXIT_BAD_OFFSET} and
 * {@code truncated} on standard error when the file shrinks below what was sent. {@code previous} is the rotated
 * predecessor, the log's name plus {@code .1}.
 */
public final class ServeProtocol {
    /** Streams new lines as they are logged, from the log's current end; also what a shell request does. */
    public static final String FOLLOW = "follow";
    /** Sends the whole log, then exits 0. */
    public static final String CAT = "cat";
    /** {@code since WHEN}: the lines from the first logged at or after WHEN, then follows. */
    public static final String SINCE = "since";
    /** {@code weblog-stat current|previous}: one line, {@code <inode> <size> <file name>}. */
    public static final String STAT = "weblog-stat";
    /** {@code weblog-read current|previous <offset> [<length>]}: raw bytes. */
    public static final String READ = "weblog-read";
    /** {@code weblog-follow <offset>}: raw bytes of the current log, following that file until the client closes. */
    public static final String FOLLOW_BYTES = "weblog-follow";
    /** The argument naming the log itself. */
    public static final String CURRENT = "current";
    /** The argument naming the rotated predecessor, the log's name plus {@code .1}. */
    public static final String PREVIOUS = "previous";
    /** The suffix of the rotated predecessor. */
    public static final String PREVIOUS_SUFFIX = ".1";
    /** Standard error of a truncated {@code weblog-follow}. */
    public static final String TRUNCATED = "truncated";

    /** The command did what was asked. */
    public static final int EXIT_OK = 0;
    /** The file is missing ({@code no such file: <path>}) or cannot be read. */
    public static final int EXIT_NO_FILE = 1;
    /** The command is not one of these, or its arguments are wrong; nothing was read. */
    public static final int EXIT_REFUSED = 2;
    /** The server already runs as many streams as it may; try again later. */
    public static final int EXIT_BUSY = 3;
    /** The offset lies beyond the end of the file, or the followed file was truncated below what was sent. */
    public static final int EXIT_BAD_OFFSET = 4;
    /** The client stopped the stream with Ctrl-C on a terminal (128 + SIGINT, as a shell reports it). */
    public static final int EXIT_INTERRUPTED = 130;

    /** The standard error of every refused command. */
    public static final String REFUSAL =
            "weblog serve streams one log and does nothing else; commands: follow, cat, since WHEN";

    private ServeProtocol() {
    }
}
