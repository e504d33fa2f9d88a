package io.weblog.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code weblog} command: passes or fails a deployment on what the web server's access log says. */
@Command(name = "weblog", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Passes or fails a deployment on what the web server's access log says.",
        subcommands = {VerifyCommand.class, GenerateCommand.class, CommandLine.HelpCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  every rule held", "  1  a rule failed, or the window held no hits",
                  "  2  usage or configuration error", "  3  a source could not be read"})
public final class WeblogCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code; for tests and embedding. */
    public static int run(String... args) {
        return newCommandLine().execute(args);
    }

    /** The configured picocli command line. */
    static CommandLine newCommandLine() {
        CommandLine commandLine = new CommandLine(new WeblogCommand());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler(new ExecutionErrors());
        return commandLine;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: verify or generate");
    }
}
