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

    @Option(names = {"--opensearch", "--elasticsearch"}, paramLabel = "URL", order = 30,
            description = "A log store to read the logs from (OpenSearch or Elasticsearch, found out from GET /), "
                    + "such as https://logs.example.com:9200.")
    String store;

    @Option(names = "--index", paramLabel = "PATTERN", order = 31,
            description = "The store's indices to search (default: logs-*).")
    String index;

    @Option(names = "--query", paramLabel = "QUERY", order = 32,
            description = "Only the documents this filter selects, in the store's query-string syntax, such as "
                    + "'service.name:shop AND host.name:web*'.")
    String query;

    @Option(names = "--store-user", paramLabel = "NAME", order = 33,
            description = "Log in to the store as this user (basic authentication), with --store-password-env/-file.")
    String storeUser;

    @Option(names = "--store-password-env", paramLabel = "VAR", order = 34,
            description = "The environment variable holding the store password.")
    String storePasswordEnv;

    @Option(names = "--store-password-file", paramLabel = "FILE", order = 35,
            description = "A file whose first line is the store password.")
    String storePasswordFile;

    @Option(names = "--store-api-key-env", paramLabel = "VAR", order = 36,
            description = "The environment variable holding an API key, id:key or the encoded key (sent as ApiKey).")
    String storeApiKeyEnv;

    @Option(names = "--store-api-key-file", paramLabel = "FILE", order = 37,
            description = "A file whose first line is the API key.")
    String storeApiKeyFile;

    @Option(names = "--store-ca", paramLabel = "FILE", order = 38,
            description = "Trust the certificate authorities in this PEM file for the store's TLS, besides the JVM's.")
    String storeCa;

    @Option(names = "--field", paramLabel = "PART=FIELD", order = 39,
            description = {"Which document field holds a part of a hit, over the Elastic Common Schema's names "
                    + "(repeatable, or comma-separated; alternatives with |, a duration's unit after :), such as "
                    + "referrer=http.request.referrer or duration=event.duration:ns; time=FIELD for the date field."})
    List<String> fields = new ArrayList<>();

    @Option(names = "--line-field", paramLabel = "FIELD", order = 40,
            description = "Where only the raw line was shipped: the field that holds it (message, event.original); "
                    + "the lines are parsed in --format or the format recognised.")
    String lineField;

    @Option(names = "--host-field", paramLabel = "FIELD", order = 41,
            description = "The field whose values get a verdict each, as SSH hosts do (default: host.name); none "
                    + "judges all documents together.")
    String hostField;

    @Option(names = "--store-lag", paramLabel = "DURATION", order = 42,
            description = "How long after its time a document may take to reach the store, shipped and refreshed "
                    + "(default: 5s): following reads that far behind the clock.")
    String storeLag;

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
        for (String field : fields) {
            builder.storeField(field);
        }
        if (storePasswordEnv != null) {
            builder.storePasswordEnv(storePasswordEnv);
        }
        if (storePasswordFile != null) {
            builder.storePasswordFile(storePasswordFile);
        }
        if (storeApiKeyEnv != null) {
            builder.storeApiKeyEnv(storeApiKeyEnv);
        }
        if (storeApiKeyFile != null) {
            builder.storeApiKeyFile(storeApiKeyFile);
        }
        return builder.format(format)
                .knownHosts(knownHosts)
                .acceptNewHostKey(acceptNewHostKey)
                .insecureAcceptAnyHostKey(insecureAcceptAnyHostKey)
                .sftp(sftp)
                .connectTimeout(connectTimeout)
                .store(store)
                .storeIndex(index)
                .storeQuery(query)
                .storeUser(storeUser)
                .storeCa(storeCa)
                .storeLine(lineField)
                .hostField(hostField)
                .storeLag(storeLag)
                .parallelism(parallel)
                .maxLineLength(maxLineLength);
    }
}
