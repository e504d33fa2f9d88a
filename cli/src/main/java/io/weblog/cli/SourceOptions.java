package io.weblog.cli;

import io.weblog.CheckConfig;
import io.weblog.ConfigException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Where logs are read from and how: the options {@code verify} and {@code watch} share. */
final class SourceOptions {

    @Option(names = "--file", paramLabel = "PATH", order = 1,
            description = "A local log to read (repeatable); - reads standard input.")
    List<String> files = new ArrayList<>();

    @Option(names = "--host", paramLabel = "[USER@]HOST[:PORT]", order = 2,
            description = "A host to read --log on over SSH (repeatable; all are read at once).")
    List<String> hosts = new ArrayList<>();

    @Option(names = "--log", paramLabel = "PATH", order = 3, description = "The log's path on the hosts.")
    String log;

    @Option(names = "--format", paramLabel = "F", order = 4, description = {"The log format: combined, common, "
            + "vhost_combined, nginx, caddy, nginx-json, traefik, an Apache LogFormat string, nginx:<log_format> or "
            + "json:<field>=<key>,...", "Default: recognised from the first lines."})
    String format;

    @Option(names = "--identity", paramLabel = "FILE", order = 10,
            description = "A private key for SSH (repeatable; default: ~/.ssh/id_ed25519, id_ecdsa, id_rsa).")
    List<String> identities = new ArrayList<>();

    @Option(names = "--passphrase-env", paramLabel = "VAR", order = 11,
            description = "The environment variable holding the keys' passphrase.")
    String passphraseEnv;

    @Option(names = "--passphrase-file", paramLabel = "FILE", order = 12,
            description = "A file whose first line is the keys' passphrase.")
    String passphraseFile;

    @Option(names = "--password-env", paramLabel = "VAR", order = 13,
            description = "The environment variable holding the SSH password (never on the command line).")
    String passwordEnv;

    @Option(names = "--password-file", paramLabel = "FILE", order = 14,
            description = "A file whose first line is the SSH password.")
    String passwordFile;

    @Option(names = "--known-hosts", paramLabel = "FILE", order = 15,
            description = "Check host keys against this file (default: ~/.ssh/known_hosts).")
    String knownHosts;

    @Option(names = "--host-key", paramLabel = "SHA256:...", order = 16,
            description = "Accept a host whose key has this fingerprint (repeatable; ssh-keygen -lf prints it).")
    List<String> hostKeys = new ArrayList<>();

    @Option(names = "--accept-new-host-key", order = 17,
            description = "Trust a host not in known_hosts on first sight and record it (a changed key still fails).")
    boolean acceptNewHostKey;

    @Option(names = "--insecure-accept-any-host-key", order = 18,
            description = "Accept any host key unchecked, with a warning every run. For throw-away test hosts only.")
    boolean insecureAcceptAnyHostKey;

    @Option(names = "--jump", paramLabel = "[USER@]HOST[:PORT]", order = 19,
            description = "Connect through this host (repeatable, or comma-separated, in order), like ssh -J.")
    List<String> jumps = new ArrayList<>();

    @Option(names = "--sftp", order = 20,
            description = "Read over SFTP even where a shell is available (it is used anyway where none is).")
    boolean sftp;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", order = 21,
            description = "How long connecting and logging in may take (default: 15s).")
    String connectTimeout;

    @Option(names = "--parallel", paramLabel = "N", order = 22, defaultValue = "16",
            description = "Logs read at once (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--max-line-length", paramLabel = "SIZE", order = 23, defaultValue = "1MiB",
            description = "Longer lines are skipped and counted as malformed (default: ${DEFAULT-VALUE}).")
    String maxLineLength;

    /** Puts these options into a check's configuration. */
    CheckConfig.Builder apply(CheckConfig.Builder builder) throws ConfigException {
        for (String file : files) {
            builder.file(file);
        }
        for (String host : hosts) {
            builder.host(host);
        }
        if (log != null) {
            builder.log(log);
        }
        for (String identity : identities) {
            builder.identity(identity);
        }
        if (passphraseEnv != null) {
            builder.passphraseEnv(passphraseEnv);
        }
        if (passphraseFile != null) {
            builder.passphraseFile(passphraseFile);
        }
        if (passwordEnv != null) {
            builder.passwordEnv(passwordEnv);
        }
        if (passwordFile != null) {
            builder.passwordFile(passwordFile);
        }
        for (String hostKey : hostKeys) {
            builder.hostKey(hostKey);
        }
        for (String jump : jumps) {
            builder.jump(jump);
        }
        return builder.format(format)
                .knownHosts(knownHosts)
                .acceptNewHostKey(acceptNewHostKey)
                .insecureAcceptAnyHostKey(insecureAcceptAnyHostKey)
                .sftp(sftp)
                .connectTimeout(connectTimeout)
                .parallelism(parallel)
                .maxLineLength(maxLineLength);
    }
}
