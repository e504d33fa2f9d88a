package io.weblog.jenkins;

import com.cloudbees.plugins.credentials.common.StandardUsernameCredentials;
import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.weblog.BuildResult;
import io.weblog.CheckSettings;
import io.weblog.check.Verdict;
import io.weblog.report.VerdictSummary;
import java.io.IOException;

/**
 * One check in one build, for both front doors: gathers the settings and the credentials on the controller, runs the
 * check on the build's agent (or on the controller when there is no workspace), puts the verdict on the build's page,
 * and maps it onto the build's result as the engine's {@link BuildResult} decides. Outside a {@code node} block, where
 * the check runs in the controller's own process, it reads no file the job chose (local logs, a known_hosts file of its
 * own), writes none, and does not log in with the controller's own SSH keys: configuring a job gives no access to the
 * controller.
 */
final class WeblogRun {
    /** How many offending hits of each failed rule the build's failure message shows. */
    static final int SAMPLES_IN_MESSAGE = 3;

    private final WeblogVerifyStep check;
    private final Run<?, ?> run;
    private final FilePath workspace;
    private final TaskListener listener;

    /**
     * @param check the configuration
     * @param run the build
     * @param workspace the build's workspace, or {@code null} for a pipeline step outside {@code node}
     * @param listener the build log
     */
    WeblogRun(WeblogVerifyStep check, Run<?, ?> run, FilePath workspace, TaskListener listener) {
        this.check = check;
        this.run = run;
        this.workspace = workspace;
        this.listener = listener;
    }

    /**
     * Runs the check and puts its verdict on the build's page.
     *
     * @throws AbortException for a configuration the engine refuses, or missing credentials, without a stack trace
     * @throws InterruptedException when the build is aborted; reading stops and no remote process is left
     */
    VerdictSummary verify() throws IOException, InterruptedException {
        CheckSettings settings = check.settings();
        if (check.getCredentialsId() != null) {
            StandardUsernameCredentials credentials = WeblogCredentials.forBuild(check.getCredentialsId(), run);
            WeblogCredentials.applyTo(credentials, settings);
        }
        Verdict verdict;
        if (workspace != null) {
            String reports = check.getReports();
            if (!reports.isEmpty()) {
                settings.reports(reports + "/weblog.json", reports + "/TEST-weblog.xml", reports + "/weblog.html");
            }
            verdict = workspace.act(new CheckCallable(settings, listener));
        } else {
            if (!check.getFiles().isEmpty()) {
                throw new AbortException(Messages.WeblogVerifyStep_FilesNeedWorkspace());
            }
            if (!check.getHostKeyVerification().safeOnTheController()) {
                throw new AbortException(Messages.WeblogVerifyStep_KnownHostsNeedWorkspace());
            }
            verdict = CheckCallable.check(settings.defaultKeys(false), listener);
        }
        VerdictSummary summary = VerdictSummary.of(verdict, SAMPLES_IN_MESSAGE);
        int earlier = run.getActions(WeblogAction.class).size();
        run.addAction(WeblogAction.save(run, earlier == 0 ? "weblog" : "weblog-" + (earlier + 1), summary));
        return summary;
    }

    /**
     * Maps the verdict onto the build: a failed rule (or an empty window) stops the build as a failure, or marks it
     * unstable, as configured; a log that could not be read always stops it.
     *
     * @return the verdict, when the build goes on
     * @throws AbortException with the verdict in a few lines, when the build stops
     */
    VerdictSummary judge(VerdictSummary summary) throws AbortException {
        switch (BuildResult.of(summary.outcome(), check.getResultOnViolation().failsTheBuild())) {
            case SUCCESS -> {
                return summary;
            }
            case UNSTABLE -> {
                listener.getLogger().print(summary.brief());
                run.setResult(Result.UNSTABLE);
                return summary;
            }
            default -> throw new AbortException(summary.brief().stripTrailing());
        }
    }
}
