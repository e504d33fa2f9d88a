package io.weblog.cli;

import io.weblog.CheckConfig;
import io.weblog.ConfigException;
import io.weblog.Weblog;
import io.weblog.check.Verdict;
import io.weblog.report.Reports;
import io.weblog.report.TextReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code weblog verify}: checks a log against rules and exits 0, 1, 2 or 3. */
@Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = Version.class,
        abbreviateSynopsis = true, sortOptions = false, optionListHeading = "%nOptions:%n",
        description = {"Reads access logs, counts the hits in a window that each rule selects, and passes or fails.",
            "",
            "Examples:",
            "  weblog verify --file /var/log/nginx/access.log --since 30m \\",
            "    --rule 'status=5xx max=0.5%%' \\",
            "    --rule 'broken-links: status=404 referrer^=https://shop.example.com/ max=0'",
            "  weblog verify --host deploy@web1 --host deploy@web2:2222 \\",
            "    --jump ops@bastion --log /var/log/nginx/access.log --follow 2m \\",
            "    --rule 'status=5xx max=0'"},
        footerHeading = "%nRules:%n",
        footer = {"  [label:] [field op value]... max=N | min=N | max=P%% | min=P%% | pNN<=DURATION",
            "  fields: status path query referrer method agent client vhost user protocol",
            "          duration (with > >= < <=: duration>2s)",
            "  ops:    = != ^= (starts with) ~ (regex) !~",
            "  values: - means absent (referrer=-); status 404  4xx  500-599  301,302,404",
            "",
            "Exit codes: 0 passed, 1 a rule failed or the window was empty,",
            "            2 usage or configuration error, 3 a source could not be read."})
final class VerifyCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    private SourceOptions sources;

    @Option(names = "--since", paramLabel = "WHEN",
            description = "Start of the window (inclusive): an ISO-8601 instant with zone, or a duration such as 30m "
                    + "meaning that long before now.")
    private String since;

    @Option(names = "--until", paramLabel = "WHEN", description = "End of the window (exclusive), like --since.")
    private String until;

    @Option(names = "--follow", paramLabel = "DURATION",
            description = "Follow the log live for this long (like tail -F, across rotation), such as 2m.")
    private String follow;

    @Option(names = "--stop-on", paramLabel = "SELECTOR",
            description = "End the window at the first hit that matches, such as path=/deploy-done.")
    private String stopOn;

    @Option(names = "--mark", paramLabel = "URL",
            description = "Start the followed window at the line of a request weblog sends to this URL, and end it "
                    + "at a second one's, such as https://shop.example.com/health ({host} for each SSH host).")
    private String mark;

    @Option(names = "--mark-timeout", paramLabel = "DURATION",
            description = "How long a mark may take to appear in the log (default 30s); after that, exit 3. It is "
                    + "independent of --follow: a start mark is waited for this long even when --follow is shorter, "
                    + "and reading goes on up to this long past --follow for the end mark.")
    private String markTimeout;

    @Option(names = "--baseline", paramLabel = "BASELINE",
            description = "Judge the window against the time before it, from the same log: 'before' (as long as the "
                    + "window), a duration such as 1h, or WHEN..WHEN; rules then compare with it (max=+0.5%%, "
                    + "max=2x, p95<=1.5x).")
    private String baseline;

    @Option(names = "--significance", paramLabel = "P",
            description = "Fail a rule against the baseline only when chance explains the rise less often than "
                    + "this, such as 0.01 (the default) or 5%%.")
    private String significance;

    @Option(names = "--rule", paramLabel = "RULE", required = true,
            description = "A rule (repeatable), such as 'status=5xx max=0'.")
    private List<String> rules = new ArrayList<>();

    @Option(names = "--allow-empty", description = "Pass even when the window holds no hits at all.")
    private boolean allowEmpty;

    @Option(names = "--groups",
            description = "Show every rule's hits by path (with the pages linking to them), not only a failed rule's.")
    private boolean groups;

    @Option(names = "--report-json", paramLabel = "FILE", description = "Write the verdict as JSON.")
    private String reportJson;

    @Option(names = "--report-junit", paramLabel = "FILE",
            description = "Write JUnit XML: one test case per rule and source.")
    private String reportJunit;

    @Option(names = "--report-html", paramLabel = "FILE",
            description = "Write a self-contained HTML page with hits over time.")
    private String reportHtml;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "5",
            description = "Offending hits to keep per rule (default: ${DEFAULT-VALUE}).")
    private int samples;

    @Option(names = "--save-window", paramLabel = "FILE",
            description = "Save the raw lines of the window, to archive with the build (one file per log).")
    private String saveWindow;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing; the exit code says it all.")
    private boolean quiet;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
            description = "Colour the summary: auto (when a terminal and NO_COLOR is unset or empty), always, never.")
    private Console.ColorMode color;

    @Override
    public Integer call() throws ConfigException, InterruptedException {
        CheckConfig config = sources.apply(CheckConfig.builder())
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
                .groupAll(groups)
                .samples(samples)
                .saveWindow(saveWindow)
                .reportJson(reportJson)
                .reportJunit(reportJunit)
                .reportHtml(reportHtml)
                .build();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Console console = new Console(err, quiet, color.enabled());
        Warmup.stop();
        Verdict verdict = Weblog.verify(config, console);
        if (!quiet) {
            out.print(TextReport.render(verdict, color.enabled()));
            out.flush();
        }
        try {
            for (Path written : Reports.write(verdict, config.reports())) {
                console.note("wrote " + written);
            }
        } catch (IOException e) {
            err.println("weblog verify: " + e.getMessage());
            err.flush();
            return ExitCode.USAGE;
        }
        return ExitCode.of(verdict.outcome());
    }
}
