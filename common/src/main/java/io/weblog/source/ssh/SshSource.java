package io.weblog.source.ssh;

import io.weblog.source.LogReader;
import io.weblog.source.SourceException;
import io.weblog.source.SourceResources;
import io.weblog.source.SourceSpec;
import java.util.function.Consumer;

/**
 * A log on a remote host, read over SSH: with POSIX {@code sh} and {@code tail} where the account has a shell, over
 * SFTP where it has not, or from a {@code weblog serve} endpoint.
 *
 * @param host the host
 * @param path the log's path on the host
 * @param settings how to connect
 */
public record SshSource(HostSpec host, String path, SshSettings settings) implements SourceSpec {

    @Override
    public String displayName() {
        return host + ":" + path;
    }

    /** The host's name, for {@code {host}} in a mark's URL. */
    @Override
    public String markHost() {
        return host.host();
    }

    @Override
    public LogReader newReader(SourceResources resources) {
        return new SshLogReader(this, connector(resources));
    }

    @Override
    public String probe(SourceResources resources, Consumer<String> warnings)
            throws SourceException, InterruptedException {
        return new SshLogReader(this, connector(resources)).probe(warnings);
    }

    private SshConnector connector(SourceResources resources) {
        return resources.shared(SshConnector.class, settings, () -> new SshConnector(settings));
    }
}
