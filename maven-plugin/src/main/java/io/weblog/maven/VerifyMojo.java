package io.weblog.maven;

import io.weblog.BuildResult;
import io.weblog.CheckConfig;
import io.weblog.CheckSettings;
import io.weblog.ConfigException;
import io.weblog.TrueOrFalse;
import io.weblog.Weblog;
import io.weblog.check.CheckEvent;
import io.weblog.check.Outcome;
import io.weblog.check.Remedy;
import io.weblog.check.Verdict;
import io.weblog.report.EventLog;
import io.weblog.report.Reports;
import io.weblog.report.TextReport;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import javax.inject.Inject;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Reads the web servers' access logs (over SSH, or local files) for a time window and fails the build when a rule
 * about status codes, paths or referrers does not hold: {@code mvn weblog:verify} right after a deploy.
 *
 * <p>A failed rule, or a window without a single hit, fails the build naming the rules, their counts and the first
 * offending hits; a check that cannot look (a bad parameter, no connection, a failed login, an unknown host key) stops
 * it with an error saying why. The verdict is written to {@code reportDirectory} as JSON, surefire's JUnit XML
 * ({@code TEST-weblog.xml}) and HTML. Typed on the command line, the goal runs once per build, as goals that need no
 * POM do; bound to a phase, it runs in every module that has the execution.
 */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true, requiresProject = false)
public class VerifyMojo extends AbstractMojo {
    /**
     * The SSH library logs its start-up at INFO and what it sees go wrong at WARN, with stack traces; the engine says
     * all of it in its own words, so unless the user set a level for the library, it says nothing in the build log.
     */
    private static final String SSH_LIBRARY_LOG_LEVEL = "org.slf4j.simpleLogger.log.org.apache.sshd";
    /** How many offending hits of each failed rule the build's failure message shows. */
    static final int SAMPLES_IN_MESSAGE = 3;

    /**
     * The web servers to read {@code log} on over SSH, as {@code [user@]host[:port]}; all are read at once, each with
     * its own verdict. On the command line: {@code -Dweblog.hosts=deploy@web1,deploy@web2}.
     */
    @Parameter(property = "weblog.hosts")
    List<String> hosts = new ArrayList<>();

    /** The access log's path on the hosts, such as {@code /var/log/nginx/access.log}. */
    @Parameter(property = "weblog.log")
    String log;

    /** Local logs to read instead of (or besides) remote ones; relative paths are taken from the project's directory. */
    @Parameter(property = "weblog.files")
    List<String> files = new ArrayList<>();

    /**
     * The log format: {@code combined}, {@code common}, {@code vhost_combined}, {@code nginx}, {@code caddy},
     * {@code nginx-json}, {@code traefik}, an Apache {@code LogFormat} string, {@code nginx:} and a {@code log_format}
     * string, or {@code json:field=key,...}. Unset: recognised from the first lines.
     */
    @Parameter(property = "weblog.format")
    String format;

    /**
     * The rules, one per rule element, such as {@code status=5xx max=0} or
     * {@code broken-links: status=404 referrer^=https://shop.example.com/ max=0}. Rules hold commas and regular
     * expressions, so they have no comma-separated property: on the command line, give one more rule with
     * {@code -Dweblog.rule=...}, or several with {@code -Dweblog.rule.1=... -Dweblog.rule.2=...} and so on.
     */
    @Parameter
    List<String> rules = new ArrayList<>();

    /**
     * One more rule, besides {@code rules}, such as {@code -Dweblog.rule='status=5xx max=0'}. Maven keeps only the
     * last of two {@code -D} of one name: number several ({@code -Dweblog.rule.1}, {@code -Dweblog.rule.2}, ...).
     */
    @Parameter(property = "weblog.rule")
    String rule;

    /**
     * The start of the window (inclusive): an ISO-8601 instant with a zone, or a duration such as {@code 30m} meaning
     * that long before now.
     */
    @Parameter(property = "weblog.since")
    String since;

    /** The end of the window (exclusive), written like {@code since}. */
    @Parameter(property = "weblog.until")
    String until;

