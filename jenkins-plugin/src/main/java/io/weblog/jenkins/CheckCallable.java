package io.weblog.jenkins;

import hudson.AbortException;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
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
import java.io.PrintStream;
import java.io.Serial;
import java.nio.file.Path;
import jenkins.MasterToSlaveFileCallable;

/**
 * Runs a check where the build runs, on its agent, with the workspace as the directory of local files and reports: it
 * carries the settings with their secrets (Jenkins' own secrets do not decrypt on an agent), prints the engine's events
 * into the build log as they happen, writes the reports, and brings back the verdict as data, which the controller
 * renders itself: it shows no markup an agent made.
 */
final class CheckCallable extends MasterToSlaveFileCallable<Verdict> {
    @Serial
    private static final long serialVersionUID = 1L;
    private static final String PREFIX = "[weblog] ";

    private final CheckSettings settings;
    private final TaskListener listener;

    CheckCallable(CheckSettings settings, TaskListener listener) {
        this.settings = settings;
        this.listener = listener;
    }

    @Override
    public Verdict invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        settings.directory(workspace.getAbsolutePath());
        return check(settings, listener);
    }

    /**
     * Runs the check here and now: on an agent through {@link #invoke}, or on the controller when the build has no
     * workspace.
     *
     * @throws AbortException for a setting the engine refuses, or reports that cannot be written, in its words
     */
    static Verdict check(CheckSettings settings, TaskListener listener)
            throws IOException, InterruptedException {
        PrintStream log = listener.getLogger();
        settings.deleteReports();
        CheckConfig config;
        try {
            config = settings.toConfig();
        } catch (ConfigException e) {
            throw new AbortException("weblogVerify: " + e.explain(FieldNames.of(e.setting())));
        }
        Verdict verdict = Weblog.verify(config,
                new EventLog((level, text) -> log.println(PREFIX + text), EventLog.BUILD_LOG_PROGRESS));
        log.print(TextReport.render(verdict, false));
        try {
            for (Path written : Reports.write(verdict, config.reports())) {
                log.println(PREFIX + "wrote " + written);
            }
        } catch (IOException e) {
            throw new AbortException("weblogVerify: " + e.getMessage());
        }
        return verdict;
    }
}
