package io.weblog.server;

import java.io.IOException;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.sshd.common.CommonModuleProperties;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.SessionHeartbeatController.HeartbeatType;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.server.channel.ChannelSessionFactory;

/**
 * {@code weblog serve}: an SSH endpoint that does one thing, stream one log to the holders of authorized keys. No
 * shell, no other command, no file access, no forwarding; the commands it answers are in {@link ServeProtocol}.
 *
 * <pre>{@code
 * try (LogServer server = LogServer.builder().log(log).authorizedKeys(keys).hostKey(hostKey).build()) {
 *     server.start();
 *     ...
 * }
 * }</pre>
 */
public final class LogServer implements AutoCloseable {
    /** The port unless configured. */
    public static final int DEFAULT_PORT = 2222;
    /** The address bound unless configured: every interface. */
    public static final String DEFAULT_BIND = "0.0.0.0";
    /** How many streams may run at once unless configured. */
    public static final int DEFAULT_MAX_STREAMS = 64;

    private static final Duration HEARTBEAT = Duration.ofSeconds(30);
    private static final Duration STREAMS_END = Duration.ofSeconds(5);

    private final Path log;
    private final String bind;
    private final int requestedPort;
    private final Path authorizedKeys;
    private final Path hostKeyFile;
    private final Consumer<ServerEvent> listener;
    private final int maxStreams;

    private SshServer sshd;
    private ThreadPoolExecutor streams;
    private volatile KeyPair hostKey;
    private volatile int port;
    private boolean closed;

    private LogServer(Builder builder) {
        this.log = builder.log;
        this.bind = builder.bind;
        this.requestedPort = builder.port;
        this.authorizedKeys = builder.authorizedKeys;
        this.hostKeyFile = builder.hostKey;
        this.listener = builder.listener;
        this.maxStreams = builder.maxStreams;
    }

    /** A builder; {@link Builder#log} and {@link Builder#authorizedKeys} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts listening. Fails before anything listens when the configuration cannot work: the authorized keys file
     * missing or unreadable, the host key unreadable or open to others, the log a directory, the port in use.
     *
     * @throws IOException with a message that names the file or address at fault
     * @throws IllegalStateException when started before, or closed
     */
    public synchronized void start() throws IOException {
        if (sshd != null || closed) {
            throw new IllegalStateException(closed ? "the log server is closed" : "the log server already started");
        }
        if (Files.isDirectory(log)) {
            throw new IOException(log + " is a directory, not a log file");
        }
        if (Files.exists(log) && !Files.isRegularFile(log)) {
            throw new IOException(log + " is not a regular file (a pipe or a device); weblog serve reads a log at "
                    + "offsets");
        }
        checkAuthorizedKeys();
        KeyPair key = hostKeyFile == null ? HostKey.generate() : HostKey.loadOrCreate(hostKeyFile);
        Events events = new Events(listener);
        ThreadPoolExecutor pool = new ThreadPoolExecutor(0, maxStreams, 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), new StreamThreads());
        ServerState state = new ServerState(log, pool, maxStreams, events, () -> port, new AtomicLong());
        SshServer server = configure(SshServer.setUpDefaultServer(), key, events, state);
        try {
            server.start();
        } catch (BindException e) {
            stopQuietly(server, pool);
            throw new IOException("cannot listen on " + bind + ":" + requestedPort + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            stopQuietly(server, pool);
            throw new IOException("cannot start the log server on " + bind + ":" + requestedPort + ": "
                    + e.getMessage(), e);
        }
        this.sshd = server;
        this.streams = pool;
        this.hostKey = key;
        this.port = server.getPort();
    }

    private static void stopQuietly(SshServer server, ExecutorService pool) {
        pool.shutdownNow();
        try {
            server.stop(true);
        } catch (IOException ignored) {
            // It never listened; there is nothing left to stop.
        }
    }

    private SshServer configure(SshServer server, KeyPair key, Events events, ServerState state) {
        server.setHost(bind);
        server.setPort(requestedPort);
        server.setKeyPairProvider(KeyPairProvider.wrap(key));
        server.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
        server.setPublickeyAuthenticator(new KeyAuthenticator(authorizedKeys, events));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setGSSAuthenticator(null);
        server.setHostBasedAuthenticator(null);
        server.setShellFactory(channel -> new ServeCommand(state, ServeRequest.parse(null)));
        server.setCommandFactory((channel, command) -> new ServeCommand(state, ServeRequest.parse(command)));
        server.setSubsystemFactories(List.of());
        server.setChannelFactories(List.of(ChannelSessionFactory.INSTANCE,
                new RefusedChannelType("direct-tcpip", events)));
        server.setForwardingFilter(new RefusingForwardingFilter(events));
        server.setAgentFactory(null);
        server.addSessionListener(new SessionEvents(events));
        CoreModuleProperties.SERVER_IDENTIFICATION.set(server, identification());
        // A followed log may stay quiet for hours: no idle timeout, but a heartbeat so that dead peers are noticed.
        CoreModuleProperties.IDLE_TIMEOUT.set(server, Duration.ZERO);
        CommonModuleProperties.SESSION_HEARTBEAT_TYPE.set(server, HeartbeatType.IGNORE);
        CommonModuleProperties.SESSION_HEARTBEAT_INTERVAL.set(server, HEARTBEAT);
        CoreModuleProperties.SOCKET_KEEPALIVE.set(server, true);
        return server;
    }

