package io.weblog.jenkins;

import hudson.Util;
import hudson.model.Run;
import io.weblog.report.VerdictSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import jenkins.model.RunAction2;

/**
 * The verdict on the build's page: a line in the build's summary, and a page of its own with the rules table, the
 * offending hits and the chart of hits over time, as the engine renders them (no script, styles scoped to the report,
 * every text from the log escaped), so that it shows under Jenkins' Content-Security-Policy.
 */
public final class WeblogAction implements RunAction2 {
    private final String urlName;
    private final String outcome;
    private final String headline;
    private transient Run<?, ?> run;

    private WeblogAction(String urlName, VerdictSummary summary) {
        this.urlName = urlName;
        this.outcome = summary.outcome().name();
        this.headline = summary.headline();
    }

    /**
     * The verdict of a build, its report written beside the build's record (not into it, so that loading a build
     * does not load its report).
     *
     * @throws IOException when the report cannot be written into the build's directory
     */
    static WeblogAction save(Run<?, ?> run, String urlName, VerdictSummary summary) throws IOException {
        Path file = report(run, urlName);
        Files.createDirectories(file.getParent());
        Files.writeString(file, summary.html(), StandardCharsets.UTF_8);
        return new WeblogAction(urlName, summary);
    }

    private static Path report(Run<?, ?> run, String urlName) {
        return run.getRootDir().toPath().resolve("weblog").resolve(urlName + ".html");
    }

    @Override
    public String getIconFileName() {
        return "symbol-analytics";
    }

    @Override
    public String getDisplayName() {
        return Messages.WeblogAction_DisplayName();
    }

    @Override
    public String getUrlName() {
        return urlName;
    }

    /** PASSED, FAILED or ERROR. */
    public String getOutcome() {
        return outcome;
    }

    /** The verdict in one line, such as {@code FAILED: 1 of 2 rules failed on web1:/var/log/nginx/access.log}. */
    public String getHeadline() {
        return headline;
    }

    /**
     * The report, as markup the engine made on the controller from the verdict, with every text escaped; the page
     * writes it as it is.
     */
    public String getHtml() {
        if (run == null) {
            return "";
        }
        try {
            return Files.readString(report(run, urlName), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "<p>" + Util.escape(Messages.WeblogAction_ReportMissing(e.getMessage())) + "</p>";
        }
    }

    /** The build, for the page's side panel. */
    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        run = r;
    }
}
