package io.weblog;

/**
 * The settings of a check, by meaning rather than by spelling. A {@link ConfigException} names the setting it is
 * about, and each front door words it in its own terms: the CLI as a flag ({@code --rule}), Maven as a parameter
 * ({@code <rules><rule>}), Jenkins as a form field.
 */
public enum Setting {
    /** A local file to read. */
    FILE,
    /** A remote host to read from. */
    HOST,
    /** The user to log in as on hosts given without one. */
    USER,
    /** The path of the log on remote hosts. */
    LOG,
    /** The log format. */
    FORMAT,
    /** The start of the window. */
    SINCE,
    /** The end of the window. */
    UNTIL,
    /** How long to follow the log live. */
    FOLLOW,
    /** The selector of the hit that ends the window. */
    STOP_ON,
    /** The time before the window it is judged against. */
    BASELINE,
    /** How sure a rise over the baseline must be before it fails a rule. */
    SIGNIFICANCE,
    /** The URL of the request whose line starts (and ends) the window. */
    MARK,
    /** How long a mark may take to appear in the log. */
    MARK_TIMEOUT,
    /** A rule. */
    RULE,
    /** A selector of hits to show. */
    SELECT,
    /** How many sample hits to keep per rule. */
    SAMPLES,
    /** The longest line that is parsed. */
    MAX_LINE_LENGTH,
    /** Where to write the JSON report. */
    REPORT_JSON,
    /** Where to write the JUnit XML report. */
    REPORT_JUNIT,
    /** Where to write the HTML report. */
    REPORT_HTML,
    /** How many sources are read at once. */
    PARALLELISM,
    /** A private key file for SSH. */
    IDENTITY,
    /** The SSH password (from an environment variable or a file). */
    PASSWORD,
    /** The passphrase of encrypted private keys (from an environment variable or a file). */
    PASSPHRASE,
    /** The known_hosts file that SSH host keys are checked against. */
    KNOWN_HOSTS,
    /** A pinned SSH host key fingerprint. */
    HOST_KEY,
    /** How SSH host keys are trusted. */
    HOST_KEY_POLICY,
    /** The SSH hosts to jump through. */
    JUMP,
    /** How long to wait for an SSH connection. */
    CONNECT_TIMEOUT,
    /** Where to save the raw lines of the window. */
    SAVE_WINDOW
}
