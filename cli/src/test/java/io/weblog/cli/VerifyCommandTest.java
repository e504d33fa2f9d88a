package io.weblog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.weblog.testing.LogLines;
import io.weblog.testing.TempLogs;
import io.weblog.testing.TestWebServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class VerifyCommandTest {

    @TempDir
    Path dir;

    private Path log(String... lines) {
        return TempLogs.write(dir.resolve("access.log"), lines);
    }

    @Test
    void exitsZeroWhenEveryRuleHoldsAndPrintsTheSummary() {
        Path log = log(LogLines.hit().combined(), LogLines.hit().get("/health").combined());
        Run run = Run.of("verify", "--file", log.toString(), "--rule", "status=5xx max=0", "--rule",
                "path=/health min=1", "--color", "never");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("PASSED").contains("status=5xx max=0").contains("pass");
        assertThat(run.err()).contains("format combined");
        assertThat(run.out()).doesNotContain("\u001b[");
    }

    @Test
    void exitsOneWhenARuleFailsAndShowsTheOffendingHit() {
        Path log = log(LogLines.hit().combined(), LogLines.hit().get("/gone").status(404)
                .referrer("https://shop.example.com/cart").combined());
        Run run = Run.of("verify", "--file", log.toString(), "--rule",
                "broken-links: status=404 referrer^=https://shop.example.com/ max=0");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).startsWith("FAILED").contains("broken-links").contains("line 2").contains("/gone");
    }

    @Test
    void exitsOneForAnEmptyWindowUnlessAllowed() {
        Path log = log(LogLines.hit().at("2020-01-01T00:00:00Z").combined());
        assertThat(Run.of("verify", "--file", log.toString(), "--since", "1h", "--rule", "status=5xx max=0")
                .exitCode()).isEqualTo(1);
        assertThat(Run.of("verify", "--file", log.toString(), "--since", "1h", "--allow-empty", "--rule",
                "status=5xx max=0").exitCode()).isZero();
    }

    @Test
    void exitsTwoForARuleThatDoesNotParseNamingTheFlagAndColumn() {
        Path log = log(LogLines.hit().combined());
        Run run = Run.of("verify", "--file", log.toString(), "--rule", "status=5xx mux=0");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("weblog verify: --rule 'status=5xx mux=0': unknown field 'mux'")
                .contains("at column 12")
                .contains("  status=5xx mux=0" + System.lineSeparator() + "             ^");
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void exitsTwoForBadWindowsAndFormats() {
        Path log = log(LogLines.hit().combined());
        assertThat(Run.of("verify", "--file", log.toString(), "--since", "yesterday", "--rule", "status=5xx max=0")
                .err()).contains("--since 'yesterday'");
        assertThat(Run.of("verify", "--file", log.toString(), "--follow", "10", "--rule", "status=5xx max=0")
                .err()).contains("--follow '10': '10' needs a unit");
        Run format = Run.of("verify", "--file", log.toString(), "--format", "%h %Q", "--rule", "status=5xx max=0");
        assertThat(format.exitCode()).isEqualTo(2);
        assertThat(format.err()).contains("--format '%h %Q': unknown directive %Q");
        Run stopOn = Run.of("verify", "--file", log.toString(), "--stop-on", "path=/x max=0", "--rule",
                "status=5xx max=0");
        assertThat(stopOn.err()).contains("--stop-on 'path=/x max=0'");
    }

    @Test
    void exitsTwoForABaselineThatCannotBeAndARuleThatNeedsOne() {
        Path log = log(LogLines.hit().combined());
        Run noStart = Run.of("verify", "--file", log.toString(), "--baseline", "before", "--rule", "status=5xx max=2x");
        assertThat(noStart.exitCode()).isEqualTo(2);
        assertThat(noStart.err()).contains("--baseline 'before': the baseline is the time before the window")
                .contains("give a start or a time to follow");
        Run noBaseline = Run.of("verify", "--file", log.toString(), "--since", "1h", "--rule", "status=5xx max=2x");
        assertThat(noBaseline.exitCode()).isEqualTo(2);
        assertThat(noBaseline.err()).contains("--rule 'status=5xx max=2x'").contains("give a baseline");
        assertThat(Run.of("verify", "--file", log.toString(), "--since", "1h", "--baseline", "1h",
                "--significance", "5", "--rule", "status=5xx max=2x").err())
                .contains("--significance '5': expected 0.0001 to 0.5");
    }

    @Test
    void exitsThreeWhenTheMarkNeverAppearsInTheLog() {
        Path log = log(LogLines.hit().combined());
        try (TestWebServer elsewhere = TestWebServer.start(dir.resolve("other.log"))) {
            Run run = Run.of("verify", "--file", log.toString(), "--follow", "30s", "--mark",
                    elsewhere.url() + "/health", "--mark-timeout", "1s", "--rule", "status=5xx max=0", "--color",
                    "never");
            assertThat(run.exitCode()).isEqualTo(3);
            assertThat(run.out()).startsWith("ERROR: " + log + ": the mark did not appear in the log within the mark "
                    + "timeout, 1s, of sending GET " + elsewhere.url() + "/health?weblog-mark=");
            assertThat(run.err()).contains("mark sent: GET " + elsewhere.url() + "/health?weblog-mark=")
                    .contains("-start (HTTP 200)").doesNotContain("\tat ");
        }
        assertThat(Run.of("verify", "--help").out().replaceAll("\\s+", " ")).contains("--mark-timeout=DURATION How "
                + "long a mark may take to appear in the log (default 30s); after that, exit 3. It is independent of "
                + "--follow: a start mark is waited for this long even when --follow is shorter");
        Run noFollow = Run.of("verify", "--file", log.toString(), "--mark", "http://127.0.0.1/", "--rule", "min=1");
        assertThat(noFollow.exitCode()).isEqualTo(2);
        assertThat(noFollow.err()).contains("--mark 'http://127.0.0.1/': a mark starts the window when its line "
                + "arrives in the followed log; give a time to follow as well");
    }

    @Test
    void judgesAgainstTheBaselineAndExitsOneForASignificantRise() {
        List<String> lines = new ArrayList<>();
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(40).withNano(0);
        for (int i = 0; i < 2400; i++) {
            boolean after = i >= 1200;
            int status = i % (after ? 20 : 200) == 0 ? 500 : 200;
            lines.add(LogLines.hit().at(start.plusSeconds(i)).get("/p/" + i).status(status).combined());
        }
        Path log = log(lines.toArray(String[]::new));
        Run run = Run.of("verify", "--file", log.toString(), "--since", start.plusSeconds(1200).toInstant().toString(),
                "--baseline", "before", "--rule", "status=5xx max=+0.5%");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("BEFORE").contains("6 (0.5%)")
                .contains("share 5% > 1% allowed (max=+0.5% over 0.5% before), significant:");
    }

    @Test
    void exitsTwoForMissingOrUnknownOptions() {
        Run noRule = Run.of("verify", "--file", "x.log");
        assertThat(noRule.exitCode()).isEqualTo(2);
        assertThat(noRule.err()).contains("--rule");
        Run unknown = Run.of("verify", "--file", "x.log", "--rule", "status=5xx max=0", "--sinse", "1h");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("--sinse");
        assertThat(Run.of("nonsense").exitCode()).isEqualTo(2);
        assertThat(Run.of().exitCode()).isEqualTo(2);
    }

    @Test
    void exitsThreeWhenALogCannotBeRead() {
        Run run = Run.of("verify", "--file", dir.resolve("missing.log").toString(), "--rule", "status=5xx max=0");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).contains("no such file: " + dir.resolve("missing.log"));
    }

    @Test
    void writesEveryReportAskedFor() throws Exception {
        Path log = log(LogLines.hit().status(500).combined());
        Path reports = dir.resolve("reports/weblog");
        Run run = Run.of("verify", "--file", log.toString(), "--rule", "status=5xx max=0",
                "--report-json", reports.resolve("verdict.json").toString(),
                "--report-junit", reports.resolve("TEST-weblog.xml").toString(),
                "--report-html", reports.resolve("weblog.html").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(Files.readString(reports.resolve("verdict.json"))).contains("\"outcome\": \"FAILED\"");
        assertThat(Files.readString(reports.resolve("TEST-weblog.xml"))).contains("<testsuite");
        assertThat(Files.readString(reports.resolve("weblog.html"))).contains("<html");
        assertThat(run.err()).contains("wrote " + reports.resolve("verdict.json"));
    }

    @Test
    void exitsTwoBeforeReadingWhenAReportCannotBeWritten() {
        Path log = log(LogLines.hit().combined());
        Run run = Run.of("verify", "--file", log.toString(), "--rule", "status=5xx max=0", "--report-json",
                dir.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("weblog verify: --report-json '" + dir + "': is a directory; expected a file");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void exitsTwoForAnOptionGivenAnEmptyValueButTakesAnEmptySelect() {
        Path log = log(LogLines.hit().combined());
        Run run = Run.of("verify", "--file", log.toString(), "--rule", "status=5xx max=0", "--follow", "");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo(("weblog verify: --follow is empty; expected DURATION%n"
                + "Try 'weblog verify --help' for more information.%n").formatted());
        assertThat(Run.of("watch", "--file", log.toString(), "--since", "2000-01-01T00:00:00Z", "--follow", "200ms",
                "--select", "", "--print", "{status}").out()).isEqualTo("200%n".formatted());
    }

    @Test
    void saysWhatPicocliFoundWrongInOneLineWithoutTheWholeUsage() {
        Run run = Run.of("verify", "--file", "x", "--rule", "status=5xx max=0", "--samples", "many");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo(("weblog verify: Invalid value for option '--samples': 'many' is not an "
                + "int%nTry 'weblog verify --help' for more information.%n").formatted());
        assertThat(Run.of("verify", "--flie", "x", "--rule", "status=5xx max=0").err()).isEqualTo(("weblog verify: "
                + "unknown option '--flie'%nTry 'weblog verify --help' for more information.%n").formatted());
        assertThat(Run.of("verify", "--bogus").err()).as("not 'Missing required option --rule'")
                .startsWith("weblog verify: unknown option '--bogus'");
        assertThat(Run.of("bogus").err()).startsWith("weblog: unknown command 'bogus'; expected one of verify, watch, "
                + "serve, demo, generate, help");
    }

    @Test
    void printsTheVersionFromEveryCommand() {
        for (String command : List.of("verify", "watch", "serve", "demo", "generate")) {
            assertThat(Run.of(command, "--version").out()).as(command).startsWith("weblog ");
        }
    }

    @Test
    void printsNothingWhenQuiet() {
        Path log = log(LogLines.hit().status(503).combined());
        Run run = Run.of("verify", "--file", log.toString(), "--rule", "status=5xx max=0", "--quiet");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEmpty();
    }

    @Test
    void coloursOnlyWhenAsked() {
        Path log = log(LogLines.hit().combined());
        assertThat(Run.of("verify", "--file", log.toString(), "--rule", "status=5xx max=0", "--color", "always")
                .out()).contains("\u001b[");
    }

    @Test
    void explainsEveryCommandWithHelp() {
        Run top = Run.of("--help");
        assertThat(top.exitCode()).isZero();
        assertThat(top.out()).contains("verify").contains("generate").contains("Exit codes");
        Run verify = Run.of("verify", "--help");
        assertThat(verify.exitCode()).isZero();
        assertThat(verify.out()).contains("--rule").contains("--since").contains("--report-junit")
                .contains("max=N");
        assertThat(Run.of("generate", "--help").out()).contains("--lines");
        assertThat(Run.of("--version").out()).startsWith("weblog");
    }

    /**
     * Indented lines of descriptions and footers (examples, tables) are laid out by hand, so each must fit picocli's
     * 80 columns (a longer one is wrapped mid-word); prose may be longer, picocli wraps it between words. A per cent
     * sign must be escaped, else picocli warns on standard error and prints the raw text.
     */
    @Test
    void laysOutEveryHelpPageCleanlyIn80Columns() {
        PrintStream systemErr = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
        try {
            for (String command : List.of("verify", "watch", "serve", "demo", "generate")) {
                CommandLine.Model.UsageMessageSpec usage =
                        WeblogCommand.newCommandLine(command).getSubcommands().get(command).getCommandSpec().usageMessage();
                for (String line : concat(usage.description(), usage.footer())) {
                    String shown = String.format(line);
                    if (shown.startsWith(" ")) {
                        assertThat(shown.length()).as("%s: %s", command, shown).isLessThanOrEqualTo(80);
                    }
                }
                assertThat(Run.of(command, "--help").exitCode()).isZero();
            }
            assertThat(Run.of("verify", "--help").out()).contains("max=0.5%'").contains("max=P% | min=P%");
        } finally {
            System.setErr(systemErr);
        }
        assertThat(warnings.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    private static List<String> concat(String[] first, String[] second) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(second));
        return all;
    }
}
