package io.weblog.testing;

import io.weblog.server.LogServer;
import io.weblog.server.ServerEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * A {@link LogServer} for tests: on 127.0.0.1, on a free port, serving {@code access.log} in a directory, with a client
 * key that it lets in and a {@code known_hosts} file that trusts it.
 *
 * <pre>{@code
 * try (TestLogServer server = TestLogServer.start(tempDir)) {
 *     server.append(LogLines.hit().combined());
 *     // connect to server.host():server.port() with server.clientKey(), checking server.knownHosts()
 * }
 * }</pre>
 *
 * <p>Files in the directory: {@code access.log} (created empty unless it exists, so a test may write it first),
 * {@code client_ed25519} (+ {@code .pub}), {@code authorized_keys}, {@code server/host_ed25519_key},
 * {@code known_hosts}. Starting again on the same directory keeps the keys.
 */
public final class TestLogServer implements AutoCloseable {
    /** The address the server listens on. */
    public static final String HOST = "127.0.0.1";

    private final LogServer server;
    private final Path log;
    private final Path clientKey;
    private final Path authorizedKeys;
    private final Path knownHosts;
    private final Path hostKey;
    private final List<ServerEvent> events;

    private TestLogServer(LogServer server, Path log, Path clientKey, Path authorizedKeys, Path knownHosts,
            Path hostKey, List<ServerEvent> events) {
        this.server = server;
        this.log = log;
        this.clientKey = clientKey;
        this.authorizedKeys = authorizedKeys;
        this.knownHosts = knownHosts;
        this.hostKey = hostKey;
        this.events = events;
    }

    /** Starts a server on 127.0.0.1, port 0, serving {@code access.log} in {@code directory}. */
    public static TestLogServer start(Path directory) {
        try {
            Path log = directory.resolve("access.log");
            if (!Files.exists(log)) {
                Files.createFile(log);
            }
            Path clientKey = directory.resolve("client_ed25519");
            if (!Files.exists(clientKey)) {
                writeClientKey(clientKey);
            }
            Path authorizedKeys = directory.resolve("authorized_keys");
            Files.copy(clientKey.resolveSibling(clientKey.getFileName() + ".pub"), authorizedKeys,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Path hostKey = directory.resolve("server").resolve("host_ed25519_key");
            List<ServerEvent> events = new CopyOnWriteArrayList<>();
            LogServer server = LogServer.builder()
                    .log(log)
                    .bind(HOST)
                    .port(0)
                    .authorizedKeys(authorizedKeys)
                    .hostKey(hostKey)
                    .listener(events::add)
                    .build();
            server.start();
            Path knownHosts = directory.resolve("known_hosts");
            Files.writeString(knownHosts, "[" + HOST + "]:" + server.port() + " "
                    + PublicKeyEntry.toString(server.hostKey()) + "\n", StandardCharsets.US_ASCII);
            return new TestLogServer(server, log, clientKey, authorizedKeys, knownHosts, hostKey, events);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a new ed25519 key pair without passphrase in OpenSSH format: {@code file} (0600) and {@code file.pub}. */
    public static KeyPair writeClientKey(Path file) {
        try {
            KeyPair key = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.TRUNCATE_EXISTING)) {
                OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "weblog-test", null, out);
            }
            Files.writeString(file.resolveSibling(file.getFileName() + ".pub"),
                    PublicKeyEntry.toString(key.getPublic()) + " weblog-test\n", StandardCharsets.US_ASCII);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make an ed25519 key", e);
        }
    }

    /** Reads a private key file written by {@link #writeClientKey} (or ssh-keygen without passphrase). */
    public static KeyPair readKey(Path file) {
        try {
            return SecurityUtils.getKeyPairResourceParser().loadKeyPairs(null, file, null).iterator().next();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the key " + file, e);
        }
    }

    /** The server itself. */
    public LogServer server() {
        return server;
    }

    /** {@value #HOST}. */
    public String host() {
        return HOST;
    }

    /** The port the server listens on. */
    public int port() {
        return server.port();
    }

    /** The log served. */
    public Path log() {
        return log;
    }

    /** The client's private key (ed25519, OpenSSH format, no passphrase), which the server lets in. */
    public Path clientKey() {
        return clientKey;
    }

    /** The client's key pair, for MINA clients. */
    public KeyPair clientKeyPair() {
        return readKey(clientKey);
    }

    /** The authorized keys file the server reads; rewrite it to let other keys in. */
    public Path authorizedKeys() {
        return authorizedKeys;
    }

    /** A {@code known_hosts} file with the line {@code [127.0.0.1]:<port> ssh-ed25519 ...} for this server. */
    public Path knownHosts() {
        return knownHosts;
    }

    /** The file holding the server's host key. */
    public Path hostKeyFile() {
        return hostKey;
    }

    /** The fingerprint of the server's host key, {@code SHA256:...}. */
    public String hostKeyFingerprint() {
        return server.hostKeyFingerprint();
    }

    /** Appends the lines, each followed by a newline, to the log in one write, as a web server does. */
    public void append(String... lines) {
        TempLogs.append(log, lines);
    }

    /** The events the server has sent so far. */
    public List<ServerEvent> events() {
        return List.copyOf(events);
    }

    /** Waits up to {@code timeout} for an event of the type that matches, and returns it. */
    public <T extends ServerEvent> Optional<T> awaitEvent(Class<T> type, Predicate<? super T> matching,
            Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (ServerEvent event : events) {
                if (type.isInstance(event) && matching.test(type.cast(event))) {
                    return Optional.of(type.cast(event));
                }
            }
            if (System.nanoTime() - deadline >= 0) {
                return Optional.empty();
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    /** Stops the server and ends its streams. */
    @Override
    public void close() {
        server.close();
    }
}
