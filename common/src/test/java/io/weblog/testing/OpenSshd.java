package io.weblog.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Assumptions;

/**
 * A real OpenSSH {@code sshd} on loopback, started by tests to prove the SSH source against the server it will meet.
 *
 * <p>It runs as a child of the test JVM, as root (it has to switch to the test users), with its own host keys,
 * configuration and authorized keys in a temporary directory; the machine's own sshd configuration is never read
 * or touched. The test users {@link #USER}, {@link #SFTP_USER} and {@link #NOLOGIN_USER} are created on first use
 * and kept (creating them is idempotent). Where root or {@code /usr/sbin/sshd} is missing the calling test is
 * skipped, except on CI ({@code CI=true}), where it fails: see {@link #requireAvailable()}.
 */
public final class OpenSshd implements AutoCloseable {

    /** An ordinary user (not root) with the shell {@code /bin/sh} and the password {@link #USER_PASSWORD}. */
    public static final String USER = "weblog-user";
    /** A user that only gets SFTP: {@code ForceCommand internal-sftp}; a command prints an error and exits 1. */
    public static final String SFTP_USER = "weblog-sftp";
    /** A user whose shell is {@code /usr/sbin/nologin}: every command is refused (exit 1), SFTP still works. */
    public static final String NOLOGIN_USER = "weblog-nologin";
    /** The password of all three test users; password authentication is enabled for them. */
    public static final String USER_PASSWORD = "weblog-test-Pw-2718";
    /** The passphrase of {@link KeyType#ED25519_ENCRYPTED}. */
    public static final String KEY_PASSPHRASE = "weblog-key-passphrase";
    /** The address the server always listens on. */
    public static final String HOST = "127.0.0.1";

    /** The environment variable sshd sets in every session; its value names the server (see {@link #processesOf}). */
    public static final String SESSION_MARKER = "WEBLOG_TEST_SSHD";
    private static final Path SSHD = Path.of("/usr/sbin/sshd");
    private static final Path SSH_KEYGEN = Path.of("/usr/bin/ssh-keygen");
    private static final List<String> TEST_USERS = List.of(USER, SFTP_USER, NOLOGIN_USER);
    private static final Map<String, String> SHELLS = Map.of(
            USER, "/bin/sh", SFTP_USER, "/bin/sh", NOLOGIN_USER, "/usr/sbin/nologin");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final int START_ATTEMPTS = 5;
    private static final Object USERS_LOCK = new Object();
    private static boolean usersReady;
    private static OpenSshd shared;
    private static RuntimeException sharedFailure;

    /** The client keys that every test user (and root) accepts. */
    public enum KeyType {
        /** An unencrypted ed25519 key. */
        ED25519("ed25519", null),
        /** An unencrypted ECDSA key on nistp256. */
        ECDSA("ecdsa", null),
        /** An unencrypted 2048-bit RSA key. */
        RSA("rsa", null),
        /** An ed25519 key encrypted with {@link #KEY_PASSPHRASE}. */
        ED25519_ENCRYPTED("ed25519", KEY_PASSPHRASE);

        private final String keygenType;
        private final String passphrase;

        KeyType(String keygenType, String passphrase) {
            this.keygenType = keygenType;
            this.passphrase = passphrase;
        }
    }

