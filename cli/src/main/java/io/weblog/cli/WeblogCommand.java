package io.weblog.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code weblog} command: passes or fails a deployment on what the web server's access log says. */
@Command(name = "weblog", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Passes or fails a deployment on what the web server's access log says.",
        optionListHeading = "%nOptions:%n", commandListHeading = "%nCommands:%n",
        footerHeading = "%nExit codes:%n",
        footer = {"  0  every rule held", "  1  a rule failed, or the window held no hits",
                  "  2  usage or configuration error", "  3  a source could not be read"})
public final class WeblogCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        Warmup.start();
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code; for tests and embedding. */
    public static int run(String... args) {
        return newCommandLine(args).execute(args);
    }

    /**
     * The configured picocli command line for these arguments. Building a command's model costs picocli tens of
     * milliseconds, so when the first argument names a command only that one is built; otherwise (help, a typo) all
     * are, so that usage lists them.
     */
    static CommandLine newCommandLine(String... args) {
        Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
        commands.put("verify", VerifyCommand::new);
        commands.put("watch", WatchCommand::new);
        commands.put("serve", ServeCommand::new);
        commands.put("demo", DemoCommand::new);
        commands.put("generate", GenerateCommand::new);
        CommandLine commandLine = new CommandLine(new WeblogCommand());
        Supplier<Object> chosen = args.length > 0 ? commands.get(args[0]) : null;
        if (chosen != null) {
            commandLine.addSubcommand(args[0], chosen.get());
        } else {
            commands.forEach((name, command) -> commandLine.addSubcommand(name, command.get()));
            commandLine.addSubcommand("help", new CommandLine.HelpCommand());
        }
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        ExecutionErrors errors = new ExecutionErrors();
        commandLine.setExecutionExceptionHandler(errors);
        commandLine.setParameterExceptionHandler(errors);
        commandLine.setExecutionStrategy(parsed -> {
            ExecutionErrors.rejectEmptyValues(parsed);
            return new CommandLine.RunLast().execute(parsed);
        });
        return commandLine;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: verify, watch, serve, demo or generate");
    }
}
