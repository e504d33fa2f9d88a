package io.weblog.maven;

import io.weblog.BuildResult;
import io.weblog.CheckConfig;
import io.weblog.CheckSettings;
import io.weblog.ConfigException;
import io.weblog.Weblog;
import io.weblog.check.Verdict;
import io.weblog.report.EventLog;
import io.weblog.report.Reports;
import io.weblog.report.TextReport;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
     * The rules, one per {@code <rule>}, such as {@code status=5xx max=0} or
     * {@code broken-links: status=404 referrer^=https://shop.example.com/ max=0}. Rules hold commas and regular
     * expressions, so they have no comma-separated property: give one more rule on the command line with
     * {@code -Dweblog.rule=...}.
     */
    @Parameter
    List<String> rules = new ArrayList<>();

    /** One more rule, besides {@code rules}, such as {@code -Dweblog.rule='status=5xx max=0'}. */
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
     * one's when following ends, such as {@code https://shop.example.com/health}; {@code {host}} stands for each host
     * ({@code http://{host}/health}). The build errs when a mark does not appear in the log: a wrong log, a wrong
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

    /** Pass even when the window holds no hits at all (a check that saw nothing proves nothing). */
    @Parameter(property = "weblog.allowEmpty", defaultValue = "false")
    boolean allowEmpty;

    /**
     * Show every rule's hits by path in the reports, with their first and last time and the pages that link to them;
     * without it, only a failed rule's (a broken-link rule shows which links broke, and where).
     */
    @Parameter(property = "weblog.groups", defaultValue = "false")
    boolean groups;

    /** Offending hits kept per rule and log, in the reports. */
    @Parameter(property = "weblog.samples", defaultValue = "5")
    int samples = 5;

    /** Longer lines are skipped and counted as malformed: bytes, or with a unit ({@code 64KiB}, {@code 1MiB}). */
    @Parameter(property = "weblog.maxLineLength", defaultValue = "1MiB")
    String maxLineLength = "1MiB";

    /** How many logs are read at once. */
    @Parameter(property = "weblog.parallelism", defaultValue = "16")
    int parallelism = 16;

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
    boolean acceptNewHostKey;

    /** Accept any host key without checking it, with a warning in every build. For throw-away test hosts only. */
    @Parameter(property = "weblog.insecureAcceptAnyHostKey", defaultValue = "false")
    boolean insecureAcceptAnyHostKey;

    /** Connect through these hosts, in order, as {@code ssh -J} does: {@code [user@]host[:port]}, comma-separated. */
    @Parameter(property = "weblog.jump")
    String jump;

    /** How long connecting and logging in may take. */
    @Parameter(property = "weblog.connectTimeout", defaultValue = "15s")
    String connectTimeout = "15s";

    /** Read over SFTP even where a shell is available (it is used anyway where none is). */
    @Parameter(property = "weblog.sftp", defaultValue = "false")
    boolean sftp;

    /** Save the raw lines of the window to this file, to archive with the build (one file per log). */
    @Parameter(property = "weblog.saveWindow")
    String saveWindow;

    /**
     * The {@code <server>} in settings.xml that holds the SSH credentials: {@code <username>} (for hosts given
     * without {@code user@}), {@code <password>} (may be encrypted with {@code mvn --encrypt-password}),
     * {@code <privateKey>} (a path) and {@code <passphrase>}. Passwords never go in the POM or on the command line.
     */
    @Parameter(property = "weblog.serverId")
    String serverId;

    /** Skip the check. */
    @Parameter(property = "weblog.skip", defaultValue = "false")
    boolean skip;

    /**
     * Whether a failed rule (or an empty window) fails the build. With {@code false} it is logged as a warning and the
     * build goes on; a log that could not be read still stops it.
     */
    @Parameter(property = "weblog.failOnViolation", defaultValue = "true")
    boolean failOnViolation = true;

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

    private final SettingsDecrypter decrypter;

    /** Made by Maven, with the decrypter of settings.xml secrets. */
    @Inject
    public VerifyMojo(SettingsDecrypter decrypter) {
        this.decrypter = decrypter;
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping the access log check (weblog.skip)");
            return;
        }
        System.getProperties().putIfAbsent(SSH_LIBRARY_LOG_LEVEL, "off");
        CheckConfig config = configuration();
        Log buildLog = getLog();
        Verdict verdict;
        try {
            verdict = Weblog.verify(config, new EventLog((level, text) -> {
                switch (level) {
                    case INFO -> buildLog.info(text);
                    case WARNING -> buildLog.warn(text);
                    case ERROR -> buildLog.error(text);
                }
            }, EventLog.BUILD_LOG_PROGRESS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("the access log check was interrupted", e);
        }
        TextReport.render(verdict, false).lines().forEach(buildLog::info);
        try {
            for (Path written : Reports.write(verdict, config.reports())) {
                buildLog.info("Wrote " + written);
            }
        } catch (IOException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        judge(verdict, failOnViolation, buildLog);
    }

    /**
     * The check's configuration from the parameters and the settings.xml server.
     *
     * @throws MojoExecutionException naming the parameter, the value and what is wrong with it
     */
    CheckConfig configuration() throws MojoExecutionException {
        List<String> allRules = new ArrayList<>(rules);
        allRules.add(rule);
        List<String> keyFiles = new ArrayList<>(identities);
        CheckSettings check = new CheckSettings()
                .directory(basedir == null ? null : basedir.getAbsolutePath())
                .files(files)
                .hosts(hosts)
                .log(log)
                .format(format)
                .rules(allRules)
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
        String suffix = executionId == null || executionId.equals("default") || executionId.equals("default-cli")
                ? "" : "-" + executionId;
        Path reports = reportDirectory();
        check.reports(reports.resolve("weblog" + suffix + ".json").toString(),
                reports.resolve("TEST-weblog" + suffix + ".xml").toString(),
                reports.resolve("weblog" + suffix + ".html").toString());
        check.deleteReports();
        if (serverId != null && !serverId.isBlank()) {
            ServerCredentials server = ServerCredentials.of(settings, serverId.strip(), decrypter);
            check.user(server.user()).password(server.password()).passphrase(server.passphrase());
            keyFiles.add(server.privateKey());
        }
        check.identities(keyFiles);
        try {
            return check.toConfig();
        } catch (ConfigException e) {
            throw new MojoExecutionException(e.explain(ParameterNames.of(e.setting())), e);
        }
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

    /**
     * Maps a verdict onto the build: nothing more to do when it passed (the summary said so); a failed rule or an empty
     * window fails the build ({@link MojoFailureException}), or is only a warning without {@code failOnViolation}; a
     * log that could not be read is an error ({@link MojoExecutionException}).
     */
    static void judge(Verdict verdict, boolean failOnViolation, Log buildLog)
            throws MojoExecutionException, MojoFailureException {
        String brief = TextReport.brief(verdict, SAMPLES_IN_MESSAGE).stripTrailing();
        switch (BuildResult.of(verdict.outcome(), failOnViolation)) {
            case SUCCESS -> {
            }
            case UNSTABLE -> {
                brief.lines().forEach(buildLog::warn);
                buildLog.warn("The build goes on: failOnViolation is false");
            }
            case FAILURE -> throw new MojoFailureException(brief);
            case ERROR -> throw new MojoExecutionException(brief);
        }
    }
}