    /**
     * How to start a server.
     *
     * @param listenAddresses loopback addresses to listen on besides {@code 127.0.0.1}, on the same port
     * @param extraConfig     sshd_config lines put first, so that they override the defaults (sshd takes the first
     *                        value of a keyword), such as {@code PermitRootLogin no} or {@code MaxStartups 1}; not
     *                        {@code SetEnv}, which {@code sessionEnvironment} gives
     * @param sessionEnvironment variables sshd sets in every session (its {@code SetEnv}), such as a {@code PATH}
     * @param loginDelay how long the first command of each connection waits before it runs, as a slow login does
     *     (reverse DNS, PAM, an MOTD script, LDAP): a {@code ForceCommand} that sleeps, then runs the command the
     *     client sent; {@link Duration#ZERO} for none. The commands after the first on the same connection run at once.
     */
    public record Options(List<String> listenAddresses, List<String> extraConfig,
            Map<String, String> sessionEnvironment, Duration loginDelay) {
        /** Validates and copies the lists. */
        public Options {
            if (loginDelay.isNegative()) {
                throw new IllegalArgumentException("a negative login delay: " + loginDelay);
            }
            listenAddresses = List.copyOf(listenAddresses);
            extraConfig = List.copyOf(extraConfig);
            sessionEnvironment = Map.copyOf(sessionEnvironment);
            for (String address : listenAddresses) {
                if (!address.startsWith("127.")) {
                    throw new IllegalArgumentException("not a loopback address: " + address);
                }
            }
            for (String line : extraConfig) {
                if (line.strip().regionMatches(true, 0, "SetEnv", 0, 6)) {
                    throw new IllegalArgumentException("sshd takes only the first SetEnv, which marks sessions; "
                            + "give the variables as sessionEnvironment: " + line);
                }
            }
            for (Map.Entry<String, String> variable : sessionEnvironment.entrySet()) {
                if (!variable.getKey().matches("[A-Za-z_][A-Za-z0-9_]*") || !variable.getValue().matches("[^\\s\"]*")) {
                    throw new IllegalArgumentException("not a plain variable for SetEnv: " + variable);
                }
            }
        }

        /** Only {@code 127.0.0.1}, the configuration described on {@link OpenSshd}. */
        public static Options defaults() {
            return new Options(List.of(), List.of(), Map.of(), Duration.ZERO);
        }

        /** These options, also listening on the given loopback addresses (such as {@code 127.0.0.2}). */
        public Options listenAddresses(List<String> addresses) {
            return new Options(addresses, extraConfig, sessionEnvironment, loginDelay);
        }

        /** These options with sshd_config lines that override the defaults (see {@link Options}). */
        public Options extraConfig(List<String> lines) {
            return new Options(listenAddresses, lines, sessionEnvironment, loginDelay);
        }

        /** These options with variables set in every session, besides the {@link #SESSION_MARKER}. */
        public Options sessionEnvironment(Map<String, String> variables) {
            return new Options(listenAddresses, extraConfig, variables, loginDelay);
        }

        /** These options with logins that take this long before the first command runs (see {@link Options}). */
        public Options loginDelay(Duration delay) {
            return new Options(listenAddresses, extraConfig, sessionEnvironment, delay);
        }
    }

    private final Path dir;
    private final Path logDir;
    private final Path sshdOutput;
    private final List<String> addresses;
    private final Map<String, String> hostKeyLines;
    private final Map<KeyType, Path> clientKeys;
    private final Path unauthorizedKey;
    private final Path knownHosts;
    private final Path hashedKnownHosts;
    private final Process process;
    private final int port;
    private final Duration startTime;
    private boolean closed;

    private OpenSshd(Path dir, List<String> addresses, Map<String, String> hostKeyLines,
            Map<KeyType, Path> clientKeys, Path unauthorizedKey, Process process, int port, Duration startTime)
            throws IOException {
        this.dir = dir;
        this.logDir = dir.resolve("logs");
        this.sshdOutput = dir.resolve("sshd.out");
        this.addresses = addresses;
        this.hostKeyLines = hostKeyLines;
        this.clientKeys = clientKeys;
        this.unauthorizedKey = unauthorizedKey;
        this.process = process;
        this.port = port;
        this.startTime = startTime;
        this.knownHosts = dir.resolve("known_hosts");
        this.hashedKnownHosts = dir.resolve("known_hosts_hashed");
        writeKnownHosts();
    }

