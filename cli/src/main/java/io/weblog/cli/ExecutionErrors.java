package io.weblog.cli;

import io.weblog.ConfigException;
import io.weblog.Setting;
import io.weblog.StoreSetting;
import java.io.PrintWriter;
import java.util.Set;
import picocli.CommandLine;

/**
 * Words the errors of a command for the person who typed it: a configuration error names the flag, the value and the
 * column, with a caret under it, and exits 2; so does a mistake picocli finds on the command line (an unknown option,
 * a value that is not a number), in one line and a pointer to {@code --help} rather than the whole usage. No stack
 * trace reaches a user for a user's mistake.
 */
final class ExecutionErrors implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
    /** Options whose value may be empty: an empty {@code --select} shows every hit. */
    private static final Set<String> MAY_BE_EMPTY = Set.of("--select");

    @Override
    public int handleParseException(CommandLine.ParameterException exception, String[] args) {
        CommandLine commandLine = exception.getCommandLine();
        PrintWriter err = commandLine.getErr();
        String command = commandLine.getCommandSpec().qualifiedName();
        String unknown = unknownOption(commandLine.getCommandSpec(), args);
        if (commandLine.getCommandSpec().parent() == null && args.length > 0 && !args[0].startsWith("-")
                && exception instanceof CommandLine.UnmatchedArgumentException) {
            err.println(command + ": unknown command '" + args[0] + "'; expected one of "
                    + String.join(", ", commandLine.getSubcommands().keySet()));
        } else if (unknown != null) {
            err.println(command + ": unknown option '" + unknown + "'");
        } else {
            err.println(command + ": " + exception.getMessage());
        }
        CommandLine.UnmatchedArgumentException.printSuggestions(exception, err);
        err.println("Try '" + command + " --help' for more information.");
        err.flush();
        return ExitCode.USAGE;
    }

    /**
     * The first argument that looks like an option and is none of the command's, or {@code null}. picocli reports a
     * missing required option before an unknown one, which sends a user who mistyped {@code --rule} looking for the
     * wrong mistake.
     */
    private static String unknownOption(CommandLine.Model.CommandSpec spec, String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                return null;
            }
            if (i == 0 && arg.equals(spec.name()) || !arg.startsWith("-") || arg.equals("-")) {
                continue;
            }
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            CommandLine.Model.OptionSpec option = spec.findOption(name);
            if (option == null && !name.startsWith("--") && name.length() > 2) {
                option = spec.findOption(name.substring(0, 2));
            }
            if (option == null) {
                return name;
            }
            if (!arg.contains("=") && option.arity().min() > 0) {
                i++;
            }
        }
        return null;
    }

    /**
     * Refuses an option given an empty value, such as {@code --follow ''} from an unset shell variable: the engine
     * takes empty as "not set", which would silently check something else than what was asked.
     */
    static void rejectEmptyValues(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult result = parsed; result != null; result = result.subcommand()) {
            for (CommandLine.Model.OptionSpec option : result.matchedOptions()) {
                if (option.arity().min() > 0 && !MAY_BE_EMPTY.contains(option.longestName())
                        && option.stringValues().stream().anyMatch(String::isBlank)) {
                    throw new CommandLine.ParameterException(result.commandSpec().commandLine(), option.longestName()
                            + " is empty; expected " + option.paramLabel(), option, "");
                }
            }
        }
    }

    @Override
    public int handleExecutionException(Exception exception, CommandLine commandLine,
            CommandLine.ParseResult parseResult) throws Exception {
        PrintWriter err = commandLine.getErr();
        String command = commandLine.getCommandSpec().qualifiedName();
        if (exception instanceof ConfigException config) {
            err.println(command + ": " + config.explain(config.storeSetting() != null ? flag(config.storeSetting())
                    : flag(config.setting())));
            err.println("Try '" + command + " --help' for more information.");
            err.flush();
            return ExitCode.USAGE;
        }
        if (exception instanceof InterruptedException) {
            err.println(command + ": interrupted");
            err.flush();
            return 130;
        }
        throw exception;
    }

    /** The flag a log store's setting is given with on the command line. */
    static String flag(StoreSetting setting) {
        return switch (setting) {
            case URL -> "--opensearch";
            case INDEX -> "--index";
            case QUERY -> "--query";
            case USER -> "--store-user";
            case PASSWORD -> "--store-password-env/--store-password-file";
            case API_KEY -> "--store-api-key-env/--store-api-key-file";
            case CA -> "--store-ca";
            case FIELD -> "--field";
            case LINE -> "--line-field";
            case HOST_FIELD -> "--host-field";
            case LAG -> "--store-lag";
        };
    }

    /** The flag a setting is given with on the command line. */
    static String flag(Setting setting) {
        return switch (setting) {
            case FILE -> "--file";
            case HOST, USER -> "--host";
            case LOG -> "--log";
            case FORMAT -> "--format";
            case SINCE -> "--since";
            case UNTIL -> "--until";
            case FOLLOW -> "--follow";
            case STOP_ON -> "--stop-on";
            case BASELINE -> "--baseline";
            case SIGNIFICANCE -> "--significance";
            case MARK -> "--mark";
            case MARK_TIMEOUT -> "--mark-timeout";
            case RULE -> "--rule";
            case ALLOW_EMPTY -> "--allow-empty";
            case GROUPS -> "--groups";
            case SELECT -> "--select";
            case SAMPLES -> "--samples";
            case MAX_LINE_LENGTH -> "--max-line-length";
            case REPORT_JSON -> "--report-json";
            case REPORT_JUNIT -> "--report-junit";
            case REPORT_HTML -> "--report-html";
            case PARALLELISM -> "--parallel";
            case IDENTITY -> "--identity";
            case PASSWORD -> "--password-env/--password-file";
            case PASSPHRASE -> "--passphrase-env/--passphrase-file";
            case KNOWN_HOSTS -> "--known-hosts";
            case HOST_KEY -> "--host-key";
            case HOST_KEY_POLICY -> "--accept-new-host-key/--insecure-accept-any-host-key";
            case ACCEPT_NEW_HOST_KEY -> "--accept-new-host-key";
            case INSECURE_ACCEPT_ANY_HOST_KEY -> "--insecure-accept-any-host-key";
            case JUMP -> "--jump";
            case CONNECT_TIMEOUT -> "--connect-timeout";
            case SFTP -> "--sftp";
            case SAVE_WINDOW -> "--save-window";
        };
    }
}
