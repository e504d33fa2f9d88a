package io.weblog.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.ChannelListener;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.pubkey.KeySetPublickeyAuthenticator;
import org.apache.sshd.server.forward.StaticDecisionForwardingFilter;
import org.apache.sshd.server.forward.TcpForwardingFilter;
import org.apache.sshd.server.forward.TcpipServerChannel;

/**
 * An in-process MINA SSH server on {@code 127.0.0.1}, port 0, that does one thing: forward {@code direct-tcpip}
 * channels to loopback addresses, as the bastion of a ProxyJump ({@code ssh -J}). Public-key authentication only,
 * any user name, against the given keys; no shell, no exec, no SFTP, no remote forwarding. Its ed25519 host key
 * lives in memory.
 */
public final class TestJumpHost implements AutoCloseable {

    private final SshServer server;
    private final KeyPair hostKey;
    private final AtomicInteger forwarded;
    private final AtomicInteger refused;

    private TestJumpHost(SshServer server, KeyPair hostKey, AtomicInteger forwarded, AtomicInteger refused) {
        this.server = server;
        this.hostKey = hostKey;
        this.forwarded = forwarded;
        this.refused = refused;
    }

    /** Starts a jump host that accepts these public keys for any user. */
    public static TestJumpHost start(PublicKey... authorized) {
        KeyPair hostKey = TestKeys.ed25519();
        AtomicInteger forwarded = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPublickeyAuthenticator(new KeySetPublickeyAuthenticator("weblog-jump-host", List.of(authorized)));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setForwardingFilter(new StaticDecisionForwardingFilter(false) {
            @Override
            public boolean canConnect(TcpForwardingFilter.Type type, SshdSocketAddress address, Session session) {
                boolean allowed = type == TcpForwardingFilter.Type.Direct && isLoopback(address.getHostName());
                if (!allowed) {
                    refused.incrementAndGet();
                }
                return allowed;
            }
        });
        server.addChannelListener(new ChannelListener() {
            @Override
            public void channelOpenSuccess(Channel channel) {
                if (channel instanceof TcpipServerChannel) {
                    forwarded.incrementAndGet();
                }
            }
        });
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the jump host", e);
        }
        return new TestJumpHost(server, hostKey, forwarded, refused);
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Always {@code 127.0.0.1}. */
    public String host() {
        return "127.0.0.1";
    }

    /** The port it listens on. */
    public int port() {
        return server.getPort();
    }

    /** Its host key, for a client that pins the key rather than reading a known_hosts file. */
    public PublicKey hostKey() {
        return hostKey.getPublic();
    }

    /** The known_hosts line for it: {@code [127.0.0.1]:port ssh-ed25519 AAAA...}. */
    public String knownHostsLine() {
        return "[127.0.0.1]:" + port() + " " + TestKeys.authorizedKeysLine(hostKey.getPublic());
    }

    /** The SHA-256 fingerprint of its host key, {@code SHA256:...}. */
    public String hostKeyFingerprint() {
        return TestKeys.fingerprint(hostKey.getPublic());
    }

    /** How many forwarded connections it opened (direct-tcpip channels that reached their target). */
    public int forwardedConnections() {
        return forwarded.get();
    }

    /** How many forwarding requests it refused (not direct-tcpip, or not to a loopback address). */
    public int refusedForwardings() {
        return refused.get();
    }

    /** Stops the server at once, closing every session. */
    @Override
    public void close() {
        try {
            server.stop(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "TestJumpHost[127.0.0.1:" + port() + "]";
    }
}
