package io.weblog.source.ssh;

import io.weblog.source.SourceException;

/**
 * A connection could not be made or was lost for reasons that may pass (refused, timed out, unreachable): worth trying
 * again, unlike a refused host key or failed authentication.
 */
final class ConnectionFailed extends SourceException {
    private static final long serialVersionUID = 1L;

    ConnectionFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
