package io.weblog.cli;

import io.weblog.CheckConfig;
import io.weblog.ConfigException;
import io.weblog.Weblog;
import io.weblog.check.CheckEvent;
import io.weblog.check.Outcome;
import io.weblog.check.Verdict;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code weblog watch}: a live view of a log, like the original weblog client: by default {@code referrer --> path}
 * for every hit that has a referrer, as it arrives, until interrupted or a stop-on hit.
 */
@Command(name = "watch", mixinStandardHelpOptions = true, versionProvider = Version.class,
        abbreviateSynopsis = true, sortOptions = false, optionListHeading = "%nOptions:%n",
        description = {"Shows hits as they arrive: by default, for each hit with a referrer, 'referrer --> path'.",
            "",
            "Examples:",
            "  weblog watch --host deploy@web1 --log /var/log/nginx/access.log",
            "  weblog watch --file access.log --select 'status=5xx' \\",
            "    --print '{time} {status} {method} {target}'"})
final class WatchCommand implements Callable<Integer> {
    private static final String FOREVER = "3650d";

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    private SourceOptions sources;

    @Option(names = "--select", paramLabel = "SELECTOR", defaultValue = "referrer!=-",
            description = "Which hits to show (filters as in rules; default: ${DEFAULT-VALUE}; '' shows every hit).")
    private String select;

    @Option(names = "--print", paramLabel = "TEMPLATE", defaultValue = "{referrer} --> {path}",
            description = {"What to print per hit (default: ${DEFAULT-VALUE}). Placeholders: {time} {client} {user} "
                    + "{method} {path} {query} {target} {protocol} {status} {bytes} {referrer} {agent} {vhost} "
                    + "{duration} {source} {line}."})
    private String print;

    @Option(names = "--since", paramLabel = "WHEN",
            description = "Show hits from then on first (an ISO-8601 instant or a duration such as 10m), then follow.")
    private String since;

    @Option(names = "--follow", paramLabel = "DURATION",
            description = "Stop after this long (default: until interrupted, or the end of standard input).")
    private String follow;

    @Option(names = "--stop-on", paramLabel = "SELECTOR",
            description = "Stop at the first hit that matches, such as the original client's 'kill' URL: path=/kill.")
    private String stopOn;

    @Override
    public Integer call() throws ConfigException, InterruptedException {
        PrintTemplate template;
        try {
            template = PrintTemplate.parse(print);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--print '" + print + "': " + e.getMessage());
        }
        CheckConfig config = sources.apply(CheckConfig.builder())
                .watch(select)
                .since(since)
                .follow(follow == null ? FOREVER : follow)
                .stopOn(stopOn)
                .allowEmpty(true)
                .build();
        PrintWriter out = spec.commandLine().getOut();
        boolean several = config.sources().size() > 1;
        Console console = new Console(spec.commandLine().getErr(), false, false);
        Verdict verdict = Weblog.verify(config, event -> {
            if (event instanceof CheckEvent.Selected selected) {
                out.println((several ? selected.source() + ": " : "") + template.render(selected.hit()));
                out.flush();
            } else if (!(event instanceof CheckEvent.Progress || event instanceof CheckEvent.Following)) {
                console.onEvent(event);
            }
        });
        if (verdict.outcome() == Outcome.ERROR) {
            return ExitCode.SOURCE;
        }
        return ExitCode.PASSED;
    }
}
