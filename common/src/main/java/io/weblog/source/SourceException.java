package io.weblog.source;

import io.weblog.check.Remedy;

/**
 * A source could not be read: a missing file, a refused connection, a failed remote command. The message is meant
 * for the user and names the source; the check's outcome is ERROR. Where a setting fixes it (an unknown host key, no
 * credentials), it says which {@link Remedy}.
 */
public class SourceException extends Exception {
    private static final long serialVersionUID = 1L;

    private final Remedy remedy;

    /** A failure described by the message. */
    public SourceException(String message) {
        this(message, null, null);
    }

    /** A failure described by the message, caused by {@code cause}. */
    public SourceException(String message, Throwable cause) {
        this(message, cause, null);
    }

    /** A failure described by the message, caused by {@code cause}, that a setting fixes. */
    public SourceException(String message, Throwable cause, Remedy remedy) {
        super(message, cause);
        this.remedy = remedy;
    }

    /** What a person can change to get past it, or {@code null} when no setting does. */
    public Remedy remedy() {
        return remedy;
    }
}