    /**
     * The server shared by every test in this JVM, started on first use and stopped when the JVM exits; closing
     * it does nothing. Skips the calling test where it cannot run (outside CI).
     */
    public static synchronized OpenSshd shared() {
        requireAvailable();
        if (sharedFailure != null) {
            throw new IllegalStateException("the shared sshd failed to start earlier", sharedFailure);
        }
        if (shared == null) {
            try {
                shared = start(Options.defaults());
            } catch (RuntimeException e) {
                sharedFailure = e;
                throw e;
            }
            OpenSshd instance = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "weblog-sshd-stop"));
        }
        return shared;
    }

    /**
     * Starts a server of its own, to be closed by the caller. Skips the calling test where it cannot run (outside
     * CI).
     */
    public static OpenSshd start(Options options) {
        requireAvailable();
        long started = System.nanoTime();
        Path dir = null;
        try {
            dir = Files.createTempDirectory("weblog-sshd-");
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path logs = Files.createDirectory(dir.resolve("logs"));
            Files.setPosixFilePermissions(logs, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path keys = Files.createDirectory(dir.resolve("keys"));
            Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rwx------"));
            Path authorized = Files.createDirectory(dir.resolve("authorized_keys"));
            Files.setPosixFilePermissions(authorized, PosixFilePermissions.fromString("rwxr-xr-x"));

            Map<String, Path> hostKeys = new LinkedHashMap<>();
            Map<KeyType, Path> clientKeys = new EnumMap<>(KeyType.class);
            List<Process> keygens = new ArrayList<>();
            for (String type : List.of("ed25519", "ecdsa", "rsa")) {
                Path file = keys.resolve("ssh_host_" + type + "_key");
                hostKeys.put(type, file);
                keygens.add(keygen(type, "", file, "weblog-test-host"));
            }
            for (KeyType type : KeyType.values()) {
                Path file = keys.resolve("id_" + type.name().toLowerCase());
                clientKeys.put(type, file);
                keygens.add(keygen(type.keygenType, type.passphrase == null ? "" : type.passphrase, file,
                        "weblog-test-" + type.name().toLowerCase()));
            }
            Path unauthorized = keys.resolve("id_unauthorized");
            keygens.add(keygen("ed25519", "", unauthorized, "weblog-test-unauthorized"));
            ensureTestUsers(); // while the keys are generated
            for (Process keygen : keygens) {
                expectSuccess(keygen, "ssh-keygen");
            }

            StringBuilder authorizedKeys = new StringBuilder();
            for (Path key : clientKeys.values()) {
                authorizedKeys.append(Files.readString(Path.of(key + ".pub")).trim()).append('\n');
            }
            for (String user : concat(TEST_USERS, List.of("root"))) {
                Path file = authorized.resolve(user);
                Files.writeString(file, authorizedKeys);
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            }
            Map<String, String> hostKeyLines = new LinkedHashMap<>();
            for (Path key : hostKeys.values()) {
                String[] fields = Files.readString(Path.of(key + ".pub")).trim().split(" ");
                hostKeyLines.put(fields[0], fields[0] + " " + fields[1]);
            }
            List<String> addresses = concat(List.of(HOST), options.listenAddresses());
            Files.createDirectories(Path.of("/run/sshd"));

            IOException lastFailure = null;
            for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
                int port = freePort(addresses);
                Path config = writeConfig(dir, addresses, port, hostKeys.values(), options);
                Process process = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("sshd.out").toFile())
                        .start();
                try {
                    awaitListening(process, addresses, port, dir.resolve("sshd.out"));
                    Duration took = Duration.ofNanos(System.nanoTime() - started);
                    return new OpenSshd(dir, addresses, hostKeyLines, clientKeys, unauthorized, process, port, took);
                } catch (IOException e) {
                    stopProcessTree(process);
                    lastFailure = e;
                } catch (RuntimeException e) {
                    stopProcessTree(process);
                    throw e;
                }
            }
            throw new IllegalStateException("sshd did not start in " + START_ATTEMPTS + " attempts", lastFailure);
        } catch (IOException e) {
            deleteQuietly(dir);
            throw new UncheckedIOException("cannot start sshd", e);
        } catch (RuntimeException e) {
            deleteQuietly(dir);
            throw e;
        }
    }

    /**
     * Whether this machine can run the server, decided in this one place: as root with OpenSSH's {@code sshd},
     * {@code ssh-keygen}, {@code ps}, {@code useradd}, {@code usermod} and {@code chpasswd}. If not, the calling
     * test is skipped through a JUnit assumption naming what is missing, except when the environment variable
     * {@code CI} is {@code true}: there the tests must run, so it throws {@link IllegalStateException}.
     */
    public static void requireAvailable() {
        List<String> missing = new ArrayList<>();
        if (!runningAsRoot()) {
            missing.add("root (running as " + System.getProperty("user.name") + "; sshd must switch users)");
        }
        for (String tool : List.of(SSHD.toString(), SSH_KEYGEN.toString(), "/usr/bin/ps", "/usr/sbin/useradd",
                "/usr/sbin/usermod", "/usr/sbin/chpasswd")) {
            if (!Files.isExecutable(Path.of(tool))) {
                missing.add(tool);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        String message = "the OpenSSH sshd tests need " + String.join(", ", missing)
                + "; on Debian run them as root with openssh-server and procps installed, as .ci/run does";
        if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException(message + ". CI=true: these tests must run here, not be skipped");
        }
        Assumptions.assumeTrue(false, message);
    }

    private static boolean runningAsRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** Always {@code 127.0.0.1}. */
    public String host() {
        return HOST;
    }

    /** The port it listens on, on every listen address. */
    public int port() {
        return port;
    }

    /** All addresses it listens on: {@code 127.0.0.1} first, then the extra ones. */
    public List<String> listenAddresses() {
        return addresses;
    }

    /** A known_hosts file with every host key of the server, for {@code [address]:port} of each listen address. */
    public Path knownHosts() {
        return knownHosts;
    }

    /** The same entries as {@link #knownHosts()}, with the host names hashed as {@code ssh-keygen -H} does. */
    public Path hashedKnownHosts() {
        return hashedKnownHosts;
    }

    /**
     * The SHA-256 fingerprint ({@code SHA256:...}, as {@code ssh-keygen -l} prints it) of the host key of a type:
     * {@code ssh-ed25519}, {@code ecdsa-sha2-nistp256}, or {@code ssh-rsa} (also {@code rsa-sha2-256} and
     * {@code rsa-sha2-512}, which are signatures with the same RSA key).
     */
    public String hostKeyFingerprint(String keyType) {
        String line = hostKeyLine(keyType);
        byte[] blob = Base64.getDecoder().decode(line.substring(line.indexOf(' ') + 1));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public host key of a type (see {@link #hostKeyFingerprint}) as {@code type base64}, as in known_hosts. */
    public String hostKeyLine(String keyType) {
        String type = keyType.startsWith("rsa-sha2-") ? "ssh-rsa" : keyType;
        String line = hostKeyLines.get(type);
        if (line == null) {
            throw new IllegalArgumentException("no host key of type " + keyType + "; have " + hostKeyLines.keySet());
        }
        return line;
    }

    /** A private key (OpenSSH format, 0600, owned by root) that every test user and root accept. */
    public Path clientKey(KeyType type) {
        return clientKeys.get(type);
    }

    /** An ed25519 private key that no user accepts. */
    public Path unauthorizedKey() {
        return unauthorizedKey;
    }

    /** A directory (0755) that every test user can read, for logs that tests create; removed when closed. */
    public Path logDir() {
        return logDir;
    }

    /** Creates or overwrites {@code logDir()/name} (0644) with the lines, each ending in a newline. */
    public Path writeLog(String name, List<String> lines) {
        Path file = logDir.resolve(name);
        TempLogs.write(file, lines);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /**
     * The command lines of the user's running processes now ({@code ps -u user -o args=}) that this server's
     * sessions started, directly or not, even if they were orphaned since: sshd gives every session the environment
     * variable {@value #SESSION_MARKER}, which names this server, and a process that carries it belongs to it. Other
     * processes of the user (on a CI machine, as root: the CI's own scripts) are left out, and so is sshd's own
     * per-session process. Zombies are left out too: orphans are not always reaped promptly (in containers, PID 1 may
     * never reap them) and they run nothing.
     */
    public List<String> processesOf(String user) {
        try {
            Process ps = new ProcessBuilder("/usr/bin/ps", "-u", user, "-o", "pid=,stat=,args=")
                    .redirectErrorStream(true).start();
            String out = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = ps.waitFor();
            if (status != 0 && !out.isBlank()) {
                throw new IllegalStateException("ps -u " + user + " failed (" + status + "): " + out);
            }
            List<String> commands = new ArrayList<>();
            for (String line : out.lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
                String[] pidStatAndArgs = line.split("\\s+", 3);
                if (!pidStatAndArgs[1].startsWith("Z") && startedBySession(pidStatAndArgs[0])) {
                    commands.add(pidStatAndArgs.length > 2 ? pidStatAndArgs[2] : "");
                }
            }
            return List.copyOf(commands);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Whether the process carries this server's {@link #SESSION_MARKER}; false once it has gone. */
    private boolean startedBySession(String pid) {
        byte[] environment;
        try {
            environment = Files.readAllBytes(Path.of("/proc", pid, "environ"));
        } catch (IOException e) {
            return false;
        }
        String marker = SESSION_MARKER + "=" + dir.getFileName() + "\0";
        return ("\0" + new String(environment, StandardCharsets.ISO_8859_1)).contains("\0" + marker);
    }

    /**
     * The system {@code ssh} client's command line to run a command as the user with a client key, checking the host
     * key strictly against {@link #knownHosts()}, with no configuration file, agent or default key, and no prompt.
     */
    public List<String> sshCommand(String user, KeyType key, String remoteCommand) {
        return List.of("/usr/bin/ssh", "-F", "/dev/null", "-p", Integer.toString(port),
                "-i", clientKey(key).toString(),
                "-o", "UserKnownHostsFile=" + knownHosts, "-o", "GlobalKnownHostsFile=/dev/null",
                "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes",
                "-o", "ConnectTimeout=10", user + "@" + HOST, remoteCommand);
    }

    /**
     * Polls the user's processes until none has a command line in which the regular expression finds a match, or
     * the timeout passes. Returns the command lines still matching: empty means they are gone.
     */
    public List<String> awaitNoProcessesMatching(String user, String regex, Duration timeout) {
        Pattern pattern = Pattern.compile(regex);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> matching = processesOf(user).stream().filter(line -> pattern.matcher(line).find()).toList();
            if (matching.isEmpty() || System.nanoTime() - deadline >= 0) {
                return matching;
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return matching;
            }
        }
    }

    /** The end of what sshd printed ({@code -e}, LogLevel ERROR), for failure messages. */
    public String logTail() {
        return tail(sshdOutput);
    }

    /** How long {@link #start} took: users, keys, configuration, and until the port answered with a banner. */
    public Duration startTime() {
        return startTime;
    }

    /** Whether the sshd process is still running. */
    public boolean isRunning() {
        return process.isAlive();
    }

    /**
     * Stops sshd and every session process it started (killed by PID, so open sessions end at once), then deletes
     * its directory. Does nothing on the {@link #shared()} server, which is stopped when the JVM exits.
     */
    @Override
    public void close() {
        synchronized (OpenSshd.class) {
            if (this == shared) {
                return;
            }
        }
        stop();
    }

    private synchronized void stop() {
        if (closed) {
            return;
        }
        closed = true;
        stopProcessTree(process);
        deleteQuietly(dir);
    }

    @Override
    public String toString() {
        return "OpenSshd[" + String.join(",", addresses) + ":" + port + ", " + dir + "]";
    }

    private void writeKnownHosts() throws IOException {
        StringBuilder plain = new StringBuilder();
        StringBuilder hashed = new StringBuilder();
        SecureRandom random = new SecureRandom();
        for (String address : addresses) {
            String name = "[" + address + "]:" + port;
            for (String key : hostKeyLines.values()) {
                plain.append(name).append(' ').append(key).append('\n');
                hashed.append(hashHostName(name, random)).append(' ').append(key).append('\n');
            }
        }
        Files.writeString(knownHosts, plain);
        Files.writeString(hashedKnownHosts, hashed);
    }

    /** {@code |1|base64(salt)|base64(HMAC-SHA1(salt, name))}, the format of {@code ssh-keygen -H}. */
    private static String hashHostName(String name, SecureRandom random) {
        byte[] salt = new byte[20];
        random.nextBytes(salt);
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(salt, "HmacSHA1"));
            byte[] hash = mac.doFinal(name.getBytes(StandardCharsets.UTF_8));
            Base64.Encoder base64 = Base64.getEncoder();
            return "|1|" + base64.encodeToString(salt) + "|" + base64.encodeToString(hash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Process keygen(String type, String passphrase, Path file, String comment) throws IOException {
        List<String> command = new ArrayList<>(List.of(SSH_KEYGEN.toString(), "-q", "-t", type));
        if (type.equals("rsa")) {
            command.addAll(List.of("-b", "2048"));
        }
        command.addAll(List.of("-N", passphrase, "-C", comment, "-f", file.toString()));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static Path writeConfig(Path dir, List<String> addresses, int port, Iterable<Path> hostKeys,
            Options options) throws IOException {
        List<String> lines = new ArrayList<>(options.extraConfig());
        if (!options.loginDelay().isZero()) {
            // One marker per connection: the session's shell is a child of sshd's process for that connection.
            Path connections = dir.resolve("logged-in");
            Files.createDirectories(connections);
            Files.setPosixFilePermissions(connections, PosixFilePermissions.fromString("rwxrwxrwx"));
            String delay = String.format(java.util.Locale.ROOT, "%.3f", options.loginDelay().toMillis() / 1000.0);
            lines.add("ForceCommand f=" + connections + "/$PPID; [ -e \"$f\" ] || { sleep " + delay
                    + "; : > \"$f\"; }; eval \"$SSH_ORIGINAL_COMMAND\"");
        }
        StringBuilder setEnv = new StringBuilder("SetEnv ").append(SESSION_MARKER).append('=').append(dir.getFileName());
        options.sessionEnvironment().forEach((name, value) -> setEnv.append(' ').append(name).append('=').append(value));
        lines.add(setEnv.toString());
        for (String address : addresses) {
            lines.add("ListenAddress " + address);
        }
        lines.add("Port " + port);
        for (Path key : hostKeys) {
            lines.add("HostKey " + key);
        }
        lines.addAll(List.of(
                "PidFile " + dir.resolve("sshd.pid"),
                "AuthorizedKeysFile " + dir.resolve("authorized_keys") + "/%u",
                "StrictModes no",
                "UsePAM no",
                "PermitRootLogin prohibit-password",
                "PasswordAuthentication yes",
                "KbdInteractiveAuthentication no",
                "AllowTcpForwarding yes",
                "Subsystem sftp internal-sftp",
                "MaxSessions 100",
                "MaxStartups 200",
                "LogLevel ERROR",
                "ClientAliveInterval 2",
                "ClientAliveCountMax 3"));
        lines.addAll(List.of(
                "Match User " + SFTP_USER,
                "    ForceCommand internal-sftp"));
        Path config = dir.resolve("sshd_config");
        Files.write(config, lines);
        return config;
    }

    /** A port that is free on every address now (sshd starts on it a moment later; a lost race is retried). */
    private static int freePort(List<String> addresses) throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
                port = socket.getLocalPort();
            }
            if (freeOnAll(addresses, port)) {
                return port;
            }
        }
        throw new IOException("no port free on all of " + addresses);
    }

    private static boolean freeOnAll(List<String> addresses, int port) throws IOException {
        for (String address : addresses) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getByName(address), port), 1);
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    /** Waits until every address answers with an OpenSSH banner; fails with sshd's output if it exits or binds less. */
    private static void awaitListening(Process process, List<String> addresses, int port, Path output)
            throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        List<String> waiting = new ArrayList<>(addresses);
        while (!waiting.isEmpty()) {
            if (!process.isAlive()) {
                throw new IOException("sshd exited with " + process.exitValue() + ": " + tail(output));
            }
            String printed = tail(output);
            if (printed.contains("Bind to port") || printed.contains("Cannot bind")) {
                throw new IOException("sshd could not listen on every address: " + printed);
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new IOException("sshd did not answer on " + waiting + " port " + port + " within "
                        + START_TIMEOUT.toSeconds() + " s: " + printed);
            }
            if (answersWithBanner(waiting.get(0), port)) {
                waiting.remove(0);
            } else {
                sleep(10);
            }
        }
    }

    private static boolean answersWithBanner(String address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 500);
            socket.setSoTimeout(2000);
            BufferedReader reader = new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            String banner = reader.readLine();
            return banner != null && banner.startsWith("SSH-2.0-OpenSSH");
        } catch (IOException e) {
            return false;
        }
    }

    /** Creates the test users if missing, with their shells and password, once per JVM; safe against other JVMs. */
    private static void ensureTestUsers() {
        synchronized (USERS_LOCK) {
            if (usersReady) {
                return;
            }
            for (int attempt = 1; ; attempt++) {
                try {
                    Map<String, String> existing = existingShells();
                    for (String user : TEST_USERS) {
                        String shell = SHELLS.get(user);
                        if (!existing.containsKey(user)) {
                            run(List.of("/usr/sbin/useradd", "-m", "-s", shell, user), null);
                        } else if (!existing.get(user).equals(shell)) {
                            run(List.of("/usr/sbin/usermod", "-s", shell, user), null);
                        }
                    }
                    String passwords = TEST_USERS.stream().map(user -> user + ":" + USER_PASSWORD + "\n")
                            .collect(Collectors.joining());
                    run(List.of("/usr/sbin/chpasswd"), passwords);
                    usersReady = true;
                    return;
                } catch (IllegalStateException e) {
                    // Another JVM may hold the lock on /etc/passwd or have just created the user: look again.
                    if (attempt == 10) {
                        throw new IllegalStateException("cannot create the test users " + TEST_USERS, e);
                    }
                    sleep(100L * attempt);
                }
            }
        }
    }

    private static Map<String, String> existingShells() {
        List<String> command = concat(List.of("/usr/bin/getent", "passwd"), TEST_USERS);
        String out = runForOutput(command);
        Map<String, String> shells = new LinkedHashMap<>();
        out.lines().map(line -> line.split(":", -1)).filter(fields -> fields.length >= 7)
                .forEach(fields -> shells.put(fields[0], fields[6]));
        return shells;
    }

    private static String runForOutput(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void run(List<String> command, String input) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (input != null) {
                process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
            }
            process.getOutputStream().close();
            expectSuccess(process, String.join(" ", command));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void expectSuccess(Process process, String what) {
        try {
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(what + " did not finish in 30 s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(what + " failed with " + process.exitValue() + ": " + out.strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Terminates the session processes sshd forked, leaves first so that each is reaped by its own parent rather
     * than orphaned (a container's PID 1 may never reap), then sshd itself; each by its PID, SIGKILL if SIGTERM
     * is not enough within 5 s.
     */
    private static void stopProcessTree(Process process) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() - deadline < 0) {
            List<ProcessHandle> alive = process.descendants().filter(ProcessHandle::isAlive).toList();
            if (alive.isEmpty()) {
                break;
            }
            List<ProcessHandle> leaves = alive.stream()
                    .filter(handle -> handle.children().noneMatch(ProcessHandle::isAlive)).toList();
            leaves.forEach(ProcessHandle::destroy);
            awaitGone(leaves, Math.min(deadline, System.nanoTime() + TimeUnit.SECONDS.toNanos(1)));
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroy();
        awaitGone(List.of(process.toHandle()), deadline + TimeUnit.SECONDS.toNanos(1));
        process.destroyForcibly();
    }

    private static void awaitGone(List<ProcessHandle> handles, long deadline) {
        for (ProcessHandle handle : handles) {
            while (handle.isAlive() && System.nanoTime() - deadline < 0) {
                sleep(5);
            }
        }
    }

    private static String tail(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            int from = Math.max(0, bytes.length - 8192);
            return new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.deleteIfExists(path);
                } catch (DirectoryNotEmptyException e) {
                    // A test wrote into the log directory while we were deleting it; leave the rest.
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // A temporary directory left behind is not worth failing a test run over.
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static <T> List<T> concat(List<? extends T> first, List<? extends T> second) {
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return List.copyOf(all);
    }
}
