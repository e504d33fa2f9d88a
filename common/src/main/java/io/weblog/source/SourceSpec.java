package io.weblog.source;

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
}
