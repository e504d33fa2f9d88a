package io.weblog.server;

import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.server.forward.RejectAllForwardingFilter;

/** Refuses every forwarding (TCP/IP either way, agent, X11), as MINA's filter does, and says so in an event. */
final class RefusingForwardingFilter extends RejectAllForwardingFilter {
    private final Events events;

    RefusingForwardingFilter(Events events) {
        this.events = events;
    }

    @Override
    protected boolean checkAcceptance(String request, Session session, SshdSocketAddress target) {
        events.emit(new ServerEvent.Refused(Events.client(session), Events.user(session),
                ServeRequest.shown(request) + (target == null ? "" : " to " + target)
                        + " refused: this server forwards nothing"));
        return false;
    }
}
