package io.weblog.server;

import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;

/** Turns MINA's session life cycle into {@link ServerEvent}s: connected, authenticated, disconnected. */
final class SessionEvents implements SessionListener {
    private final Events events;

    SessionEvents(Events events) {
        this.events = events;
    }

    @Override
    public void sessionCreated(Session session) {
        events.emit(new ServerEvent.Connected(Events.client(session)));
    }

    @Override
    public void sessionEvent(Session session, Event event) {
        if (event == Event.Authenticated) {
            String key = session.getAttribute(KeyAuthenticator.KEY);
            events.emit(new ServerEvent.Authenticated(Events.client(session), Events.user(session),
                    key == null ? "" : key));
        }
    }

    @Override
    public void sessionClosed(Session session) {
        events.emit(new ServerEvent.Disconnected(Events.client(session), Events.user(session),
                session.isAuthenticated()));
    }
}
