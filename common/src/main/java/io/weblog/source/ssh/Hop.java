package io.weblog.source.ssh;

import io.weblog.source.SourceException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.sshd.common.AttributeRepository;

/**
 * One connection of a chain: a jump host or the target. Carried in the connection context of its session, so that
 * host-key checks know exactly which host, as the user wrote it, they are about, and whom to warn.
 *
 * @param host the host
 * @param target whether it is the host the log is on (as opposed to a jump host)
 * @param warnings where warnings about this connection go (the source's events)
 * @param hostKeyProblem what is wrong with the host key the hop presented, once known, as the failure to report; kept
 *     here rather than on the session, which may be gone by the time the connection attempt reports its failure
 */
record Hop(HostSpec host, boolean target, Consumer<String> warnings,
        AtomicReference<SourceException> hostKeyProblem) {
    /** The key under which a session's connection context holds its hop. */
    static final AttributeRepository.AttributeKey<Hop> KEY = new AttributeRepository.AttributeKey<>();

    /** A hop of a new connection attempt. */
    Hop(HostSpec host, boolean target, Consumer<String> warnings) {
        this(host, target, warnings, new AtomicReference<>());
    }

    /** The key a hop presented: its type and SHA-256 fingerprint. */
    static final AttributeRepository.AttributeKey<String> HOST_KEY = new AttributeRepository.AttributeKey<>();

    /** What to call the hop in messages. */
    String describe() {
        return (target ? "" : "jump host ") + host.address();
    }
}