    /**
     * Follow the logs live for this long, such as {@code 2m}, as {@code tail -F} does (across rotation). The build
     * fails at the first hit that breaks a {@code max} rule, without waiting for the window to end.
     */
    @Parameter(property = "weblog.follow")
    String follow;

    /** End the window at the first hit this selector matches, such as {@code path=/deploy-done}. */
    @Parameter(property = "weblog.stopOn")
    String stopOn;

    /**
     * Start the followed window at the line of an HTTP request the build sends to this URL, and end it at a second
     * one's when following ends, such as {@code https://shop.example.com/health}. In the URL, {host} stands for each
     * host, as in http://{host}/health. The build errs when a mark does not appear in the log: a wrong log, a wrong
     * server, or a log that is not written live.
     */
    @Parameter(property = "weblog.mark")
    String mark;

    /**
     * How long a mark may take to appear in the log once it was sent. It is independent of {@code follow}: a start mark
     * is waited for this long even when {@code follow} is shorter, and reading goes on up to this long past
     * {@code follow} for the end mark.
     */
    @Parameter(property = "weblog.markTimeout", defaultValue = "30s")
    String markTimeout;

    /**
     * Judge the window against the time before it, read from the same log: {@code before} (as long as the window,
     * just before it), a duration such as {@code 1h}, or {@code WHEN..WHEN}. Rules then compare with it:
     * {@code max=+0.5%} (at most half a point more of the hits than before), {@code max=2x}, {@code p95<=1.5x}.
     */
    @Parameter(property = "weblog.baseline")
    String baseline;

    /**
     * Fail a rule against the baseline only when chance alone explains the rise less often than this: a p-value such
     * as {@code 0.01} (the default) or {@code 5%}.
     */
    @Parameter(property = "weblog.significance", defaultValue = "0.01")
    String significance;

    /**
     * Pass even when the window holds no hits at all (a check that saw nothing proves nothing): {@code true} or
     * {@code false}, like every yes-or-no parameter here; any other word is refused.
     */
    @Parameter(property = "weblog.allowEmpty", defaultValue = "false")
    String allowEmpty;

    /**
     * Show every rule's hits by path in the reports, with their first and last time and the pages that link to them;
     * without it, only a failed rule's (a broken-link rule shows which links broke, and where).
     */
    @Parameter(property = "weblog.groups", defaultValue = "false")
    String groups;

    /** Offending hits kept per rule and log, in the reports: a whole number from 0 to 10000. */
    @Parameter(property = "weblog.samples", defaultValue = "5")
    String samples;

    /** Longer lines are skipped and counted as malformed: bytes, or with a unit ({@code 64KiB}, {@code 1MiB}). */
    @Parameter(property = "weblog.maxLineLength", defaultValue = "1MiB")
    String maxLineLength = "1MiB";

    /** How many logs are read at once: a whole number from 1 to 1000. */
    @Parameter(property = "weblog.parallelism", defaultValue = "16")
    String parallelism;

    /**
     * Private keys to log in with (Ed25519, ECDSA, RSA; OpenSSH or PEM files). Unset: the user's {@code ~/.ssh/id_*}.
     * A key is better kept in settings.xml: see {@code serverId}.
     */
    @Parameter(property = "weblog.identities")
    List<String> identities = new ArrayList<>();

    /** The known_hosts file host keys are checked against. Unset: {@code ~/.ssh/known_hosts}. */
    @Parameter(property = "weblog.knownHosts")
    String knownHosts;

    /**
     * Accept a host whose key has this fingerprint ({@code SHA256:...}, as {@code ssh-keygen -lf} prints it); several
     * separated by commas.
     */
    @Parameter(property = "weblog.hostKey")
    String hostKey;

    /** Trust a host that is not in known_hosts on first sight and record its key there; a changed key still fails. */
    @Parameter(property = "weblog.acceptNewHostKey", defaultValue = "false")
    String acceptNewHostKey;

    /** Accept any host key without checking it, with a warning in every build. For throw-away test hosts only. */
    @Parameter(property = "weblog.insecureAcceptAnyHostKey", defaultValue = "false")
    String insecureAcceptAnyHostKey;

