package io.weblog.server;

/**
 * How a stream ended.
 *
 * @param exitStatus the exit status for the client (see {@link ServeProtocol})
 * @param error what to write on the client's standard error, or {@code null}
 * @param how why it ended, for the server's events
 */
record StreamResult(int exitStatus, String error, String how) {

    /** Done as asked. */
    static StreamResult done(String how) {
        return new StreamResult(ServeProtocol.EXIT_OK, null, how);
    }

    /** Failed: the message goes to the client's standard error and to the event. */
    static StreamResult failed(int exitStatus, String message) {
        return new StreamResult(exitStatus, message, message);
    }
}
