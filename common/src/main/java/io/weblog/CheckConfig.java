package io.weblog;

import io.weblog.format.Field;
import io.weblog.format.LogFormat;
import io.weblog.format.LogFormats;
import io.weblog.rule.Rule;
import io.weblog.rule.Selector;
import io.weblog.source.FileSource;
import io.weblog.source.SourceSpec;
import io.weblog.source.ssh.HostKeyPolicy;
import io.weblog.source.ssh.HostSpec;
import io.weblog.source.ssh.KeyFiles;
import io.weblog.source.ssh.SshSettings;
import io.weblog.source.ssh.SshSource;
import io.weblog.source.store.StoreFields;
import io.weblog.source.store.StoreSettings;
import io.weblog.source.store.StoreSource;
import io.weblog.window.Baseline;
import io.weblog.window.Durations;
import io.weblog.window.Mark;
import io.weblog.window.TimeBound;
import io.weblog.window.Window;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a check needs, as one immutable value: where to read, in which format, which window, which rules,
 * within which limits, and where to write reports.
 *
 * <p>Every front door builds it the same way, from the text its users typed, through {@link #builder()}: the builder's
 * methods parse rule lines, durations, instants, format names and paths, and fail with a {@link ConfigException}
 * naming the {@link Setting}, the offending text and its column. So nothing is parsed in a front door, and a bad
 * configuration fails before anything is read.
 *
 * @param sources where to read, in order; at least one
 * @param format the log format, or {@code null} to recognise it from each source's first lines
 * @param window which hits count
 * @param rules the rules; at least one
 * @param allowEmpty whether a window with no hits at all may pass
 * @param limits bounds on samples, line length and parallelism
 * @param reports where to write reports
 * @param watch hits to show as they are read ({@link io.weblog.check.CheckEvent.Selected}), or {@code null}
 * @param saveWindow where to save the raw lines of the window, or {@code null}; with several sources, one file per
 *     source, named after it
 * @param groupAll whether the reports group every rule's hits by path, not only those of failed rules
 * @param significance how unlikely by chance a rise over the baseline must be to fail a rule (the p-value below
 *     which it does), such as 0.01
 */
public record CheckConfig(List<SourceSpec> sources, LogFormat format, Window window, List<Rule> rules,
        boolean allowEmpty, Limits limits, ReportTargets reports, Selector watch, Path saveWindow, boolean groupAll,
        double significance) {
    /** The significance level unless configured: a rise that chance alone would show once in a hundred checks. */
    public static final double DEFAULT_SIGNIFICANCE = 0.01;
    private static final int MAX_SAMPLES = 10_000;
    private static final int MAX_PARALLELISM = 1000;


    /** Copies the lists and checks that nothing required is missing. */
    public CheckConfig {
        sources = List.copyOf(sources);
        rules = List.copyOf(rules);
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(reports, "reports");
    }

    /** A builder that reads every setting from text. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The file a source's window is saved to, or {@code null} when none is saved: {@link #saveWindow()} itself for
     * one source; with several, one file each, the source's name (made safe for a file name) before the extension.
     */
    public Path saveWindowFile(String source) {
        return saveWindow == null ? null : saveWindowFile(saveWindow, source, sources.size());
    }

    private static Path saveWindowFile(Path configured, String source, int sources) {
        if (sources == 1) {
            return configured;
        }
        String name = configured.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String safe = source.replaceAll("[^A-Za-z0-9._-]+", "_");
        String each = dot > 0 ? name.substring(0, dot) + "-" + safe + name.substring(dot) : name + "-" + safe;
        return configured.resolveSibling(each);
    }

    /** Collects settings as text, parsing each as it arrives; {@link #build()} checks how they fit together. */
    public static final class Builder {
        private final List<SourceSpec> sources = new ArrayList<>();
        private final List<Rule> rules = new ArrayList<>();
        private LogFormat format;
        private TimeBound since;
        private TimeBound until;
        private Duration follow;
        private Selector stopOn;
        private boolean allowEmpty;
        private int samples = Limits.DEFAULT_SAMPLES;
        private int maxLineBytes = Limits.DEFAULT_MAX_LINE_BYTES;
        private int parallelism = Limits.DEFAULT_PARALLELISM;
        private Path json;
        private Path junit;
        private Path html;
        private final List<HostSpec> hosts = new ArrayList<>();
        private String log;
        private String user;
        private Path directory;
        private final List<Path> identities = new ArrayList<>();
        private final List<Secret> keys = new ArrayList<>();
        private boolean defaultKeys = true;
        private Secret password;
        private Secret passphrase;
        private Path knownHosts;
        private final List<String> hostKeys = new ArrayList<>();
        private boolean acceptNewHostKey;
        private boolean insecureAcceptAnyHostKey;
        private final List<HostSpec> jumps = new ArrayList<>();
        private Duration connectTimeout = SshSettings.DEFAULT_CONNECT_TIMEOUT;
        private boolean sftp;
        private Selector watch;
        private Path saveWindow;
        private boolean sourcesOnly;
        private boolean groupAll;
        private Baseline baseline;
        private String markUrl;
        private Duration markTimeout = Mark.DEFAULT_TIMEOUT;
        private double significance = DEFAULT_SIGNIFICANCE;
        private URI storeUrl;
        private String storeIndex;
        private String storeQuery;
        private String storeUser;
        private Secret storePassword;
        private Secret storeApiKey;
        private Path storeCa;
        private StoreFields storeFields = StoreFields.ecs();
        private String storeLine;
        private String hostField = StoreSettings.DEFAULT_HOST_FIELD;
        private Duration storeLag = StoreSettings.DEFAULT_LAG;

        private Builder() {
        }

        /** Makes a configuration that is only looked at for its sources ({@link Weblog#probe}), so needs no rule. */
        Builder sourcesOnly() {
            sourcesOnly = true;
            return this;
        }

        /**
         * Shows the hits a selector picks as they are read (an empty selector: every hit); a check with something to
         * watch needs no rule.
         */
        public Builder watch(String selector) throws ConfigException {
            watch = blank(selector) ? Selector.everyHit() : Selector.parse(selector, Setting.SELECT);
            return this;
        }

        /**
         * Takes relative paths given after this call (logs, keys, known_hosts, reports, the saved window, password
         * files) from this directory instead of the working directory: a Maven project's base directory, a Jenkins
         * workspace.
         */
        public Builder directory(Path base) {
            directory = base == null ? null : base.toAbsolutePath();
            return this;
        }

        /** Logs in as this user on hosts given without one ({@code user@}), as {@code ssh -l} does. */
        public Builder user(String name) throws ConfigException {
            if (blank(name)) {
                user = null;
                return this;
            }
            if (name.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c) || c == '@')) {
                throw ConfigException.of(Setting.USER, name, "is not a user name");
            }
            user = name;
            return this;
        }

        /** Saves the raw lines of the window to this file (one per source when there are several). */
        public Builder saveWindow(String path) throws ConfigException {
            saveWindow = output(path, Setting.SAVE_WINDOW);
            return this;
        }

        /** Adds a remote host to read the log on: {@code [user@]host[:port]}. */
        public Builder host(String spec) throws ConfigException {
            hosts.add(HostSpec.parse(spec, Setting.HOST));
            return this;
        }

        /** The log's path on the remote hosts. */
        public Builder log(String path) throws ConfigException {
            if (path == null || path.isBlank() || path.chars().anyMatch(c -> c == '\n' || c == '\r' || c == 0)) {
                throw ConfigException.of(Setting.LOG, path, "expected the path of the log on the hosts, such as "
                        + "/var/log/nginx/access.log");
            }
            log = path;
            return this;
        }

        /** Adds a private key file to authenticate with (repeatable); without any, the user's default keys. */
        public Builder identity(String path) throws ConfigException {
            Path file = path(path, Setting.IDENTITY);
            if (Files.isDirectory(file)) {
                throw ConfigException.of(Setting.IDENTITY, path, "is a directory; expected a private key file");
            }
            if (!Files.isReadable(file)) {
                throw ConfigException.of(Setting.IDENTITY, path, Files.exists(file) ? "permission denied"
                        : "no such file");
            }
            identities.add(file);
            return this;
        }

        /**
         * Adds a private key given as text (a Jenkins credential's), in the OpenSSH or a PEM format; it is decrypted
         * with the {@link #passphrase} if it is encrypted, and named in messages by its origin, never by its text.
         */
        public Builder privateKey(Secret key) {
            keys.add(Objects.requireNonNull(key, "key"));
            return this;
        }

        /**
         * Whether the user's own keys ({@code ~/.ssh/id_ed25519}, {@code id_ecdsa}, {@code id_rsa}) are offered when
         * no key is given, as ssh does (the default). A build server that runs checks for others turns it off, so
         * that a check cannot log in to a host with the server's own keys.
         */
        public Builder defaultKeys(boolean offer) {
            defaultKeys = offer;
            return this;
        }

        /** Authenticates with the password held in this environment variable. */
        public Builder passwordEnv(String variable) throws ConfigException {
            password = Secret.fromEnvironment(variable, Setting.PASSWORD);
            return this;
        }

        /** Authenticates with the password on the first line of this file. */
        public Builder passwordFile(String file) throws ConfigException {
            password = Secret.fromFile(blank(file) ? file : path(file, Setting.PASSWORD).toString(), Setting.PASSWORD);
            return this;
        }

        /** Authenticates with a password a program holds (a Jenkins credential). */
        public Builder password(Secret secret) {
            password = secret;
            return this;
        }

        /** Decrypts encrypted keys with the passphrase held in this environment variable. */
        public Builder passphraseEnv(String variable) throws ConfigException {
            passphrase = Secret.fromEnvironment(variable, Setting.PASSPHRASE);
            return this;
        }

        /** Decrypts encrypted keys with the passphrase on the first line of this file. */
        public Builder passphraseFile(String file) throws ConfigException {
            passphrase = Secret.fromFile(blank(file) ? file : path(file, Setting.PASSPHRASE).toString(),
                    Setting.PASSPHRASE);
            return this;
        }

        /** Decrypts encrypted keys with a passphrase a program holds. */
        public Builder passphrase(Secret secret) {
            passphrase = secret;
            return this;
        }

        /** Checks host keys against this known_hosts file instead of {@code ~/.ssh/known_hosts}. */
        public Builder knownHosts(String path) throws ConfigException {
            knownHosts = blank(path) ? null : path(path, Setting.KNOWN_HOSTS);
            return this;
        }

        /**
         * Accepts a target host whose key has this fingerprint ({@code SHA256:...}, as ssh-keygen -lf prints it), or
         * is this public key ({@code ssh-ed25519 AAAA...}, as a {@code .pub} file or known_hosts holds it).
         */
        public Builder hostKey(String fingerprintOrKey) throws ConfigException {
            String trimmed = fingerprintOrKey == null ? "" : fingerprintOrKey.strip();
            if (trimmed.matches("SHA256:[A-Za-z0-9+/]{43}=?")) {
                hostKeys.add(trimmed.endsWith("=") ? trimmed.substring(0, trimmed.length() - 1) : trimmed);
                return this;
            }
            if (trimmed.matches("[a-z][a-z0-9@.-]+ [A-Za-z0-9+/]+=*( .*)?")) {
                try {
                    hostKeys.add(KeyFiles.fingerprintOfPublicKey(trimmed));
                    return this;
                } catch (IOException e) {
                    throw ConfigException.of(Setting.HOST_KEY, fingerprintOrKey, "not a public key: "
                            + e.getMessage());
                }
            }
            throw ConfigException.of(Setting.HOST_KEY, fingerprintOrKey, "expected a SHA-256 fingerprint such as "
                    + "SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8 (ssh-keygen -lf key.pub prints it), or the "
                    + "public key itself, such as ssh-ed25519 AAAAC3Nz...");
        }

        /** Trusts a host not in known_hosts on first sight and records its key there ({@code accept-new}). */
        public Builder acceptNewHostKey(boolean accept) {
            acceptNewHostKey = accept;
            return this;
        }

        /** {@link #acceptNewHostKey(boolean)} given as text: {@code true} or {@code false} ({@link TrueOrFalse}). */
        public Builder acceptNewHostKey(String text) throws ConfigException {
            return acceptNewHostKey(TrueOrFalse.parse(text, false, Setting.ACCEPT_NEW_HOST_KEY));
        }

        /** Accepts any host key without checking it, with a warning on every run; for throw-away test hosts. */
        public Builder insecureAcceptAnyHostKey(boolean accept) {
            insecureAcceptAnyHostKey = accept;
            return this;
        }

        /** {@link #insecureAcceptAnyHostKey(boolean)} given as text ({@link TrueOrFalse}). */
        public Builder insecureAcceptAnyHostKey(String text) throws ConfigException {
            return insecureAcceptAnyHostKey(TrueOrFalse.parse(text, false, Setting.INSECURE_ACCEPT_ANY_HOST_KEY));
        }

        /** Connects through these hosts, in order: {@code [user@]host[:port]}, several separated by commas. */
        public Builder jump(String specs) throws ConfigException {
            if (blank(specs)) {
                return this;
            }
            for (String spec : specs.split(",", -1)) {
                try {
                    jumps.add(HostSpec.parse(spec, Setting.JUMP));
                } catch (ConfigException e) {
                    throw ConfigException.of(Setting.JUMP, specs, e.problem());
                }
            }
            return this;
        }

        /** How long connecting and authenticating may take, such as {@code 15s}. */
        public Builder connectTimeout(String duration) throws ConfigException {
            if (!blank(duration)) {
                connectTimeout = someTime(duration, Setting.CONNECT_TIMEOUT, "expected more than no time");
            }
            return this;
        }

        /** Reads remote logs over SFTP even where a shell is available. */
        public Builder sftp(boolean only) {
            sftp = only;
            return this;
        }

        /** {@link #sftp(boolean)} given as text ({@link TrueOrFalse}). */
        public Builder sftp(String text) throws ConfigException {
            return sftp(TrueOrFalse.parse(text, false, Setting.SFTP));
        }

        /** Adds a local file to read; {@code -} is standard input. */
        public Builder file(String path) throws ConfigException {
            if (path == null || path.isBlank()) {
                throw ConfigException.of(Setting.FILE, path, "the path is empty; expected a file or - for standard "
                        + "input");
            }
            if (path.equals("-")) {
                if (sources.stream().anyMatch(s -> s instanceof FileSource f && f.isStdin())) {
                    throw ConfigException.of(Setting.FILE, path, "standard input can be read only once");
                }
                sources.add(FileSource.stdin());
            } else {
                FileSource file = new FileSource(path(path, Setting.FILE));
                for (SourceSpec earlier : sources) {
                    if (earlier instanceof FileSource other && !other.isStdin() && sameFile(other.path(), file.path())) {
                        throw ConfigException.of(Setting.FILE, path, "this log is given twice (as " + other.path()
                                + "); it would be counted twice");
                    }
                }
                sources.add(file);
            }
            return this;
        }

        /**
         * Reads the logs from a log store, OpenSearch or Elasticsearch (which one answers is found out), at this URL:
         * {@code https://logs.example.com:9200}, with a path where a proxy serves it under one.
         */
        public Builder store(String url) throws ConfigException {
            if (blank(url)) {
                storeUrl = null;
                return this;
            }
            URI uri;
            try {
                uri = new URI(url.strip());
            } catch (java.net.URISyntaxException e) {
                throw new ConfigException(StoreSetting.URL, url, e.getIndex() + 1, "not a URL: " + e.getReason());
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw ConfigException.of(StoreSetting.URL, url, "expected an http:// or https:// URL, such as "
                        + "https://logs.example.com:9200");
            }
            if (uri.getHost() == null) {
                throw ConfigException.of(StoreSetting.URL, url, "the URL names no host");
            }
            if (uri.getRawUserInfo() != null) {
                throw ConfigException.of(StoreSetting.URL, url.replace(uri.getRawUserInfo() + "@", "***@"),
                        "a password in the URL would be printed with it; give the user and the password (or an "
                        + "API key) as their own settings");
            }
            if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw ConfigException.of(StoreSetting.URL, url, "the URL is the store's address, without a query or "
                        + "fragment; give the index and the query as their own settings");
            }
            storeUrl = uri;
            return this;
        }

        /** The index pattern to search, such as {@code logs-*} (the default) or {@code filebeat-*,nginx-*}. */
        public Builder storeIndex(String pattern) throws ConfigException {
            if (blank(pattern)) {
                storeIndex = null;
                return this;
            }
            String trimmed = pattern.strip();
            for (int i = 0; i < trimmed.length(); i++) {
                char c = trimmed.charAt(i);
                if (Character.isWhitespace(c) || "\\/\"<>|?#".indexOf(c) >= 0) {
                    throw new ConfigException(StoreSetting.INDEX, pattern, i + 1, "an index pattern holds no '" + c
                            + "'; expected names and * wildcards separated by commas, such as logs-*");
                }
            }
            storeIndex = trimmed;
            return this;
        }

        /** Only documents this filter selects, in the store's query-string syntax ({@code service.name:shop}). */
        public Builder storeQuery(String query) {
            storeQuery = blank(query) ? null : query.strip();
            return this;
        }

        /** Logs in to the store as this user, with {@link #storePassword}. */
        public Builder storeUser(String name) throws ConfigException {
            if (blank(name)) {
                storeUser = null;
                return this;
            }
            if (name.chars().anyMatch(c -> Character.isISOControl(c) || c == ':')) {
                throw ConfigException.of(StoreSetting.USER, name, "is not a user name (it holds ':' or a control "
                        + "character)");
            }
            storeUser = name;
            return this;
        }

        /** The store password a program holds (a settings.xml server's, a Jenkins credential's). */
        public Builder storePassword(Secret secret) {
            storePassword = secret;
            return this;
        }

        /** The store password held in this environment variable. */
        public Builder storePasswordEnv(String variable) throws ConfigException {
            try {
                storePassword = Secret.fromEnvironment(variable, Setting.PASSWORD);
            } catch (ConfigException e) {
                throw e.forSetting(StoreSetting.PASSWORD);
            }
            return this;
        }

        /** The store password on the first line of this file. */
        public Builder storePasswordFile(String file) throws ConfigException {
            try {
                storePassword = Secret.fromFile(blank(file) ? file : path(file, Setting.PASSWORD).toString(),
                        Setting.PASSWORD);
            } catch (ConfigException e) {
                throw e.forSetting(StoreSetting.PASSWORD);
            }
            return this;
        }

        /**
         * Logs in to the store with an API key (Elasticsearch's {@code ApiKey} scheme): {@code id:key}, or the two
         * already encoded as one base64 text, as the store hands it out.
         */
        public Builder storeApiKey(Secret secret) {
            storeApiKey = secret;
            return this;
        }

        /** The store API key held in this environment variable. */
        public Builder storeApiKeyEnv(String variable) throws ConfigException {
            try {
                storeApiKey = Secret.fromEnvironment(variable, Setting.PASSWORD);
            } catch (ConfigException e) {
                throw e.forSetting(StoreSetting.API_KEY);
            }
            return this;
        }

        /** The store API key on the first line of this file. */
        public Builder storeApiKeyFile(String file) throws ConfigException {
            try {
                storeApiKey = Secret.fromFile(blank(file) ? file : path(file, Setting.PASSWORD).toString(),
                        Setting.PASSWORD);
            } catch (ConfigException e) {
                throw e.forSetting(StoreSetting.API_KEY);
            }
            return this;
        }

        /** Trusts the certificate authorities in this PEM file for the store's TLS, besides the JVM's own. */
        public Builder storeCa(String file) throws ConfigException {
            if (blank(file)) {
                storeCa = null;
                return this;
            }
            Path ca;
            try {
                ca = path(file, Setting.FILE);
            } catch (ConfigException e) {
                throw e.forSetting(StoreSetting.CA);
            }
            try (java.io.InputStream in = Files.newInputStream(ca)) {
                if (java.security.cert.CertificateFactory.getInstance("X.509").generateCertificates(in).isEmpty()) {
                    throw ConfigException.of(StoreSetting.CA, file, "holds no certificate; expected a PEM file of "
                            + "certificate authorities");
                }
            } catch (java.nio.file.NoSuchFileException e) {
                throw ConfigException.of(StoreSetting.CA, file, "no such file");
            } catch (IOException e) {
                throw ConfigException.of(StoreSetting.CA, file, "cannot read the file: " + e.getMessage());
            } catch (java.security.cert.CertificateException e) {
                throw ConfigException.of(StoreSetting.CA, file, "is not a PEM file of certificates ("
                        + e.getMessage() + ")");
            }
            storeCa = ca;
            return this;
        }

        /**
         * Names the document fields that hold parts of a hit, over the Elastic Common Schema's names:
         * {@code part=field}, several separated by commas, alternatives by {@code |}, a duration's unit after
         * {@code :} ({@code referrer=http.request.referrer,duration=event.duration:ns,time=@timestamp}).
         */
        public Builder storeField(String overrides) throws ConfigException {
            if (!blank(overrides)) {
                storeFields = storeFields.with(overrides);
            }
            return this;
        }

        /**
         * Where only the raw log line was shipped: the field that holds it ({@code message}, {@code event.original});
         * the lines are then parsed in the format given or recognised.
         */
        public Builder storeLine(String field) throws ConfigException {
            if (blank(field)) {
                storeLine = null;
                return this;
            }
            if (field.strip().chars().anyMatch(c -> Character.isWhitespace(c) || c == ',' || c == '"')) {
                throw ConfigException.of(StoreSetting.LINE, field, "expected one field name, such as message");
            }
            storeLine = field.strip();
            return this;
        }

        /**
         * The document field whose values each get a verdict of their own, as SSH hosts do ({@code host.name}, the
         * default); {@code none} judges every document together.
         */
        public Builder hostField(String field) throws ConfigException {
            if (blank(field)) {
                hostField = StoreSettings.DEFAULT_HOST_FIELD;
                return this;
            }
            String trimmed = field.strip();
            if (trimmed.equalsIgnoreCase("none") || trimmed.equals("-")) {
                hostField = null;
                return this;
            }
            if (trimmed.chars().anyMatch(c -> Character.isWhitespace(c) || c == ',' || c == '"')) {
                throw ConfigException.of(StoreSetting.HOST_FIELD, field, "expected one field name, such as "
                        + "host.name, or none");
            }
            hostField = trimmed;
            return this;
        }

        /**
         * How long after its time a document may take to reach the store and become searchable (shipping and
         * refresh): {@code 5s} unless set.
         */
        public Builder storeLag(String text) throws ConfigException {
            try {
                storeLag = blank(text) ? StoreSettings.DEFAULT_LAG : Durations.parse(text, Setting.FOLLOW);
            } catch (ConfigException e) {
                throw e.forSetting(StoreSetting.LAG);
            }
            return this;
        }

        /** Adds a source of any kind. */
        public Builder source(SourceSpec source) {
            sources.add(Objects.requireNonNull(source, "source"));
            return this;
        }

        /**
         * Sets the format by name or format string (see {@link LogFormats#parse}); {@code null} or blank means
         * "recognise it".
         */
        public Builder format(String spec) throws ConfigException {
            format = spec == null || spec.isBlank() || spec.strip().equalsIgnoreCase("auto")
                    ? null : LogFormats.parse(spec);
            return this;
        }

        /** Sets the start of the window: an ISO-8601 instant, or a duration before now. */
        public Builder since(String text) throws ConfigException {
            since = blank(text) ? null : TimeBound.parse(text, Setting.SINCE);
            return this;
        }

        /** Sets the end of the window: an ISO-8601 instant, or a duration before now. */
        public Builder until(String text) throws ConfigException {
            until = blank(text) ? null : TimeBound.parse(text, Setting.UNTIL);
            return this;
        }

        /** Follows the log live for this long, such as {@code 2m}. */
        public Builder follow(String text) throws ConfigException {
            if (blank(text)) {
                follow = null;
                return this;
            }
            follow = someTime(text, Setting.FOLLOW, "following for no time reads nothing; expected a duration such as "
                    + "2m");
            return this;
        }

        /**
         * Judges the window against the time before it, read from the same log in the same check: {@code before}
         * (as long as the window, just before it), a duration ({@code 1h} just before it), or {@code WHEN..WHEN}.
         * Rules then compare with it ({@code max=+0.5%}, {@code max=2x}, {@code p95<=1.5x}).
         */
        public Builder baseline(String spec) throws ConfigException {
            baseline = blank(spec) ? null : Baseline.parse(spec);
            return this;
        }

        /**
         * How unlikely by chance a rise over the baseline must be to fail a rule: a p-value such as {@code 0.01} or
         * {@code 1%} (the default), from 0.0001 to 0.5.
         */
        public Builder significance(String level) throws ConfigException {
            if (blank(level)) {
                significance = DEFAULT_SIGNIFICANCE;
                return this;
            }
            String trimmed = level.strip();
            boolean percent = trimmed.endsWith("%");
            String number = percent ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
            double value;
            try {
                value = Double.parseDouble(number) / (percent ? 100 : 1);
            } catch (NumberFormatException e) {
                throw ConfigException.of(Setting.SIGNIFICANCE, level, "expected a probability such as 0.01 or 1%");
            }
            if (!(value >= 0.0001 && value <= 0.5)) {
                throw ConfigException.of(Setting.SIGNIFICANCE, level, "expected 0.0001 to 0.5 (0.01% to 50%)");
            }
            significance = value;
            return this;
        }

        /**
         * Starts the followed window at the line of an HTTP request the check sends to this URL, and ends it at the
         * line of a second one when following ends: {@code https://shop.example.com/health}, or
         * {@code http://{host}/health} to reach each SSH host itself. The request carries a token of its own in its
         * query string ({@code weblog-mark=...}).
         */
        public Builder mark(String url) throws ConfigException {
            markUrl = blank(url) ? null : Mark.of(url, markTimeout).url();
            return this;
        }

        /** How long a mark may take to appear in the log once it was sent, such as {@code 30s} (the default). */
        public Builder markTimeout(String text) throws ConfigException {
            if (blank(text)) {
                markTimeout = Mark.DEFAULT_TIMEOUT;
                return this;
            }
            markTimeout = someTime(text, Setting.MARK_TIMEOUT, "a mark cannot appear in no time; expected a duration "
                    + "such as 30s");
            return this;
        }

        /** A duration longer than none; {@code none} says why none will not do. */
        private static Duration someTime(String text, Setting setting, String none) throws ConfigException {
            Duration duration = Durations.parse(text, setting);
            if (duration.isZero()) {
                throw ConfigException.of(setting, text, none);
            }
            return duration;
        }

        /** Ends the window at the first hit the selector matches, such as {@code path=/deploy-done}. */
        public Builder stopOn(String selector) throws ConfigException {
            stopOn = blank(selector) ? null : Selector.parse(selector, Setting.STOP_ON);
            return this;
        }

        /**
         * Adds a rule (see {@link Rule#parse}). A rule wrapped over several lines (as a long value in a POM or a
         * pipeline's multi-line string) is one line: line breaks and tabs, with the spaces around them, become one
         * space, so that reports name it as it reads.
         */
        public Builder rule(String text) throws ConfigException {
            Rule rule = Rule.parse(text == null ? null : text.strip().replaceAll("[ \\t]*[\\r\\n]+[ \\t]*", " ")
                    .replace('\t', ' '));
            for (Rule earlier : rules) {
                boolean sameRule = earlier.label() == null && rule.label() == null
                        && earlier.condition().equals(rule.condition());
                if (sameRule || earlier.name().equals(rule.name())) {
                    throw ConfigException.of(Setting.RULE, text, rule.label() != null
                            ? "the label '" + rule.label() + "' is already another rule's; reports name rules by "
                                    + "label, so give each its own"
                            : "this rule is given twice");
                }
            }
            rules.add(rule);
            return this;
        }

        /** Adds rules, one per element; blank elements are skipped, so a text area's empty lines do no harm. */
        public Builder rules(Collection<String> texts) throws ConfigException {
            for (String text : texts) {
                if (!blank(text)) {
                    rule(text);
                }
            }
            return this;
        }

        /**
         * Whether the reports group every rule's hits by path, with their first and last time and the pages that
         * lead to them; without it, only a failed rule's (a broken-link rule shows which links broke, and where).
         */
        public Builder groupAll(boolean group) {
            groupAll = group;
            return this;
        }

        /** {@link #groupAll(boolean)} given as text ({@link TrueOrFalse}). */
        public Builder groupAll(String text) throws ConfigException {
            return groupAll(TrueOrFalse.parse(text, false, Setting.GROUPS));
        }

        /** Whether a window with no hits may pass. */
        public Builder allowEmpty(boolean allow) {
            allowEmpty = allow;
            return this;
        }

        /** {@link #allowEmpty(boolean)} given as text ({@link TrueOrFalse}). */
        public Builder allowEmpty(String text) throws ConfigException {
            return allowEmpty(TrueOrFalse.parse(text, false, Setting.ALLOW_EMPTY));
        }

        /** How many offending hits to keep per rule. */
        public Builder samples(int count) throws ConfigException {
            if (count < 0 || count > MAX_SAMPLES) {
                throw ConfigException.of(Setting.SAMPLES, Integer.toString(count), "expected 0 to 10000 samples");
            }
            samples = count;
            return this;
        }

        /** How many offending hits to keep per rule, given as text; blank: the default. */
        public Builder samples(String text) throws ConfigException {
            if (blank(text)) {
                samples = Limits.DEFAULT_SAMPLES;
                return this;
            }
            return samples(wholeNumber(text, Setting.SAMPLES, 0, MAX_SAMPLES, "samples"));
        }

        /** The longest line that is parsed: bytes, or with a unit ({@code 64KiB}, {@code 1MiB}, {@code 1m}). */
        public Builder maxLineLength(String text) throws ConfigException {
            if (blank(text)) {
                maxLineBytes = Limits.DEFAULT_MAX_LINE_BYTES;
                return this;
            }
            maxLineBytes = byteSize(text);
            return this;
        }

        /** How many sources are read at once. */
        public Builder parallelism(int sourcesAtOnce) throws ConfigException {
            if (sourcesAtOnce < 1 || sourcesAtOnce > MAX_PARALLELISM) {
                throw ConfigException.of(Setting.PARALLELISM, Integer.toString(sourcesAtOnce),
                        "expected 1 to 1000 sources at once");
            }
            parallelism = sourcesAtOnce;
            return this;
        }

        /** How many sources are read at once, given as text; blank: the default. */
        public Builder parallelism(String text) throws ConfigException {
            if (blank(text)) {
                parallelism = Limits.DEFAULT_PARALLELISM;
                return this;
            }
            return parallelism(wholeNumber(text, Setting.PARALLELISM, 1, MAX_PARALLELISM, "sources at once"));
        }

        /**
         * A whole number given as text, such as {@code 5}: a caret under the first character that is not a digit, and
         * the range when it is outside.
         */
        private static int wholeNumber(String text, Setting setting, int min, int max, String what)
                throws ConfigException {
            String expected = "expected a whole number of " + what + " from " + min + " to " + max;
            int start = text.indexOf(text.strip());
            String digits = text.strip();
            for (int i = 0; i < digits.length(); i++) {
                if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                    throw new ConfigException(setting, text, start + i + 1, expected);
                }
            }
            if (digits.length() > 9 || Integer.parseInt(digits) < min || Integer.parseInt(digits) > max) {
                throw ConfigException.of(setting, text, expected);
            }
            return Integer.parseInt(digits);
        }

        /** Writes the JSON report to this path. */
        public Builder reportJson(String path) throws ConfigException {
            json = output(path, Setting.REPORT_JSON);
            return this;
        }

        /** Writes the JUnit XML report to this path. */
        public Builder reportJunit(String path) throws ConfigException {
            junit = output(path, Setting.REPORT_JUNIT);
            return this;
        }

        /** Writes the HTML report to this path. */
        public Builder reportHtml(String path) throws ConfigException {
            html = output(path, Setting.REPORT_HTML);
            return this;
        }

        /** Checks that the settings fit together and makes the configuration. */
        public CheckConfig build() throws ConfigException {
            if (hosts.isEmpty() && !jumps.isEmpty()) {
                throw ConfigException.of(Setting.JUMP, jumps.get(0).toString(), "a jump host leads to remote hosts; "
                        + "give a host too");
            }
            addRemoteSources();
            addStoreSource();
            if (sources.isEmpty()) {
                throw ConfigException.of(Setting.FILE, null, "no log to read; give a file or a host");
            }
            if (rules.isEmpty() && watch == null && !sourcesOnly) {
                throw ConfigException.of(Setting.RULE, null, "no rules; give at least one, such as status=5xx max=0");
            }
            if (follow != null && until != null) {
                throw ConfigException.of(Setting.UNTIL, until.toString(), "a followed window ends when following "
                        + "does; give either an end or a time to follow, not both");
            }
            if (since != null && until != null) {
                Instant now = Instant.now();
                if (since.resolve(now).equals(until.resolve(now))) {
                    throw ConfigException.of(Setting.UNTIL, until.toString(), "the window is empty: it ends where it "
                            + "starts (the start is inclusive, the end exclusive)");
                }
                if (!since.resolve(now).isBefore(until.resolve(now))) {
                    throw ConfigException.of(Setting.UNTIL, until.toString(), "the window ends before it starts ("
                            + since + " to " + until + ")");
                }
            }
            Mark mark = markUrl == null ? null : markFitsTheWindow();
            Rule relative = rules.stream().filter(rule -> rule.expectation().isRelative()).findFirst().orElse(null);
            if (relative != null && baseline == null) {
                throw ConfigException.of(Setting.RULE, relative.text(), "this rule compares with the time before "
                        + "the window (" + relative.expectation().text() + "); give a baseline as well, such as "
                        + "before (as long as the window, just before it)");
            }
            if (baseline != null && since == null && follow == null) {
                throw ConfigException.of(Setting.BASELINE, baseline.text(), "the baseline is the time before the "
                        + "window, and this window has no start (the whole log): give a start or a time to follow "
                        + "as well");
            }
            if (baseline != null && baseline.isFixed()) {
                Instant now = Instant.now();
                Instant windowStart = since != null ? since.resolve(now) : now;
                if (baseline.until().resolve(now).isAfter(windowStart)) {
                    throw ConfigException.of(Setting.BASELINE, baseline.text(), "the baseline ends after the window "
                            + "starts (" + windowStart.truncatedTo(ChronoUnit.SECONDS)
                            + "); a hit counts in one of them, so the baseline must end by then");
                }
            }
            if (format != null && baseline != null && !format.fields().contains(Field.TIME)) {
                throw ConfigException.of(Setting.FORMAT, format.name(), "this format logs no time, so a baseline "
                        + "before the window cannot be told apart from it");
            }
            Rule timed = rules.stream().filter(Rule::needsDuration).findFirst().orElse(null);
            if (format != null && timed != null && !format.fields().contains(Field.DURATION)) {
                throw ConfigException.of(Setting.FORMAT, format.name(), LogFormats.noDuration(format.name(),
                        timed.name()));
            }
            if (format != null && (since != null || until != null) && !format.fields().contains(Field.TIME)) {
                throw ConfigException.of(Setting.FORMAT, format.name(), "this format logs no time, so the window's "
                        + "start and end cannot be applied");
            }
            if (follow != null && since != null) {
                Instant now = Instant.now();
                if (!since.resolve(now).isBefore(now.plus(follow))) {
                    throw ConfigException.of(Setting.SINCE, since.toString(), "the window would start after "
                            + "following ends (in " + Durations.format(follow) + "), so it could hold no hit");
                }
            }
            outputsAreNotInputs();
            Window window = new Window(since, until, follow, stopOn, baseline, mark);
            return new CheckConfig(sources, format, window, rules, allowEmpty,
                    new Limits(samples, maxLineBytes, parallelism), new ReportTargets(json, junit, html), watch,
                    saveWindow, groupAll, significance);
        }

        /** A mark starts a followed window in place of a start, on every log it reaches. */
        private Mark markFitsTheWindow() throws ConfigException {
            if (follow == null) {
                throw ConfigException.of(Setting.MARK, markUrl, "a mark starts the window when its line arrives in "
                        + "the followed log; give a time to follow as well");
            }
            if (since != null) {
                throw ConfigException.of(Setting.SINCE, since.toString(), "the mark starts the window; give either "
                        + "a start or a mark, not both");
            }
            Mark mark = Mark.of(markUrl, markTimeout);
            StoreSource split = sources.stream().filter(source -> source instanceof StoreSource store
                    && store.settings().hostField() != null).map(StoreSource.class::cast).findFirst().orElse(null);
            if (split != null && !mark.perHost()) {
                throw ConfigException.of(Setting.MARK, markUrl, "one request reaches one web server, and the store's "
                        + "documents are judged per " + split.settings().hostField() + "; put " + Mark.HOST
                        + " in the URL (such as http://" + Mark.HOST + "/health) so that each host logs its own, or "
                        + "judge them together (host field none)");
            }
            boolean local = sources.stream().anyMatch(source -> !(source instanceof SshSource)
                    && !(source instanceof StoreSource store && store.settings().hostField() != null));
            if (mark.perHost() && local) {
                throw ConfigException.of(Setting.MARK, markUrl, Mark.HOST + " names each SSH host, and a local log "
                        + "has none; give the URL of the server that writes it");
            }
            if (!mark.perHost() && sources.size() > 1) {
                throw ConfigException.of(Setting.MARK, markUrl, "one request reaches one web server, and there are "
                        + sources.size() + " logs to mark; put " + Mark.HOST + " in the URL (such as http://"
                        + Mark.HOST + "/health) so that each host logs its own");
            }
            return mark;
        }

        private void addStoreSource() throws ConfigException {
            if (storeUrl == null) {
                StoreSetting given = storeIndex != null ? StoreSetting.INDEX : storeQuery != null ? StoreSetting.QUERY
                        : storeUser != null ? StoreSetting.USER : storeApiKey != null ? StoreSetting.API_KEY
                        : storeCa != null ? StoreSetting.CA : storeLine != null ? StoreSetting.LINE : null;
                if (given != null) {
                    throw ConfigException.of(given, null, "this is a setting of a log store; give the store's URL "
                            + "too");
                }
                return;
            }
            if (storeApiKey != null && (storeUser != null || storePassword != null)) {
                throw ConfigException.of(StoreSetting.API_KEY, null, "an API key and a user with a password "
                        + "exclude each other; choose one");
            }
            if (storePassword != null && storeUser == null) {
                throw ConfigException.of(StoreSetting.USER, null, "a store password needs the user it is for");
            }
            if (format != null && storeLine == null) {
                throw ConfigException.of(Setting.FORMAT, format.name(), "the store's documents are read as fields "
                        + "(see the field settings); a format applies where they hold the raw line: name its field "
                        + "as well, such as message");
            }
            StoreSettings.StoreLogin login = new StoreSettings.StoreLogin(storeUser, storePassword, storeApiKey);
            sources.add(new StoreSource(new StoreSettings(storeUrl, storeIndex == null ? StoreSettings.DEFAULT_INDEX
                    : storeIndex, storeQuery, login, storeCa, storeFields.lineIn(storeLine), hostField,
                    connectTimeout, storeLag)));
        }

        private void addRemoteSources() throws ConfigException {
            if (hosts.isEmpty()) {
                if (log != null) {
                    throw ConfigException.of(Setting.LOG, log, "a log path is for remote hosts; give a host too, or "
                            + "read a local log as a file");
                }
                return;
            }
            if (log == null) {
                throw ConfigException.of(Setting.LOG, null, "remote hosts need the path of the log on them");
            }
            if (acceptNewHostKey && insecureAcceptAnyHostKey) {
                throw ConfigException.of(Setting.HOST_KEY_POLICY, null, "accepting new host keys and accepting any "
                        + "host key exclude each other; choose one");
            }
            if (knownHosts != null && !Files.isRegularFile(knownHosts) && !acceptNewHostKey) {
                throw ConfigException.of(Setting.KNOWN_HOSTS, knownHosts.toString(), Files.isDirectory(knownHosts)
                        ? "is a directory; expected a known_hosts file" : "no such file");
            }
            for (Path identity : identities) {
                KeyFiles.check(identity, passphrase);
            }
            HostKeyPolicy policy = insecureAcceptAnyHostKey ? HostKeyPolicy.INSECURE_ACCEPT_ANY
                    : acceptNewHostKey ? HostKeyPolicy.ACCEPT_NEW : HostKeyPolicy.STRICT;
            for (Secret key : keys) {
                KeyFiles.check(key, passphrase);
            }
            SshSettings settings = new SshSettings(identities, keys, defaultKeys, passphrase, password,
                    knownHosts != null ? knownHosts : SshSettings.defaultKnownHosts(), hostKeys, policy, jumps,
                    connectTimeout, sftp);
            List<HostSpec> seen = new ArrayList<>();
            for (HostSpec given : hosts) {
                HostSpec host = given.user() == null && user != null
                        ? new HostSpec(user, given.host(), given.port()) : given;
                if (seen.contains(host)) {
                    throw ConfigException.of(Setting.HOST, given.toString(), "this host is given twice");
                }
                seen.add(host);
                sources.add(new SshSource(host, log, settings));
            }
            hosts.clear();
        }

        /**
         * A file weblog writes: not standard output, not a directory, and in a directory that exists or can be made
         * (one that is a file cannot), so that a check does not read a whole log only to fail writing at the end.
         */
        private Path output(String text, Setting setting) throws ConfigException {
            if (blank(text)) {
                return null;
            }
            if (text.strip().equals("-")) {
                throw ConfigException.of(setting, text, "writing to standard output is not supported; expected a "
                        + "file");
            }
            Path file = path(text, setting);
            if (Files.isDirectory(file) || text.endsWith("/")) {
                throw ConfigException.of(setting, text, "is a directory; expected a file");
            }
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                throw ConfigException.of(setting, text, "is not a regular file (a device, pipe or socket); expected "
                        + "a file");
            }
            if (Files.isSymbolicLink(file) && !Files.exists(file)) {
                throw ConfigException.of(setting, text, "is a symbolic link to nothing; expected a file");
            }
            for (Path parent = file.toAbsolutePath().getParent(); parent != null; parent = parent.getParent()) {
                if (Files.exists(parent)) {
                    if (!Files.isDirectory(parent)) {
                        throw ConfigException.of(setting, text, parent + " is not a directory");
                    }
                    if (!Files.isWritable(parent)) {
                        throw ConfigException.of(setting, text, "cannot write in " + parent + " (permission denied, "
                                + "or a read-only file system)");
                    }
                    break;
                }
            }
            return file;
        }

        /**
         * Refuses to write a report or a saved window over a log being checked, which would be lost, or two of them
         * to one file, where the last would silently replace the other.
         */
        private void outputsAreNotInputs() throws ConfigException {
            Map<Path, Setting> outputs = new LinkedHashMap<>();
            for (SourceSpec source : sources) {
                if (saveWindow != null) {
                    addOutput(outputs, saveWindowFile(saveWindow, source.displayName(), sources.size()),
                            Setting.SAVE_WINDOW);
                }
            }
            addOutput(outputs, json, Setting.REPORT_JSON);
            addOutput(outputs, junit, Setting.REPORT_JUNIT);
            addOutput(outputs, html, Setting.REPORT_HTML);
            for (SourceSpec source : sources) {
                if (source instanceof FileSource file && !file.isStdin()) {
                    for (Map.Entry<Path, Setting> output : outputs.entrySet()) {
                        if (sameFile(file.path(), output.getKey())) {
                            throw ConfigException.of(output.getValue(), output.getKey().toString(), "is the log "
                                    + "being checked; writing there would destroy it");
                        }
                    }
                }
            }
        }

        private static void addOutput(Map<Path, Setting> outputs, Path file, Setting setting)
                throws ConfigException {
            if (file == null) {
                return;
            }
            for (Map.Entry<Path, Setting> earlier : outputs.entrySet()) {
                if (sameFile(earlier.getKey(), file)) {
                    throw ConfigException.of(setting, file.toString(), "another report or the saved window is "
                            + "written there too; give each its own file");
                }
            }
            outputs.put(file, setting);
        }

        private static boolean sameFile(Path a, Path b) {
            try {
                if (Files.exists(a) && Files.exists(b)) {
                    return Files.isSameFile(a, b);
                }
            } catch (IOException e) {
                return false;
            }
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }

        private static boolean blank(String text) {
            return text == null || text.isBlank();
        }

        /**
         * A path as typed: {@code ~/} stands for the user's home, as in a shell or ssh_config, and a relative path is
         * taken from {@link #directory} when one is set.
         */
        private Path path(String text, Setting setting) throws ConfigException {
            try {
                Path typed = text.equals("~") || text.startsWith("~/")
                        ? Path.of(System.getProperty("user.home"), text.substring(1).replaceFirst("^/+", ""))
                        : Path.of(text);
                return directory == null ? typed : directory.resolve(typed).normalize();
            } catch (InvalidPathException e) {
                throw new ConfigException(setting, text, e.getIndex() + 1, "not a valid path: " + e.getReason());
            }
        }

        private static int byteSize(String text) throws ConfigException {
            String trimmed = text.strip().toLowerCase(Locale.ROOT);
            int split = 0;
            while (split < trimmed.length() && Character.isDigit(trimmed.charAt(split))) {
                split++;
            }
            if (split == 0) {
                throw ConfigException.of(Setting.MAX_LINE_LENGTH, text, "expected a size such as 65536, 64KiB or 1MiB");
            }
            if (split < trimmed.length() && (trimmed.charAt(split) == '.' || trimmed.charAt(split) == ',')) {
                throw new ConfigException(Setting.MAX_LINE_LENGTH, text, text.indexOf(trimmed) + split + 1,
                        "expected a whole number, such as 1536KiB rather than 1.5MiB");
            }
            long number = Long.parseLong(trimmed.substring(0, Math.min(split, 12)));
            long factor = switch (trimmed.substring(split).strip()) {
                case "", "b" -> 1;
                case "k", "kb", "kib" -> 1024;
                case "m", "mb", "mib" -> 1024 * 1024;
                default -> throw new ConfigException(Setting.MAX_LINE_LENGTH, text, split + 1,
                        "unknown unit; expected B, KiB or MiB");
            };
            long bytes = number * factor;
            if (bytes < 256 || bytes > 256L * 1024 * 1024) {
                throw ConfigException.of(Setting.MAX_LINE_LENGTH, text, "expected 256 bytes to 256MiB");
            }
            return (int) bytes;
        }
    }
}
