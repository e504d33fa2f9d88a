package io.weblog.source.ssh;

import io.weblog.IoMessages;
import io.weblog.check.Remedy;
import io.weblog.source.SourceException;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.util.net.SshdSocketAddress;

/**
 * Checks the host key of each connection against the check's trust settings, as OpenSSH's {@code ssh} would: against
 * known_hosts (hashed entries and {@code [host]:port} forms included), or against pinned fingerprints for the target
 * hosts; an unknown key is refused unless new keys may be accepted (and are then recorded in known_hosts); a changed
 * key is always refused. Why a key was refused is left on the session for {@link SshConnector} to report, with the
 * fingerprint presented and the one expected. It never prompts.
 */
final class HostKeyVerifier extends KnownHostsServerKeyVerifier {
    private static final AttributeRepository.AttributeKey<Boolean> RECORDED = new AttributeRepository.AttributeKey<>();

    private final HostKeyPolicy policy;
    private final List<String> pinned;

    HostKeyVerifier(SshSettings settings) {
        super((session, remote, key) -> settings.policy() == HostKeyPolicy.ACCEPT_NEW, settings.knownHosts());
        this.policy = settings.policy();
        this.pinned = settings.pinnedKeys();
        setModifiedServerKeyAcceptor(this::refuseChangedKey);
    }

    /** The {@code SHA256:...} fingerprint of a key, as {@code ssh-keygen -lf} prints it. */
    static String fingerprint(PublicKey key) {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
    }

    @Override
    public boolean verifyServerKey(ClientSession session, SocketAddress remoteAddress, PublicKey key) {
        Hop hop = hopOf(session);
        String offered = KeyUtils.getKeyType(key) + " " + fingerprint(key);
        session.setAttribute(Hop.HOST_KEY, offered);
        if (policy != HostKeyPolicy.INSECURE_ACCEPT_ANY && isRevoked(getPath(), key)) {
            problem(session, "THE HOST KEY OF " + name(hop, remoteAddress).toUpperCase(Locale.ROOT) + " IS REVOKED: "
                    + getPath() + " marks " + offered + " @revoked; refusing it, as ssh does");
            return false;
        }
        if (pinned.contains(fingerprint(key))) {
            return true;
        }
        if (hop != null && hop.target() && !pinned.isEmpty()) {
            problem(session, "the host key of " + hop.describe() + " is not the pinned one: "
                    + "it presented " + offered + ", expected " + String.join(" or ", pinned));
            return false;
        }
        if (policy == HostKeyPolicy.INSECURE_ACCEPT_ANY) {
            warn(hop, "INSECURE: accepted the host key of " + name(hop, remoteAddress)
                    + " (" + offered + ") without checking it; anyone on the network path could be reading this "
                    + "session. Use known_hosts or a pinned key instead.");
            return true;
        }
        boolean accepted = super.verifyServerKey(session, remoteAddress, key);
        if (!accepted && problemOf(session) == null) {
            problem(session, new SourceException("the host key of " + name(hop, remoteAddress) + " is not known: "
                    + getPath() + " has no entry for it; it presented " + offered + ". Check that fingerprint with the "
                    + "host's owner, then add the key to known_hosts, pin it, or accept new host keys once", null,
                    Remedy.TRUST_THE_HOST_KEY));
        } else if (accepted && problemOf(session) == null && policy == HostKeyPolicy.ACCEPT_NEW
                && session.getAttribute(RECORDED) != null) {
            warn(hop, "recorded the new host key of " + name(hop, remoteAddress) + " ("
                    + offered + ") in " + getPath());
        }
        return accepted;
    }