    private void checkAuthorizedKeys() throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(authorizedKeys, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IOException("no such authorized keys file: " + authorizedKeys, e);
        } catch (AccessDeniedException e) {
            throw new IOException("cannot read the authorized keys file " + authorizedKeys + ": permission denied",
                    e);
        } catch (IOException | RuntimeException e) {
            throw new IOException("cannot read the authorized keys file " + authorizedKeys + ": " + e.getMessage(),
                    e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                AuthorizedKeyEntry.parseAuthorizedKeyEntry(line).resolvePublicKey(null,
                        PublicKeyEntryResolver.IGNORING);
            } catch (IllegalArgumentException | IOException | GeneralSecurityException e) {
                throw new IOException("the authorized keys file " + authorizedKeys + " has no key on line " + (i + 1)
                        + " (" + (line.length() > 40 ? line.substring(0, 40) + "..." : line) + "); expected lines "
                        + "such as: ssh-ed25519 AAAA... ci@example", e);
            }
        }
    }

    /** What follows {@code SSH-2.0-} in the server's greeting: {@code weblog_<version>}. */
    static String identification() {
        String version = LogServer.class.getPackage().getImplementationVersion();
        if (version == null || version.isBlank()) {
            version = "dev";
        }
        // RFC 4253: the software version is printable US-ASCII without white space or minus signs.
        StringBuilder clean = new StringBuilder("weblog_");
        for (char c : version.toCharArray()) {
            clean.append(c > ' ' && c < 127 && c != '-' ? c : '_');
        }
        return clean.toString();
    }

    /** The port the server listens on: the one configured, or the one the system chose for port 0. */
    public int port() {
        requireStarted();
        return port;
    }

    /** The fingerprint of the host key as OpenSSH shows it, {@code SHA256:...}, for clients to pin. */
    public String hostKeyFingerprint() {
        requireStarted();
        return KeyUtils.getFingerPrint(hostKey.getPublic());
    }

    /** The public host key, for a {@code known_hosts} line. */
    public PublicKey hostKey() {
        requireStarted();
        return hostKey.getPublic();
    }

    /** The log served. */
    public Path log() {
        return log;
    }

    /**
     * Stops listening, closes every connection, and ends every stream; returns once their threads have let go of
     * the log (or after five seconds). Closing again does nothing.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (sshd == null) {
            return;
        }
        try {
            sshd.stop(true);
        } catch (IOException ignored) {
            // Stopping immediately closes every session; what failed to close is gone with the process anyway.
        }
        streams.shutdownNow();
        try {
            streams.awaitTermination(STREAMS_END.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void requireStarted() {
        if (hostKey == null) {
            throw new IllegalStateException("the log server has not started");
        }
    }

    /** Names the threads that stream the log and makes them daemons, so they never keep a JVM alive. */
    private static final class StreamThreads implements ThreadFactory {
        private static final AtomicInteger POOLS = new AtomicInteger();
        private final int pool = POOLS.incrementAndGet();
        private final AtomicInteger threads = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "weblog-serve-" + pool + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }

    /** Configures a {@link LogServer}. */
    public static final class Builder {
        private Path log;
        private String bind = DEFAULT_BIND;
        private int port = DEFAULT_PORT;
        private Path authorizedKeys;
        private Path hostKey;
        private Consumer<ServerEvent> listener = event -> { };
        private int maxStreams = DEFAULT_MAX_STREAMS;

        private Builder() {
        }

        /** The one log served (required). It need not exist yet: a stream that finds it missing says so. */
        public Builder log(Path log) {
            this.log = Objects.requireNonNull(log, "log");
            return this;
        }

        /** The address to listen on; {@value #DEFAULT_BIND} (every interface) unless set. */
        public Builder bind(String address) {
            this.bind = Objects.requireNonNull(address, "address");
            return this;
        }

        /** The port to listen on, {@value #DEFAULT_PORT} unless set; 0 lets the system choose a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is not between 0 and 65535");
            }
            this.port = port;
            return this;
        }

        /**
         * The OpenSSH {@code authorized_keys} file whose keys may read the log (required); it is read again when it
         * changes, so keys can be added and removed while the server runs.
         */
        public Builder authorizedKeys(Path file) {
            this.authorizedKeys = Objects.requireNonNull(file, "file");
            return this;
        }

        /**
         * The file holding the server's host key. Made on first start when absent (an ed25519 key, its directory
         * created, readable by its owner only), so that clients see the same key after restarts. Without it the
         * server makes a new key each start, which clients can only pin by its fingerprint.
         */
        public Builder hostKey(Path file) {
            this.hostKey = Objects.requireNonNull(file, "file");
            return this;
        }

        /** Where the server says what happens; called on server threads, so it must be quick and thread-safe. */
        public Builder listener(Consumer<ServerEvent> listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** How many streams may run at once, {@value #DEFAULT_MAX_STREAMS} unless set; more are refused as busy. */
        public Builder maxStreams(int maxStreams) {
            if (maxStreams < 1) {
                throw new IllegalArgumentException("at least one stream must be allowed, not " + maxStreams);
            }
            this.maxStreams = maxStreams;
            return this;
        }

        /**
         * The server, not started yet.
         *
         * @throws IllegalStateException when the log or the authorized keys file is missing
         */
        public LogServer build() {
            if (log == null) {
                throw new IllegalStateException("a log server needs the log it serves: log(Path)");
            }
            if (authorizedKeys == null) {
                throw new IllegalStateException(
                        "a log server needs the keys it lets in: authorizedKeys(Path), an OpenSSH authorized_keys file");
            }
            return new LogServer(this);
        }
    }
}
