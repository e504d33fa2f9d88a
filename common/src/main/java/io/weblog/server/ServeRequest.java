package io.weblog.server;

import io.weblog.ConfigException;
import io.weblog.Setting;
import io.weblog.window.TimeBound;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a client asked for, parsed from its command line (split on white space, nothing else: no quoting, no
 * expansion). No path is ever taken from the client: a request names the log, or its predecessor, and nothing else.
 */
sealed interface ServeRequest {
    Pattern WHITE_SPACE = Pattern.compile("\\s+");
    Pattern NUMBER = Pattern.compile("[0-9]{1,18}");

    /** The command as shown in events, without control characters and cut to a sane length. */
    String display();

    /** Stream new lines from the log's current end. */
    record Follow() implements ServeRequest {
        @Override
        public String display() {
            return ServeProtocol.FOLLOW;
        }
    }

    /** Send the whole log. */
    record Cat() implements ServeRequest {
        @Override
        public String display() {
            return ServeProtocol.CAT;
        }
    }

    /** Send the lines from the first logged at or after {@code since}, then follow. */
    record Since(TimeBound since, String text) implements ServeRequest {
        @Override
        public String display() {
            return ServeProtocol.SINCE + " " + text;
        }
    }

    /** Answer {@code <inode> <size>} of the log or of its predecessor. */
    record Stat(boolean previous) implements ServeRequest {
        @Override
        public String display() {
            return ServeProtocol.STAT + " " + which(previous);
        }
    }

    /** Send raw bytes from {@code offset}, at most {@code length} of them ({@code -1}: to the end). */
    record Read(boolean previous, long offset, long length) implements ServeRequest {
        @Override
        public String display() {
            return ServeProtocol.READ + " " + which(previous) + " " + offset + (length < 0 ? "" : " " + length);
        }
    }

    /** Send raw bytes of the log from {@code offset} and keep reading that same file. */
    record FollowBytes(long offset) implements ServeRequest {
        @Override
        public String display() {
            return ServeProtocol.FOLLOW_BYTES + " " + offset;
        }
    }

    /**
     * Nothing this server does: the request is answered with {@code message} on standard error and
     * {@link ServeProtocol#EXIT_REFUSED}.
     */
    record Refused(String command, String message) implements ServeRequest {
        @Override
        public String display() {
            return command;
        }
    }

    /** Parses a command line; {@code null} is a shell request, which follows the log. */
    static ServeRequest parse(String commandLine) {
        if (commandLine == null) {
            return new Follow();
        }
        String shown = shown(commandLine);
        List<String> words = List.of(WHITE_SPACE.split(commandLine.strip()));
        String verb = words.get(0);
        int arguments = words.size() - 1;
        switch (verb) {
            case ServeProtocol.FOLLOW:
                return arguments == 0 ? new Follow() : refused(shown);
            case ServeProtocol.CAT:
                return arguments == 0 ? new Cat() : refused(shown);
            case ServeProtocol.SINCE:
                return since(shown, words);
            case ServeProtocol.STAT:
                if (arguments == 1 && isWhich(words.get(1))) {
                    return new Stat(words.get(1).equals(ServeProtocol.PREVIOUS));
                }
                return new Refused(shown, "usage: weblog-stat current|previous");
            case ServeProtocol.READ:
                if ((arguments == 2 || arguments == 3) && isWhich(words.get(1)) && isNumber(words.get(2))
                        && (arguments == 2 || isNumber(words.get(3)))) {
                    return new Read(words.get(1).equals(ServeProtocol.PREVIOUS), Long.parseLong(words.get(2)),
                            arguments == 3 ? Long.parseLong(words.get(3)) : -1);
                }
                return new Refused(shown, "usage: weblog-read current|previous OFFSET [LENGTH]");
            case ServeProtocol.FOLLOW_BYTES:
                if (arguments == 1 && isNumber(words.get(1))) {
                    return new FollowBytes(Long.parseLong(words.get(1)));
                }
                return new Refused(shown, "usage: weblog-follow OFFSET");
            default:
                return refused(shown);
        }
    }

    private static ServeRequest since(String shown, List<String> words) {
        if (words.size() != 2) {
            return new Refused(shown, "usage: since WHEN (an ISO-8601 instant with its zone, such as "
                    + "2024-10-10T13:55:36+02:00, or a duration such as 30m meaning that long ago)");
        }
        try {
            return new Since(TimeBound.parse(words.get(1), Setting.SINCE), words.get(1));
        } catch (ConfigException e) {
            return new Refused(shown, "since: " + e.getMessage());
        }
    }

    private static Refused refused(String shown) {
        return new Refused(shown, ServeProtocol.REFUSAL);
    }

    private static boolean isWhich(String word) {
        return word.equals(ServeProtocol.CURRENT) || word.equals(ServeProtocol.PREVIOUS);
    }

    private static boolean isNumber(String word) {
        return NUMBER.matcher(word).matches();
    }

    private static String which(boolean previous) {
        return previous ? ServeProtocol.PREVIOUS : ServeProtocol.CURRENT;
    }

    /** The log, or its rotated predecessor. */
    static Path file(Path log, boolean previous) {
        return previous ? log.resolveSibling(log.getFileName() + ServeProtocol.PREVIOUS_SUFFIX) : log;
    }

    /** A client's command line made safe to print: control characters replaced, at most 200 characters. */
    static String shown(String commandLine) {
        StringBuilder shown = new StringBuilder(Math.min(commandLine.length(), 201));
        for (int i = 0; i < commandLine.length() && shown.length() < 200; i++) {
            char c = commandLine.charAt(i);
            shown.append(Character.isISOControl(c) || Character.getType(c) == Character.FORMAT ? '?' : c);
        }
        if (commandLine.length() > 200) {
            shown.append('…');
        }
        return shown.toString();
    }
}
