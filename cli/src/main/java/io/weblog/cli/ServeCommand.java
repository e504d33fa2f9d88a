package io.weblog.cli;

import io.weblog.server.LogServer;
import io.weblog.server.ServerEvent;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code weblog serve}: the original weblog server, made safe. An SSH endpoint that can do one thing: stream one log
 * to the keys in an authorized_keys file. No shell, no other command, no file access, no forwarding, no password.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = Version.class,
        sortOptions = false, optionListHeading = "%nOptions:%n",
        description = {"Serves one log over SSH to the keys in an authorized_keys file, and nothing else: how an "
                + "operator gives CI read access to a log without an account on the box.",
            "",
            "  weblog serve --log /var/log/nginx/access.log --port 2222 \\",
            "    --authorized-keys ci_keys",
            "  ssh -p 2222 web1                  # follow the log from its end",
            "  ssh -p 2222 web1 cat              # the whole log",
            "  ssh -p 2222 web1 since 30m        # from 30 minutes ago on, then follow",
            "  weblog verify --host web1:2222 --log access.log --follow 2m \\",
            "    --rule 'status=5xx max=0'"})
final class ServeCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--log", paramLabel = "PATH", required = true, description = "The log to serve.")
    private Path log;

    @Option(names = "--port", paramLabel = "N", defaultValue = "2222",
            description = "The port to listen on (default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "0.0.0.0",
            description = "The address to listen on (default: ${DEFAULT-VALUE}, every interface).")
    private String bind;

    @Option(names = "--authorized-keys", paramLabel = "FILE", required = true,
            description = "An OpenSSH authorized_keys file: the keys that may read the log (re-read when it changes).")
    private Path authorizedKeys;

    @Option(names = "--host-key", paramLabel = "FILE",
            description = "The server's host key, made on first start (default: ~/.config/weblog/ssh_host_ed25519_key).")
    private Path hostKey;

    @Option(names = {"-q", "--quiet"}, description = "Print only the first line and errors.")
    private boolean quiet;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isReadable(authorizedKeys) || Files.isDirectory(authorizedKeys)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--authorized-keys '" + authorizedKeys
                    + "': no readable authorized_keys file there");
        }
        if (port < 0 || port > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port '" + port
                    + "': expected 0 to 65535");
        }
        Path key = hostKey != null ? hostKey
                : Path.of(System.getProperty("user.home"), ".config", "weblog", "ssh_host_ed25519_key");
        LogServer server = LogServer.builder().log(log.toAbsolutePath()).bind(bind).port(port)
                .authorizedKeys(authorizedKeys).hostKey(key).listener(event -> report(err, event)).build();
        try {
            server.start();
        } catch (IOException | RuntimeException e) {
            err.println("weblog serve: cannot start: " + e.getMessage());
            err.flush();
            return ExitCode.SOURCE;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread onExit = new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "weblog-serve-stop");
        Runtime.getRuntime().addShutdownHook(onExit);
        spec.commandLine().getOut().println("weblog serve: serving " + log.toAbsolutePath() + " on " + bind + ":"
                + server.port() + ", host key " + server.hostKeyFingerprint() + " (" + key + ")");
        spec.commandLine().getOut().flush();
        try {
            stopped.await();
            return ExitCode.PASSED;
        } finally {
            server.close();
            try {
                Runtime.getRuntime().removeShutdownHook(onExit);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running already: it closes the server itself.
            }
        }
    }

    private void report(PrintWriter err, ServerEvent event) {
        if (quiet) {
            return;
        }
        String line;
        if (event instanceof ServerEvent.Refused refused) {
            line = "refused " + refused.user() + " from " + refused.client() + ": " + refused.reason();
        } else if (event instanceof ServerEvent.StreamStarted started) {
            line = started.user() + " from " + started.client() + ": " + started.command();
        } else if (event instanceof ServerEvent.StreamEnded ended) {
            line = ended.user() + " from " + ended.client() + ": " + ended.command() + " ended (" + ended.how()
                    + ", " + ended.bytes() + " bytes)";
        } else {
            return;
        }
        synchronized (err) {
            err.println("weblog serve: " + line);
            err.flush();
        }
    }
}
