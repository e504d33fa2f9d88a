package io.weblog.source.ssh;

import io.weblog.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How a check connects over SSH: credentials, host-key trust, jump hosts, timeouts. One value for all hosts of a check.
 *
 * @param identities private key files to offer; with no {@code keys} either, the user's default keys
 *     ({@code ~/.ssh/id_ed25519}, {@code id_ecdsa}, {@code id_rsa}) where they exist
 * @param keys private keys given as text (a Jenkins credential's), offered after the files
 * @param defaultKeys whether the user's own keys are offered when no key is configured, as ssh does; a build server
 *     that runs checks for others turns it off, so that a check cannot log in with the server's own keys
 * @param passphrase the passphrase of encrypted keys, or {@code null}
 * @param password the password, or {@code null}
 * @param knownHosts the known_hosts file host keys are checked against (and recorded in, with ACCEPT_NEW)
 * @param pinnedKeys host key fingerprints ({@code SHA256:...}) a target host may present, besides known_hosts
 * @param policy how far unknown keys are trusted
 * @param jumps hosts to jump through, in order (ProxyJump)
 * @param connectTimeout how long a connection and its authentication may take
 * @param sftpOnly read the log over SFTP even where a shell is available
 */
public record SshSettings(List<Path> identities, List<Secret> keys, boolean defaultKeys, Secret passphrase, Secret password, Path knownHosts,
        List<String> pinnedKeys, HostKeyPolicy policy, List<HostSpec> jumps, Duration connectTimeout,
        boolean sftpOnly) {

    /** How long to wait for a connection unless configured. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(15);

    /** Copies the lists. */
    public SshSettings {
        identities = List.copyOf(identities);
        keys = List.copyOf(keys);
        pinnedKeys = List.copyOf(pinnedKeys);
        jumps = List.copyOf(jumps);
    }

    /** The user's known_hosts file, {@code ~/.ssh/known_hosts}. */
    public static Path defaultKnownHosts() {
        return Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
    }
}
