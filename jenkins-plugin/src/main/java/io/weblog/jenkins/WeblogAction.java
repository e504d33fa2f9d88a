package io.weblog.jenkins;

import hudson.model.Run;
import io.weblog.report.VerdictSummary;
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
    private final String html;
    private transient Run<?, ?> run;

    WeblogAction(String urlName, VerdictSummary summary) {
        this.urlName = urlName;
        this.outcome = summary.outcome().name();
        this.headline = summary.headline();
        this.html = summary.html();
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

    /** The report, as markup the engine made with every text escaped; the page writes it as it is. */
    public String getHtml() {
        return html;
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
