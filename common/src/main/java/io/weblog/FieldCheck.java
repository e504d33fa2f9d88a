package io.weblog;

import java.util.Objects;

/**
 * The check of one setting's text while a person types it into a form (Jenkins' live validation): the same words the
 * engine says when a check is configured, with the column, and for a field of several lines (rules, hosts, files) the
 * line. Only the text is judged: whether a file exists is for the machine where the check runs to say.
 *
 * @param level how the form should show it
 * @param message what is wrong and what was expected, or {@code ""} when all is well
 */
public record FieldCheck(Level level, String message) {
    /** How a form shows a check. */
    public enum Level {
        /** Nothing to say. */
        OK,
        /** It will work, but a person should know something. */
        WARNING,
        /** The check would be refused with this text. */
        ERROR
    }

    private static final FieldCheck OK = new FieldCheck(Level.OK, "");

    /** Requires both parts. */
    public FieldCheck {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(message, "message");
    }

    /**
     * Checks one value of a setting; blank is fine (the engine's default), except for {@link Setting#RULE}.
     *
     * @param setting the setting the value is for
     * @param text the value as typed
     */
    public static FieldCheck of(Setting setting, String text) {
        if (text == null || text.isBlank()) {
            return setting == Setting.RULE ? error("give at least one rule, such as status=5xx max=0") : OK;
        }
        try {
            apply(CheckConfig.builder(), setting, text.strip());
            return OK;
        } catch (ConfigException e) {
            return error(words(e));
        }
    }

    /**
     * Checks a value of one setting per line, as a text area holds rules, hosts or local files; blank lines are
     * skipped, and a rule given twice is found too. No line at all is fine, except for {@link Setting#RULE}.
     *
     * @param setting the setting each line is a value of
     * @param text the lines
     */
    public static FieldCheck lines(Setting setting, String text) {
        CheckConfig.Builder builder = CheckConfig.builder();
        String[] lines = text == null ? new String[0] : text.split("\r?\n", -1);
        int given = 0;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            given++;
            try {
                apply(builder, setting, lines[i].strip());
            } catch (ConfigException e) {
                return error((lines.length > 1 ? "line " + (i + 1) + ": " : "") + words(e));
            }
        }
        return given == 0 && setting == Setting.RULE ? error("give at least one rule, such as status=5xx max=0") : OK;
    }

    /** Whether the form should show nothing. */
    public boolean isOk() {
        return level == Level.OK;
    }

    private static FieldCheck error(String message) {
        return new FieldCheck(Level.ERROR, message);
    }

    /** The problem, then where: {@code unknown field 'mux'; expected ... (column 12)}. */
    private static String words(ConfigException e) {
        return e.problem() + (e.column() > 0 ? " (column " + e.column() + ")" : "");
    }

    private static void apply(CheckConfig.Builder builder, Setting setting, String text) throws ConfigException {
        switch (setting) {
            case FILE -> builder.file(text);
            case HOST -> builder.host(text);
            case USER -> builder.user(text);
            case LOG -> builder.log(text);
            case FORMAT -> builder.format(text);
            case SINCE -> builder.since(text);
            case UNTIL -> builder.until(text);
            case FOLLOW -> builder.follow(text);
            case STOP_ON -> builder.stopOn(text);
            case BASELINE -> builder.baseline(text);
            case SIGNIFICANCE -> builder.significance(text);
            case MARK -> builder.mark(text);
            case MARK_TIMEOUT -> builder.markTimeout(text);
            case RULE -> builder.rule(text);
            case SELECT -> builder.watch(text);
            case SAMPLES -> builder.samples(text);
            case PARALLELISM -> builder.parallelism(text);
            case ALLOW_EMPTY -> builder.allowEmpty(text);
            case GROUPS -> builder.groupAll(text);
            case SFTP -> builder.sftp(text);
            case ACCEPT_NEW_HOST_KEY -> builder.acceptNewHostKey(text);
            case INSECURE_ACCEPT_ANY_HOST_KEY -> builder.insecureAcceptAnyHostKey(text);
            case MAX_LINE_LENGTH -> builder.maxLineLength(text);
            case HOST_KEY -> builder.hostKey(text);
            case JUMP -> builder.jump(text);
            case CONNECT_TIMEOUT -> builder.connectTimeout(text);
            case IDENTITY, PASSWORD, PASSPHRASE, KNOWN_HOSTS, HOST_KEY_POLICY, REPORT_JSON, REPORT_JUNIT, REPORT_HTML,
                    SAVE_WINDOW -> {
                // files and secrets of the machine where the check runs: nothing to judge from the text alone
            }
        }
    }
}
