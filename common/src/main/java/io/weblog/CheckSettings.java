package io.weblog;

import io.weblog.check.Probe;
import io.weblog.report.Reports;
import java.io.Serializable;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Every setting of a check as its user gave it, in one serializable value: what a build tool collects from its own
 * world (Maven's parameters and settings.xml, a Jenkins form or pipeline step and its credentials) and carries to the
 * machine where the check runs (a Jenkins agent), where {@link #toConfig()} reads it into a {@link CheckConfig}.
 *
 * <p>Nothing is parsed here: the settings are text, read by {@link CheckConfig.Builder} in {@link #toConfig()}, so a
 * mistake is reported as a {@link ConfigException} naming the {@link Setting}, the text and the column, before
 * anything is read. Unset text ({@code null} or blank) means the engine's default, and blank entries of a list are
 * skipped (a text area's empty lines) and the others stripped. Yes-or-no settings and numbers may be given as text
 * too (a build tool's property): only {@code true} and {@code false} count ({@link TrueOrFalse}), and a number that
 * is not one is refused with a caret under it. Secrets stay {@link Secret}s.
 */
public final class CheckSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    private String directory;
    private final ArrayList<String> files = new ArrayList<>();
    private final ArrayList<String> hosts = new ArrayList<>();
    private String user;
    private String log;
    private String format;
    private final ArrayList<String> rules = new ArrayList<>();
    private String since;
    private String until;
    private String follow;
    private String stopOn;
    private String baseline;
    private String significance;
    private String mark;
    private String markTimeout;
    private String allowEmpty;
    private String groupAll;
    private String samples;
    private String maxLineLength;
    private String parallelism;
    private final ArrayList<String> identities = new ArrayList<>();
    private final ArrayList<Secret> privateKeys = new ArrayList<>();
    private boolean defaultKeys = true;
    private Secret password;
    private Secret passphrase;
    private String knownHosts;
    private final ArrayList<String> hostKeys = new ArrayList<>();
    private String acceptNewHostKey;
    private String insecureAcceptAnyHostKey;
    private String jump;
    private String connectTimeout;
    private String sftp;
    private String saveWindow;
    private String reportJson;
    private String reportJunit;
    private String reportHtml;
    private String store;
    private String storeIndex;
    private String storeQuery;
    private String storeUser;
    private Secret storePassword;
    private Secret storeApiKey;
    private String storeCa;
    private final ArrayList<String> storeFields = new ArrayList<>();
    private String storeLine;
    private String hostField;
    private String storeLag;

    /**
     * The directory relative paths are taken from, as the machine where the check runs names it: a Maven project's,
     * a Jenkins workspace on an agent ({@link CheckConfig.Builder#directory}).
     */
    public CheckSettings directory(String path) {
        directory = path;
        return this;
    }

    /** Local logs to read ({@link CheckConfig.Builder#file}). */
    public CheckSettings files(Collection<String> paths) {
        replace(files, paths);
        return this;
    }

    /** Remote hosts to read {@link #log} on ({@link CheckConfig.Builder#host}). */
    public CheckSettings hosts(Collection<String> specs) {
        replace(hosts, specs);
        return this;
    }

    /** The user for hosts given without one ({@link CheckConfig.Builder#user}). */
    public CheckSettings user(String name) {
        user = name;
        return this;
    }

    /** The log's path on the hosts ({@link CheckConfig.Builder#log}). */
    public CheckSettings log(String path) {
        log = path;
        return this;
    }

    /** The log format ({@link CheckConfig.Builder#format}). */
    public CheckSettings format(String spec) {
        format = spec;
        return this;
    }

    /** The rules, one per element; blank ones are skipped ({@link CheckConfig.Builder#rules}). */
    public CheckSettings rules(Collection<String> texts) {
        replace(rules, texts);
        return this;
    }

    /** The start of the window ({@link CheckConfig.Builder#since}). */
    public CheckSettings since(String text) {
        since = text;
        return this;
    }

    /** The end of the window ({@link CheckConfig.Builder#until}). */
    public CheckSettings until(String text) {
        until = text;
        return this;
    }

    /** How long to follow the log live ({@link CheckConfig.Builder#follow}). */
    public CheckSettings follow(String text) {
        follow = text;
        return this;
    }

    /** The selector of the hit that ends the window ({@link CheckConfig.Builder#stopOn}). */
    public CheckSettings stopOn(String selector) {
        stopOn = selector;
        return this;
    }

    /** The time before the window it is judged against ({@link CheckConfig.Builder#baseline}). */
    public CheckSettings baseline(String text) {
        baseline = text;
        return this;
    }

    /** How unlikely by chance a rise over the baseline must be to fail ({@link CheckConfig.Builder#significance}). */
    public CheckSettings significance(String level) {
        significance = level;
        return this;
    }

    /** The URL of the request whose line starts the followed window ({@link CheckConfig.Builder#mark}). */
    public CheckSettings mark(String url) {
        mark = url;
        return this;
    }

    /** How long a mark may take to appear in the log ({@link CheckConfig.Builder#markTimeout}). */
    public CheckSettings markTimeout(String text) {
        markTimeout = text;
        return this;
    }

    /** Whether a window without hits may pass ({@link CheckConfig.Builder#allowEmpty}). */
    public CheckSettings allowEmpty(boolean allow) {
        return allowEmpty(Boolean.toString(allow));
    }

    /** Whether a window without hits may pass, as text: {@code true} or {@code false} ({@link TrueOrFalse}). */
    public CheckSettings allowEmpty(String text) {
        allowEmpty = text;
        return this;
    }

    /** Whether every rule's hits are grouped by path in the reports ({@link CheckConfig.Builder#groupAll}). */
    public CheckSettings groupAll(boolean group) {
        return groupAll(Boolean.toString(group));
    }

    /** Whether every rule's hits are grouped by path, as text ({@link TrueOrFalse}). */
    public CheckSettings groupAll(String text) {
        groupAll = text;
        return this;
    }

    /** Offending hits kept per rule ({@link CheckConfig.Builder#samples}). */
    public CheckSettings samples(int count) {
        return samples(Integer.toString(count));
    }

    /** Offending hits kept per rule, as text, such as {@code 5}. */
    public CheckSettings samples(String count) {
        samples = count;
        return this;
    }

    /** The longest line parsed ({@link CheckConfig.Builder#maxLineLength}). */
    public CheckSettings maxLineLength(String text) {
        maxLineLength = text;
        return this;
    }

    /** How many logs are read at once ({@link CheckConfig.Builder#parallelism}). */
    public CheckSettings parallelism(int sourcesAtOnce) {
        return parallelism(Integer.toString(sourcesAtOnce));
    }

    /** How many logs are read at once, as text, such as {@code 16}. */
    public CheckSettings parallelism(String sourcesAtOnce) {
        parallelism = sourcesAtOnce;
        return this;
    }

    /** Private key files ({@link CheckConfig.Builder#identity}). */
    public CheckSettings identities(Collection<String> paths) {
        replace(identities, paths);
        return this;
    }

    /** Private keys given as text ({@link CheckConfig.Builder#privateKey}). */
    public CheckSettings privateKeys(Collection<Secret> keys) {
        privateKeys.clear();
        if (keys != null) {
            keys.stream().filter(java.util.Objects::nonNull).forEach(privateKeys::add);
        }
        return this;
    }

    /** Whether the user's own keys are offered when no key is given ({@link CheckConfig.Builder#defaultKeys}). */
    public CheckSettings defaultKeys(boolean offer) {
        defaultKeys = offer;
        return this;
    }

    /** The SSH password, or {@code null} ({@link CheckConfig.Builder#password}). */
    public CheckSettings password(Secret secret) {
        password = secret;
        return this;
    }

    /** The passphrase of encrypted keys, or {@code null} ({@link CheckConfig.Builder#passphrase}). */
    public CheckSettings passphrase(Secret secret) {
        passphrase = secret;
        return this;
    }

    /** The known_hosts file ({@link CheckConfig.Builder#knownHosts}). */
    public CheckSettings knownHosts(String path) {
        knownHosts = path;
        return this;
    }

    /** Pinned host keys or their fingerprints ({@link CheckConfig.Builder#hostKey}). */
    public CheckSettings hostKeys(Collection<String> fingerprintsOrKeys) {
        replace(hostKeys, fingerprintsOrKeys);
        return this;
    }

    /** Whether a host not yet known is trusted and recorded ({@link CheckConfig.Builder#acceptNewHostKey}). */
    public CheckSettings acceptNewHostKey(boolean accept) {
        return acceptNewHostKey(Boolean.toString(accept));
    }

    /** Whether a host not yet known is trusted and recorded, as text ({@link TrueOrFalse}). */
    public CheckSettings acceptNewHostKey(String text) {
        acceptNewHostKey = text;
        return this;
    }

    /** Whether any host key is accepted unchecked ({@link CheckConfig.Builder#insecureAcceptAnyHostKey}). */
    public CheckSettings insecureAcceptAnyHostKey(boolean accept) {
        return insecureAcceptAnyHostKey(Boolean.toString(accept));
    }

    /** Whether any host key is accepted unchecked, as text ({@link TrueOrFalse}). */
    public CheckSettings insecureAcceptAnyHostKey(String text) {
        insecureAcceptAnyHostKey = text;
        return this;
    }

    /** Jump hosts, comma-separated ({@link CheckConfig.Builder#jump}). */
    public CheckSettings jump(String specs) {
        jump = specs;
        return this;
    }

    /** How long connecting may take ({@link CheckConfig.Builder#connectTimeout}). */
    public CheckSettings connectTimeout(String duration) {
        connectTimeout = duration;
        return this;
    }

    /** Whether to read over SFTP ({@link CheckConfig.Builder#sftp}). */
    public CheckSettings sftp(boolean only) {
        return sftp(Boolean.toString(only));
    }

    /** Whether to read over SFTP, as text ({@link TrueOrFalse}). */
    public CheckSettings sftp(String text) {
        sftp = text;
        return this;
    }

    /** Where to save the window's raw lines ({@link CheckConfig.Builder#saveWindow}). */
    public CheckSettings saveWindow(String path) {
        saveWindow = path;
        return this;
    }

    /**
     * The URL of a log store (OpenSearch or Elasticsearch) to read the logs from ({@link CheckConfig.Builder#store}).
     */
    public CheckSettings store(String url) {
        store = url;
        return this;
    }

    /** The store's index pattern; {@code logs-*} unless set ({@link CheckConfig.Builder#storeIndex}). */
    public CheckSettings storeIndex(String pattern) {
        storeIndex = pattern;
        return this;
    }

    /** A filter of the store's documents in its query-string syntax ({@link CheckConfig.Builder#storeQuery}). */
    public CheckSettings storeQuery(String query) {
        storeQuery = query;
        return this;
    }

    /**
     * Logs in to the store as a user with a password, such as a settings.xml server's or a Jenkins username/password
     * credential's ({@link CheckConfig.Builder#storeUser}, {@link CheckConfig.Builder#storePassword}).
     */
    public CheckSettings storeLogin(String user, Secret password) {
        storeUser = user;
        storePassword = password;
        return this;
    }

    /**
     * Logs in to the store with an API key: {@code id:key} or the encoded key. A door whose credentials hold a user
     * and a password passes {@code user + ":" + password} when its user chose "API key"
     * ({@link CheckConfig.Builder#storeApiKey}).
     */
    public CheckSettings storeApiKey(Secret key) {
        storeApiKey = key;
        return this;
    }

    /** A PEM file of certificate authorities for the store's TLS ({@link CheckConfig.Builder#storeCa}). */
    public CheckSettings storeCa(String path) {
        storeCa = path;
        return this;
    }

    /**
     * Which document fields hold the parts of a hit, over the ECS names; each element {@code part=field,...}
     * ({@link CheckConfig.Builder#storeField}).
     */
    public CheckSettings storeFields(Collection<String> overrides) {
        replace(storeFields, overrides);
        return this;
    }

    /** The field holding the raw log line, where only that was shipped ({@link CheckConfig.Builder#storeLine}). */
    public CheckSettings storeLine(String field) {
        storeLine = field;
        return this;
    }

    /** The field whose values get a verdict each; {@code none} for one ({@link CheckConfig.Builder#hostField}). */
    public CheckSettings hostField(String field) {
        hostField = field;
        return this;
    }

    /** How long a document may take to reach the store ({@link CheckConfig.Builder#storeLag}). */
    public CheckSettings storeLag(String duration) {
        storeLag = duration;
        return this;
    }

    /** Where to write the JSON, JUnit XML and HTML reports; {@code null} for none of a kind. */
    public CheckSettings reports(String json, String junit, String html) {
        reportJson = json;
        reportJunit = junit;
        reportHtml = html;
        return this;
    }

    /**
     * Deletes the reports an earlier check left at this check's report paths ({@link Reports#deleteEarlier}), before
     * this one is configured: a check refused for its configuration then leaves no report behind that says something
     * else.
     */
    public void deleteReports() {
        List<Path> reports = new ArrayList<>();
        for (String report : new String[] {reportJson, reportJunit, reportHtml}) {
            try {
                if (report != null && !report.isBlank()) {
                    Path file = Path.of(report);
                    reports.add(directory == null || directory.isBlank() ? file : Path.of(directory).resolve(file));
                }
            } catch (InvalidPathException e) {
                // the check's configuration names the path and the problem
            }
        }
        Reports.deleteEarlier(reports);
    }

    /**
     * Reads the settings into a check's configuration.
     *
     * @throws ConfigException naming the setting, the text and the column of the first mistake
     */
    public CheckConfig toConfig() throws ConfigException {
        return toConfig(CheckConfig.builder());
    }

    /**
     * Looks at each source without reading it, as {@link Weblog#probe} does; the rules and the window play no part
     * and may be missing.
     *
     * @throws ConfigException naming the setting, the text and the column of the first mistake
     * @throws InterruptedException when the calling thread is interrupted
     */
    public List<Probe> probe() throws ConfigException, InterruptedException {
        return Weblog.probe(toConfig(CheckConfig.builder().sourcesOnly()));
    }

    private CheckConfig toConfig(CheckConfig.Builder builder) throws ConfigException {
        builder.directory(directory == null || directory.isBlank() ? null : Path.of(directory))
                .user(user)
                .defaultKeys(defaultKeys)
                .password(password)
                .passphrase(passphrase);
        for (String file : files) {
            builder.file(file);
        }
        for (String host : hosts) {
            builder.host(host);
        }
        if (log != null) {
            builder.log(log);
        }
        for (String identity : identities) {
            builder.identity(identity);
        }
        for (Secret key : privateKeys) {
            builder.privateKey(key);
        }
        for (String hostKey : hostKeys) {
            builder.hostKey(hostKey);
        }
        for (String fields : storeFields) {
            builder.storeField(fields);
        }
        return builder.format(format)
                .knownHosts(knownHosts)
                .acceptNewHostKey(acceptNewHostKey)
                .insecureAcceptAnyHostKey(insecureAcceptAnyHostKey)
                .jump(jump)
                .connectTimeout(connectTimeout)
                .sftp(sftp)
                .store(store)
                .storeIndex(storeIndex)
                .storeQuery(storeQuery)
                .storeUser(storeUser)
                .storePassword(storePassword)
                .storeApiKey(storeApiKey)
                .storeCa(storeCa)
                .storeLine(storeLine)
                .hostField(hostField)
                .storeLag(storeLag)
                .since(since)
                .until(until)
                .follow(follow)
                .stopOn(stopOn)
                .baseline(baseline)
                .significance(significance)
                .markTimeout(markTimeout)
                .mark(mark)
                .rules(rules)
                .allowEmpty(allowEmpty)
                .groupAll(groupAll)
                .samples(samples)
                .maxLineLength(maxLineLength)
                .parallelism(parallelism)
                .saveWindow(saveWindow)
                .reportJson(reportJson)
                .reportJunit(reportJunit)
                .reportHtml(reportHtml)
                .build();
    }

    private static void replace(List<String> list, Collection<String> values) {
        list.clear();
        if (values != null) {
            for (String value : values) {
                if (value != null && !value.isBlank()) {
                    list.add(value.strip());
                }
            }
        }
    }
}
