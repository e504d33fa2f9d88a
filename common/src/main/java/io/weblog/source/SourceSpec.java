package io.weblog.source;

import io.weblog.format.LogFormat;
import java.util.function.Consumer;

/** Where a check reads a log from: a value of the configuration, opened only when the check runs. */
public interface SourceSpec {

    /** How the source is named in events and reports: a path, {@code -}, or {@code user@host:path}. */
    String displayName();

    /**
     * A reader for one reading of this source.
     *
     * @param resources what the sources of the check share, such as an SSH client; closed when the check ends
     */
    LogReader newReader(SourceResources resources);

    /**
     * Opens the source as reading it would, and looks at it without reading any of it: for a person testing a
     * configuration before a build uses it.
     *
     * @param resources what the sources of the probe share; closed by the caller
     * @param warnings where to say what a person should know (an insecure host key, say)
     * @return what was found, such as {@code connected, reading with sh and tail; ...; the log has 12.3 MiB}
     * @throws SourceException saying why the source cannot be read, in the words a check would use
     * @throws InterruptedException when the calling thread is interrupted
     */
    String probe(SourceResources resources, Consumer<String> warnings) throws SourceException, InterruptedException;

    /**
     * The format this source's lines are in whatever the check says, or {@code null} when the check's format (or
     * recognising it) applies: a log store's documents arrive as JSON of its own fields.
     */
    default LogFormat format() {
        return null;
    }

    /**
     * What {@code {host}} in a mark's URL stands for with this source, or {@code null} when it names no host: an SSH
     * host's name, a log store's host field value.
     */
    default String markHost() {
        return null;
    }
}
