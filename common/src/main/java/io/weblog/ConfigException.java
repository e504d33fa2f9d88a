package io.weblog;

/**
 * A setting of a check is wrong; raised before anything is read or any connection is made.
 *
 * <p>It carries the offending text, the setting it was given for, the 1-based column where the problem starts (0 when
 * the whole value is wrong) and what was expected there, so that each front door can point at the mistake in its
 * own terms: {@code --rule 'status=5xx mux=0'} in the CLI, {@code <rules><rule>} in Maven.
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final Setting setting;
    private final StoreSetting storeSetting;
    private final String input;
    private final int column;
    private final String problem;

    /**
     * @param setting the setting the value was given for, or {@code null} for a value of the front door's own (see
     *     {@link TrueOrFalse#parse}), which it then names itself
     * @param input the offending text, as given
     * @param column the 1-based column where the problem starts, or 0 for the whole value
     * @param problem what is wrong and what was expected, as a sentence fragment without the input
     */
    public ConfigException(Setting setting, String input, int column, String problem) {
        this(setting, null, input, column, problem);
    }

    /**
     * A problem with a setting of a log store: its {@link #setting()} is {@link Setting#FILE}, the family of "where
     * the logs are read from", for a front door that does not word store settings of its own.
     *
     * @param setting the store setting the value was given for
     * @param input the offending text, as given
     * @param column the 1-based column where the problem starts, or 0 for the whole value
     * @param problem what is wrong and what was expected
     */
    public ConfigException(StoreSetting setting, String input, int column, String problem) {
        this(Setting.FILE, setting, input, column, problem);
    }

    private ConfigException(Setting setting, StoreSetting storeSetting, String input, int column, String problem) {
        super(compose(input, column, problem));
        this.setting = setting;
        this.storeSetting = storeSetting;
        this.input = input;
        this.column = column;
        this.problem = problem;
    }

    /** A problem with the whole value. */
    public static ConfigException of(Setting setting, String input, String problem) {
        return new ConfigException(setting, input, 0, problem);
    }

    /** A problem with the whole value of a log store's setting. */
    public static ConfigException of(StoreSetting setting, String input, String problem) {
        return new ConfigException(setting, input, 0, problem);
    }

    /** The setting the value was given for, or {@code null} for a value of the front door's own. */
    public Setting setting() {
        return setting;
    }

    /** The log store's setting the value was given for, or {@code null} when it is a {@link #setting()} of its own. */
    public StoreSetting storeSetting() {
        return storeSetting;
    }

    /** The same problem reported for a log store's setting (a secret read for the store's password, say). */
    public ConfigException forSetting(StoreSetting other) {
        return new ConfigException(other, input, column, problem);
    }

    /** The offending text as given (may be {@code null} when the setting was missing). */
    public String input() {
        return input;
    }

    /** The 1-based column where the problem starts, or 0 when it concerns the whole value. */
    public int column() {
        return column;
    }

    /** What is wrong and what was expected. */
    public String problem() {
        return problem;
    }

    /** The same problem reported for another setting (a selector parsed for {@code --stop-on}, say). */
    public ConfigException forSetting(Setting other) {
        return new ConfigException(other, null, input, column, problem);
    }

    /**
     * The problem in one line, with the setting named as the front door's users know it: {@code --rule
     * 'status=5xx mux=0': unknown field 'mux'; ... at column 12} when there is an input, else the problem with the
     * setting in brackets: {@code no rules; ... (<rules>)}.
     *
     * @param settingName what the front door calls {@link #setting()}: a flag, a parameter, a form field
     */
    public String describe(String settingName) {
        if (input == null) {
            return problem + " (" + settingName + ")";
        }
        return settingName + " '" + input + "': " + problem + (column > 0 ? " at column " + column : "");
    }

    /**
     * The problem as a message of one or three lines, for a console or a build log: {@link #describe} and, when there
     * is a column to point at, the input again with a caret under it, both indented by two spaces.
     *
     * @param settingName what the front door calls {@link #setting()}
     */
    public String explain(String settingName) {
        String pointer = pointer();
        return pointer.isEmpty() ? describe(settingName)
                : describe(settingName) + "\n" + String.join("\n", pointer.lines().map(line -> "  " + line).toList());
    }

    /**
     * The input with a caret under the offending column, for consoles: two lines, or {@code ""} when there is no
     * column to point at.
     */
    public String pointer() {
        if (column <= 0 || input == null) {
            return "";
        }
        return input + System.lineSeparator() + " ".repeat(Math.min(column - 1, input.length())) + "^";
    }

    private static String compose(String input, int column, String problem) {
        if (input == null) {
            return problem;
        }
        return column > 0 ? "'" + input + "': " + problem + " at column " + column : "'" + input + "': " + problem;
    }
}