    /** Connect through these hosts, in order, as {@code ssh -J} does: {@code [user@]host[:port]}, comma-separated. */
    @Parameter(property = "weblog.jump")
    String jump;

    /** How long connecting and logging in may take. */
    @Parameter(property = "weblog.connectTimeout", defaultValue = "15s")
    String connectTimeout = "15s";

    /** Read over SFTP even where a shell is available (it is used anyway where none is). */
    @Parameter(property = "weblog.sftp", defaultValue = "false")
    String sftp;

    /** Save the raw lines of the window to this file, to archive with the build (one file per log). */
    @Parameter(property = "weblog.saveWindow")
    String saveWindow;

    /**
     * The id of the server in settings.xml that holds the SSH credentials: its username (for hosts given without
     * {@code user@}), password (which may be encrypted with {@code mvn --encrypt-password}), privateKey (a path) and
     * passphrase. Passwords never go in the POM or on the command line.
     */
    @Parameter(property = "weblog.serverId")
    String serverId;

    /**
     * Skip the check. The reports an earlier check of this execution left are removed all the same, as after
     * {@code mvn clean}: a CI server that publishes them must not show an earlier build's verdict as this one's.
     */
    @Parameter(property = "weblog.skip", defaultValue = "false")
    String skip;

    /**
     * Whether a failed rule (or an empty window) fails the build. With {@code false} it is logged as a warning and the
     * build goes on; a log that could not be read still stops it.
     */
    @Parameter(property = "weblog.failOnViolation", defaultValue = "true")
    String failOnViolation;

    /**
     * Where the reports go: {@code weblog.json}, {@code TEST-weblog.xml} (surefire's JUnit XML, so CI servers show the
     * rules as tests) and {@code weblog.html}; an execution with an id of its own adds it to the names. Reports an
     * earlier check wrote there are deleted first, so that a check refused for its configuration leaves none behind.
     * Without a POM: {@code target/weblog} in the current directory.
     */
    @Parameter(property = "weblog.reportDirectory", defaultValue = "${project.build.directory}/weblog")
    File reportDirectory;

    @Parameter(defaultValue = "${basedir}", readonly = true)
    File basedir;

    @Parameter(defaultValue = "${settings}", readonly = true)
    Settings settings;

    @Parameter(defaultValue = "${mojoExecution.executionId}", readonly = true)
    String executionId;

    /** The build's user properties ({@code -D}), to name a parameter the way it was given and to read numbered rules. */
    @Parameter(defaultValue = "${session.userProperties}", readonly = true)
    Properties userProperties;

    /** The user's settings.xml, which holds the server that {@code serverId} names. */
    @Parameter(defaultValue = "${session.request.userSettingsFile}", readonly = true)
    File userSettingsFile;

    /**
     * The command line Maven was started with, as its launcher script passes it on ({@code MAVEN_CMD_LINE_ARGS}), or
     * {@code null}: Maven keeps only the last of two {@code -D} of one name, and this is where the first still shows.
     */
    String commandLine = System.getenv("MAVEN_CMD_LINE_ARGS");

    private final SettingsDecrypter decrypter;

