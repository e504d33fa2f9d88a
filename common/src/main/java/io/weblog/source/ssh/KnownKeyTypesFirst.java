package io.weblog.source.ssh;

import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.signature.Signature;

/**
 * Asks each server first for a host key of a type that known_hosts already holds for it, as OpenSSH's client does:
 * otherwise a server with several host keys may present one that known_hosts does not list, and a host that is known
 * would look unknown. Runs as the session is created, before the key exchange is offered.
 */
final class KnownKeyTypesFirst implements SessionListener {
    private final Path knownHosts;

    KnownKeyTypesFirst(Path knownHosts) {
        this.knownHosts = knownHosts;
    }

    @Override
    public void sessionCreated(Session session) {
        if (!(session instanceof ClientSession client) || client.getConnectionContext() == null) {
            return;
        }
        Hop hop = client.getConnectionContext().getAttribute(Hop.KEY);
        if (hop == null) {
            return;
        }
        Set<String> known = new HashSet<>();
        for (PublicKey key : HostKeyVerifier.knownKeys(knownHosts, hop.host())) {
            known.add(KeyUtils.getKeyType(key));
        }
        if (known.isEmpty()) {
            return;
        }
        List<NamedFactory<Signature>> signatures = new ArrayList<>(client.getSignatureFactories());
        signatures.sort(Comparator.comparingInt(factory -> known.contains(keyType(factory.getName())) ? 0 : 1));
        client.setSignatureFactories(signatures);
    }

    /** The key type a signature algorithm belongs to: {@code rsa-sha2-512} is made with an {@code ssh-rsa} key. */
    private static String keyType(String signature) {
        String name = signature.replace("-cert-v01@openssh.com", "");
        return name.startsWith("rsa-sha2-") ? "ssh-rsa" : name;
    }
}