    @Override
    protected KnownHostEntry updateKnownHostsFile(ClientSession session, SocketAddress remoteAddress,
            PublicKey serverKey, Path file, Collection<HostEntryPair> knownHosts) throws Exception {
        Path directory = file.toAbsolutePath().getParent();
        if (directory != null && !Files.isDirectory(directory)) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        }
        KnownHostEntry entry = super.updateKnownHostsFile(session, remoteAddress, serverKey, file, knownHosts);
        if (entry != null) {
            session.setAttribute(RECORDED, Boolean.TRUE);
        }
        return entry;
    }

    @Override
    protected void handleKnownHostsFileUpdateFailure(ClientSession session, SocketAddress remoteAddress,
            PublicKey serverKey, Path file, Collection<HostEntryPair> knownHosts, Throwable reason) {
        String why = reason instanceof IOException io ? IoMessages.describe(io) : String.valueOf(reason.getMessage());
        warn(hopOf(session), "accepted the new host key of " + name(hopOf(session), remoteAddress) + " but could not "
                + "record it in " + file + " (" + why + "), so it will be new again next time");
    }

    /** Host entries are matched, and recorded, for the host as the user wrote it, not the address it resolved to. */
    @Override
    protected Collection<SshdSocketAddress> resolveHostNetworkIdentities(ClientSession session,
            SocketAddress remoteAddress) {
        Hop hop = hopOf(session);
        if (hop == null) {
            return super.resolveHostNetworkIdentities(session, remoteAddress);
        }
        return List.of(new SshdSocketAddress(hop.host().host(), hop.host().port()));
    }

    private boolean refuseChangedKey(ClientSession session, SocketAddress remoteAddress, KnownHostEntry entry,
            PublicKey expected, PublicKey actual) throws Exception {
        Hop hop = hopOf(session);
        String name = name(hop, remoteAddress);
        String actualType = KeyUtils.getKeyType(actual);
        String actualText = actualType + " " + fingerprint(actual);
        PublicKey sameType = hop == null ? null : knownKeys(getPath(), hop.host()).stream()
                .filter(key -> KeyUtils.getKeyType(key).equals(actualType)).findFirst().orElse(null);
        if (sameType == null) {
            problem(session, "the host key of " + name + " could not be checked: "
                    + getPath() + " has only a " + KeyUtils.getKeyType(expected) + " key for it, but the host "
                    + "presented " + actualText + "; add the host's " + actualType + " key to known_hosts or pin it");
        } else {
            problem(session, "THE HOST KEY OF " + name.toUpperCase(Locale.ROOT)
                    + " HAS CHANGED: " + getPath() + " has " + actualType + " " + fingerprint(sameType)
                    + ", the host presented " + actualText + ". Someone may be intercepting the connection, or the "
                    + "host was reinstalled: find out which before you replace the entry");
        }
        return false;
    }

    /**
     * The keys a known_hosts file holds for a host (plain or hashed entries, {@code host} or {@code [host]:port}),
     * not revoked; empty when the file is missing or unreadable.
     */
    static List<PublicKey> knownKeys(Path file, HostSpec host) {
        return keys(file, entry -> !"revoked".equals(entry.getMarker()) && entry.isHostMatch(host.host(), host.port()));
    }

    /**
     * Whether a known_hosts file marks this key {@code @revoked}. The entry's host patterns are not consulted: a
     * revoked key is refused for every host (ssh's own files write {@code @revoked *}), stricter rather than looser.
     */
    static boolean isRevoked(Path file, PublicKey key) {
        return keys(file, entry -> "revoked".equals(entry.getMarker())).stream()
                .anyMatch(revoked -> KeyUtils.compareKeys(key, revoked));
    }

    /** The keys of the entries chosen, in file order, up to any that cannot be read; none when the file cannot be. */
    private static List<PublicKey> keys(Path file, Predicate<KnownHostEntry> chosen) {
        List<PublicKey> keys = new ArrayList<>();
        try {
            if (!Files.isReadable(file)) {
                return keys;
            }
            for (KnownHostEntry entry : KnownHostEntry.readKnownHostEntries(file)) {
                if (entry.getKeyEntry() != null && chosen.test(entry)) {
                    keys.add(entry.getKeyEntry().resolvePublicKey(null, null, PublicKeyEntryResolver.IGNORING));
                }
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            // The keys read before an entry that cannot be are kept; the rest of the file counts as absent.
        }
        keys.removeIf(Objects::isNull);
        return keys;
    }

    private static void problem(ClientSession session, String problem) {
        problem(session, new SourceException(problem));
    }

    private static void problem(ClientSession session, SourceException problem) {
        Hop hop = hopOf(session);
        if (hop != null) {
            hop.hostKeyProblem().set(problem);
        }
    }

    private static SourceException problemOf(ClientSession session) {
        Hop hop = hopOf(session);
        return hop == null ? null : hop.hostKeyProblem().get();
    }

    /** The hop as the user wrote it, or the address connected to when the session carries no hop. */
    private static String name(Hop hop, SocketAddress remoteAddress) {
        return hop == null ? String.valueOf(remoteAddress) : hop.describe();
    }

    private static void warn(Hop hop, String message) {
        if (hop != null) {
            hop.warnings().accept(message);
        }
    }

    private static Hop hopOf(ClientSession session) {
        return session.getConnectionContext() == null ? null : session.getConnectionContext().getAttribute(Hop.KEY);
    }
}