    /** Made by Maven, with the decrypter of settings.xml secrets. */
    @Inject
    public VerifyMojo(SettingsDecrypter decrypter) {
        this.decrypter = decrypter;
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        ParameterNames names = new ParameterNames(userProperties);
        CheckSettings reports = new CheckSettings().directory(basedir == null ? null : basedir.getAbsolutePath());
        reportPaths(reports);
        reports.deleteReports();
        if (yes(names, "skip", skip, false)) {
            getLog().info("Skipping the access log check (weblog.skip)");
            return;
        }
        boolean failBuild = yes(names, "failOnViolation", failOnViolation, true);
        System.getProperties().putIfAbsent(SSH_LIBRARY_LOG_LEVEL, "off");
        CheckConfig config = configuration(names);
        Log buildLog = getLog();
        EventLog events = new EventLog((level, text) -> {
            switch (level) {
                case INFO -> buildLog.info(text);
                case WARNING -> buildLog.warn(text);
                case ERROR -> buildLog.error(text);
            }
        }, EventLog.BUILD_LOG_PROGRESS);
        Verdict verdict;
        try {
            // A source's error is said once, in the build's failure message, not also as it happens.
            verdict = Weblog.verify(config, event -> {
                if (!(event instanceof CheckEvent.Finished)) {
                    events.onEvent(event);
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("the access log check was interrupted", e);
        }
        if (verdict.sources().stream().anyMatch(source -> source.outcome() != Outcome.ERROR)) {
            TextReport.render(verdict, false, false).lines().forEach(buildLog::info);
        }
        try {
            for (Path written : Reports.write(verdict, config.reports())) {
                buildLog.info("Wrote " + written);
            }
        } catch (IOException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        judge(verdict, failBuild, advice(verdict, names), buildLog);
    }

    /** {@link #configuration(ParameterNames)}, naming parameters as the build's user properties tell. */
    CheckConfig configuration() throws MojoExecutionException {
        return configuration(new ParameterNames(userProperties));
    }

    /**
     * The check's configuration from the parameters and the settings.xml server.
     *
     * @throws MojoExecutionException naming the parameter as it was given, the value and what is wrong with it
     */
    CheckConfig configuration(ParameterNames names) throws MojoExecutionException {
        CheckSettings check = new CheckSettings()
                .directory(basedir == null ? null : basedir.getAbsolutePath())
                .files(files)
                .hosts(hosts)
                .log(log)
                .format(format)
                .rules(rules(names))
                .since(since)
                .until(until)
                .follow(follow)
                .stopOn(stopOn)
                .baseline(baseline)
                .significance(significance)
                .markTimeout(markTimeout)
                .mark(mark)
                .allowEmpty(allowEmpty)
                .groupAll(groups)
                .samples(samples)
                .maxLineLength(maxLineLength)
                .parallelism(parallelism)
                .knownHosts(knownHosts)
                .hostKeys(hostKey == null ? List.of() : List.of(hostKey.split(",")))
                .acceptNewHostKey(acceptNewHostKey)
                .insecureAcceptAnyHostKey(insecureAcceptAnyHostKey)
                .jump(jump)
                .connectTimeout(connectTimeout)
                .sftp(sftp)
                .saveWindow(saveWindow);
        reportPaths(check);
        List<String> keyFiles = new ArrayList<>(identities);
        if (serverId != null && !serverId.isBlank()) {
            ServerCredentials server = ServerCredentials.of(settings, serverId.strip(), names.of("serverId", serverId),
                    decrypter);
            check.user(server.user()).password(server.password()).passphrase(server.passphrase());
            keyFiles.add(server.privateKey());
        }
        check.identities(keyFiles);
        try {
            return check.toConfig();
        } catch (ConfigException e) {
            throw new MojoExecutionException(e.explain(names.of(e)), e);
        }
    }

    /**
     * The rules: {@code <rules>}, then {@code -Dweblog.rule}, then the numbered ones ({@code -Dweblog.rule.1}, ...).
     * Refuses {@code -Dweblog.rules}, which Maven would otherwise ignore, and two {@code -Dweblog.rule} of which
     * Maven would keep only the last.
     */
    private List<String> rules(ParameterNames names) throws MojoExecutionException {
        String several = "give several rules as -D" + ParameterNames.RULE_PROPERTY + ".1='status=5xx max=0' -D"
                + ParameterNames.RULE_PROPERTY + ".2='status=404 max=0' and so on";
        if (userProperties != null && userProperties.getProperty("weblog.rules") != null) {
            throw new MojoExecutionException("-Dweblog.rules is not read: a rule holds commas itself, so rules have no "
                    + "comma-separated property; " + several + " (or <rules> in the POM)");
        }
        long ruleFlags = commandLine == null ? 0
                : Pattern.compile("(^|\\s)-D\\s*" + Pattern.quote(ParameterNames.RULE_PROPERTY) + "=")
                        .matcher(commandLine).results().count();
        if (ruleFlags > 1) {
            throw new MojoExecutionException("-D" + ParameterNames.RULE_PROPERTY + " is given " + ruleFlags + " times, "
                    + "and Maven keeps only the last of them; " + several);
        }
        List<String> all = new ArrayList<>(rules);
        all.add(rule);
        try {
            all.addAll(names.numberedRules().values());
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        return all;
    }

    /** Reads a yes-or-no parameter strictly: {@code true} or {@code false}, any other word is refused. */
    private static boolean yes(ParameterNames names, String element, String text, boolean unset)
            throws MojoExecutionException {
        try {
            return TrueOrFalse.parse(text, unset, null);
        } catch (ConfigException e) {
            throw new MojoExecutionException(e.explain(names.of(element, text)), e);
        }
    }

    /** Sets where the reports go: this execution's names in the report directory. */
    private void reportPaths(CheckSettings check) {
        String suffix = executionId == null || executionId.equals("default") || executionId.equals("default-cli")
                ? "" : "-" + executionId;
        Path reports = reportDirectory();
        check.reports(reports.resolve("weblog" + suffix + ".json").toString(),
                reports.resolve("TEST-weblog" + suffix + ".xml").toString(),
                reports.resolve("weblog" + suffix + ".html").toString());
    }

    /**
     * The report directory; Maven's stub project of a run without a POM leaves {@code ${project.build.directory}}
     * unresolved, and then it is {@code target/weblog} in the current directory, as in a project.
     */
    private Path reportDirectory() {
        Path base = basedir == null ? Path.of("") : basedir.toPath();
        if (reportDirectory == null || reportDirectory.getPath().contains("${")) {
            return base.resolve("target").resolve("weblog");
        }
        return base.resolve(reportDirectory.toPath());
    }

    /** What the user can do about the verdict, in this plugin's terms: one sentence per remedy the engine found. */
    List<String> advice(Verdict verdict, ParameterNames names) {
        List<String> advice = new ArrayList<>();
        for (Remedy remedy : Remedy.of(verdict)) {
            advice.add(switch (remedy) {
                case TRUST_THE_HOST_KEY -> "To trust the host, check its fingerprint with its owner, then add its key "
                        + "to " + (knownHosts == null ? "~/.ssh/known_hosts" : knownHosts) + " (ssh-keyscan), pin it "
                        + "with " + names.of("hostKey", null) + ", or let this build record it with "
                        + "-Dweblog.acceptNewHostKey=true";
                case GIVE_CREDENTIALS -> serverId == null || serverId.isBlank()
                        ? "To log in, name the <server> of " + settingsFile() + " that holds the user's <privateKey> "
                                + "or <password> with " + names.of("serverId", null) + ", or give keys with "
                                + names.of("identities", null)
                        : "To log in, give the <server> '" + serverId.strip() + "' of " + settingsFile()
                                + " a <privateKey> or a <password>, or give keys with " + names.of("identities", null);
                case ALLOW_AN_EMPTY_WINDOW -> "A window without hits fails the check: look at a longer or busier "
                        + "window, or let an empty one pass with " + names.of("allowEmpty", null) + " set to true";
            });
        }
        return advice;
    }

    private String settingsFile() {
        return userSettingsFile == null ? "settings.xml" : userSettingsFile.getPath();
    }

    /**
     * Maps a verdict onto the build: nothing more to do when it passed (the summary said so); a failed rule or an empty
     * window fails the build ({@link MojoFailureException}), or is only a warning without {@code failOnViolation}; a
     * log that could not be read is an error ({@link MojoExecutionException}). The advice follows the verdict.
     */
    static void judge(Verdict verdict, boolean failOnViolation, List<String> advice, Log buildLog)
            throws MojoExecutionException, MojoFailureException {
        StringBuilder message = new StringBuilder(TextReport.brief(verdict, SAMPLES_IN_MESSAGE).stripTrailing());
        advice.forEach(line -> message.append('\n').append(line));
        switch (BuildResult.of(verdict.outcome(), failOnViolation)) {
            case SUCCESS -> {
            }
            case UNSTABLE -> {
                message.toString().lines().forEach(buildLog::warn);
                buildLog.warn("The build goes on: failOnViolation is false");
            }
            case FAILURE -> throw new MojoFailureException(message.toString());
            case ERROR -> throw new MojoExecutionException(message.toString());
        }
    }
}
