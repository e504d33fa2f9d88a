package io.weblog.cli;

import io.weblog.CheckConfig;
import io.weblog.ConfigException;
import io.weblog.Weblog;
import io.weblog.check.CheckEvent;
import io.weblog.check.Outcome;
import io.weblog.check.Verdict;
import io.weblog.demo.DemoSite;
import io.weblog.report.TextReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code weblog demo}: everything weblog does, against an embedded shop, with nothing to set up. A live access log is
 * served over SSH by {@code weblog serve}; one check reads back the last minute and passes, then a bad release goes
 * out and a second check, following the log live, fails at the first broken link.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = Version.class,
        optionListHeading = "%nOptions:%n",
        description = {"Shows weblog at work with nothing to set up: an embedded shop writes a live access log, served "
                + "over SSH on 127.0.0.1; weblog checks it before and after a bad release. Takes a few seconds."})
final class DemoCommand implements Callable<Integer> {
    private static final String SERVER_ERRORS = "status=5xx max=0";
    private static final String BROKEN_LINKS = "broken-links: status=404 referrer^=https://" + DemoSite.SITE + "/ max=0";
    private static final String HEALTH = "health: path=/health min=1";

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
            description = "Colour the summaries: auto, always, never.")
    private Console.ColorMode color;

    @Override
    public Integer call() throws IOException, ConfigException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        boolean colored = color.enabled();
        try (DemoSite site = DemoSite.start()) {
            out.println("A demo shop is running: its access log is written as traffic happens, and weblog serve");
            out.println("streams it over SSH on 127.0.0.1 (host key " + site.hostKeyFingerprint() + ").");
            out.println();
            out.println("1. Before the release: the last minute of traffic, read back over SSH.");
            out.println("   weblog verify --host " + site.host() + " --log access.log --since 1m \\");
            out.println("       --rule '" + SERVER_ERRORS + "' --rule '" + BROKEN_LINKS + "' \\");
            out.println("       --rule '" + HEALTH + "'");
            out.println();
            out.flush();
            Verdict before = Weblog.verify(check(site).since("1m").rule(HEALTH).build(), event -> { });
            out.print(indent(TextReport.render(before, colored)));
            out.println();
            out.println("2. A release goes out: it links to a page that does not exist, and starts failing. weblog");
            out.println("   follows the log live for up to 30 seconds from the line of a request it sends to the");
            out.println("   shop (the mark), and fails as soon as the outcome is certain.");
            out.println("   weblog verify --host " + site.host() + " --log access.log --follow 30s \\");
            out.println("       --mark " + site.url() + "/health \\");
            out.println("       --rule '" + SERVER_ERRORS + "' --rule '" + BROKEN_LINKS + "'");
            out.println();
            out.flush();
            Instant deployed = Instant.now();
            site.deploy();
            Verdict after = Weblog.verify(check(site).follow("30s").mark(site.url() + "/health").build(), event -> {
                if (event instanceof CheckEvent.Marked marked) {
                    out.println("   > " + marked.detail());
                    out.flush();
                } else if (event instanceof CheckEvent.Violation violation) {
                    out.println("   ! " + violation.rule().name() + " broken "
                            + seconds(Duration.between(deployed, Instant.now())) + " after the release: "
                            + TextReport.describe(violation.hit()));
                    out.flush();
                }
            });
            out.println();
            out.print(indent(TextReport.render(after, colored)));
            out.println();
            out.println(conclusion(before.outcome(), after.outcome(), after.elapsed()));
            out.flush();
            return exitCode(before.outcome(), after.outcome());
        }
    }

    /** What the demo showed, in one paragraph; says so plainly when the checks did not end as the story has it. */
    static String conclusion(Outcome before, Outcome after, Duration afterTook) {
        if (before == Outcome.PASSED && after == Outcome.FAILED) {
            return "The first check passed (exit code 0); the second failed (exit code 1) " + seconds(afterTook)
                    + " after the release, without waiting for its window to end: a pipeline would have stopped "
                    + "there. Try it on your own logs: weblog verify --help";
        }
        return "The demo did not go as it should: the first check should have passed and ended " + before
                + " (exit code " + ExitCode.of(before) + "); the second should have failed and ended " + after
                + " (exit code " + ExitCode.of(after) + "). The summaries above say why.";
    }

    /** 0 when the story played out (the first check passed, the second failed), else the worse check's exit code. */
    static int exitCode(Outcome before, Outcome after) {
        if (before == Outcome.PASSED && after == Outcome.FAILED) {
            return ExitCode.PASSED;
        }
        if (before == Outcome.ERROR || after == Outcome.ERROR) {
            return ExitCode.SOURCE;
        }
        return ExitCode.FAILED;
    }

    private static CheckConfig.Builder check(DemoSite site) throws ConfigException {
        CheckConfig.Builder builder = CheckConfig.builder().host(site.host()).log(site.log().toString())
                .identity(site.identity().toString()).knownHosts(site.knownHosts().toString()).format("combined");
        return builder.rule(SERVER_ERRORS).rule(BROKEN_LINKS);
    }

    private static String seconds(Duration duration) {
        return String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    private static String indent(String text) {
        return text.lines().map(line -> line.isEmpty() ? line : "   " + line)
                .reduce(new StringBuilder(), (all, line) -> all.append(line).append('\n'), StringBuilder::append)
                .toString();
    }
}
