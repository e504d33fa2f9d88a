package io.weblog.source;

/**
 * A source could not be read: a missing file, a refused connection, a failed remote command. The message is meant
 * for the user and names the source; the check's outcome is ERROR.
 */
public class SourceException extends Exception {
    private static final long serialVersionUID = 1L;

    /** A failure described by the message. */
    public SourceException(String message) {
        super(message);
    }

    /** A failure described by the message, caused by {@code cause}. */
    public SourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
