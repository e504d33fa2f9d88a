package io.weblog.server;

/**
 * Something the log server has to say: who connected, who was let in or refused and why, which streams ran. Events
 * are data; the front door prints them its own way, and the server prints nothing.
 *
 * <p>Events arrive on the server's threads (network and stream threads), possibly at the same time: a listener must
 * be thread-safe and quick.
 */
public sealed interface ServerEvent {

    /** The client's address and port, such as {@code 192.0.2.7:50412}. */
    String client();

    /**
     * A client opened a connection; it has not authenticated yet.
     *
     * @param client the client's address
     */
    record Connected(String client) implements ServerEvent {
    }

    /**
     * A client proved it holds a key listed in the authorized keys file.
     *
     * @param client the client's address
     * @param user the user name the client gave (any name is accepted: the key is what counts)
     * @param key the key's type and fingerprint, such as {@code ssh-ed25519 SHA256:...}
     */
    record Authenticated(String client, String user, String key) implements ServerEvent {
    }

    /**
     * Something a client asked for was refused: an unknown key, a command other than the log stream, a port forward.
     *
     * @param client the client's address
     * @param user the user name the client gave, or {@code ""} when it gave none yet
     * @param reason what was refused and why
     */
    record Refused(String client, String user, String reason) implements ServerEvent {
    }

    /**
     * A stream of the log started for an authenticated client.
     *
     * @param client the client's address
     * @param user the user name
     * @param command the command, such as {@code follow}, {@code since 30m} or {@code weblog-read current 0}
     */
    record StreamStarted(String client, String user, String command) implements ServerEvent {
    }

    /**
     * A stream ended, and its thread and file are released.
     *
     * @param client the client's address
     * @param user the user name
     * @param command the command
     * @param exitStatus the exit status sent to the client, or -1 when the client closed the channel first
     * @param bytes how many bytes of the log were sent
     * @param how why it ended, such as {@code "end of the log"}, {@code "closed by the client"} or an error
     */
    record StreamEnded(String client, String user, String command, int exitStatus, long bytes, String how)
            implements ServerEvent {
    }

    /**
     * A connection closed.
     *
     * @param client the client's address
     * @param user the user name, or {@code ""} when it gave none
     * @param authenticated whether it had authenticated; {@code false} means it never got in
     */
    record Disconnected(String client, String user, boolean authenticated) implements ServerEvent {
    }
}
