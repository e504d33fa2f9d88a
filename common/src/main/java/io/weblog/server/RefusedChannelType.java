package io.weblog.server;

import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.session.Session;

/**
 * A channel type the server does not open (such as {@code direct-tcpip}, a local port forward), listed only so that
 * a client's attempt shows in the events; MINA answers the client "unsupported channel type".
 */
final class RefusedChannelType implements ChannelFactory {
    private final String name;
    private final Events events;

    RefusedChannelType(String name, Events events) {
        this.name = name;
        this.events = events;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public Channel createChannel(Session session) {
        events.emit(new ServerEvent.Refused(Events.client(session), Events.user(session),
                "channel " + name + " refused: this server forwards nothing"));
        return null;
    }
}
