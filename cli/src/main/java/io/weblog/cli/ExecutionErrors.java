package io.weblog.cli;

import io.weblog.ConfigException;
import io.weblog.Setting;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Words the errors of a command for the person who typed it: a configuration error names the flag, the value and the
 * column, with a caret under it, and exits 2. No stack trace reaches a user for a user's mistake.
 */
final class ExecutionErrors implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception exception, CommandLine commandLine,
            CommandLine.ParseResult parseResult) throws Exception {
        PrintWriter err = commandLine.getErr();
        String command = commandLine.getCommandSpec().qualifiedName();
        if (exception instanceof ConfigException config) {
            err.println(command + ": " + describe(config));
            String pointer = config.pointer();
            if (!pointer.isEmpty()) {
                pointer.lines().forEach(line -> err.println("  " + line));
            }
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

    /** The error as one line: the flag, the value and the problem. */
    static String describe(ConfigException config) {
        String flag = flag(config.setting());
        if (config.input() == null) {
            return config.problem() + " (" + flag + ")";
        }
        String where = config.column() > 0 ? " at column " + config.column() : "";
        return flag + " '" + config.input() + "': " + config.problem() + where;
    }

    /** The flag a setting is given with on the command line. */
    static String flag(Setting setting) {
        return switch (setting) {
            case FILE -> "--file";
            case HOST -> "--host";
            case LOG -> "--log";
            case FORMAT -> "--format";
            case SINCE -> "--since";
            case UNTIL -> "--until";
            case FOLLOW -> "--follow";
            case STOP_ON -> "--stop-on";
            case RULE -> "--rule";
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
            case JUMP -> "--jump";
            case CONNECT_TIMEOUT -> "--connect-timeout";
            case SAVE_WINDOW -> "--save-window";
        };
    }
}
