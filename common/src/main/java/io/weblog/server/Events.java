package io.weblog.server;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.function.Consumer;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.server.session.ServerSession;

/** Hands the server's events to its listener; a failing listener never breaks the server. */
final class Events {
    private final Consumer<ServerEvent> listener;

    Events(Consumer<ServerEvent> listener) {
        this.listener = listener;
    }

    void emit(ServerEvent event) {
        try {
            listener.accept(event);
        } catch (RuntimeException ignored) {
            // The listener's problem must not become the client's: the stream goes on.
        }
    }

    /** The client's address as {@code host:port} ({@code [v6]:port}). */
    static String client(Session session) {
        SocketAddress address = session instanceof ServerSession server ? server.getClientAddress()
                : session.getIoSession().getRemoteAddress();
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            String host = inet.getAddress().getHostAddress();
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }

    /** The user name the client gave, or {@code ""}. */
    static String user(Session session) {
        String user = session.getUsername();
        return user == null ? "" : ServeRequest.shown(user);
    }
}
