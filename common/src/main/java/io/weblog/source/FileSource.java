package io.weblog.source;

import java.nio.file.Path;

/**
 * A log on the local file system, or standard input when the path is {@code -}.
 *
 * @param path the file, or {@code null} for standard input
 */
public record FileSource(Path path) implements SourceSpec {

    /** Standard input. */
    public static FileSource stdin() {
        return new FileSource(null);
    }

    /** Whether this is standard input. */
    public boolean isStdin() {
        return path == null;
    }

    @Override
    public LogReader newReader(SourceResources resources) {
        if (isStdin()) {
            StreamReader reader = new StreamReader(System.in, "standard input");
            return (splitter, control) -> control.followUntil() == null
                    ? reader.readAll(splitter, control) : reader.follow(splitter, control);
        }
        LocalFileReader reader = new LocalFileReader(path);
        return (splitter, control) -> {
            if (control.followUntil() != null) {
                return reader.follow(splitter, control.since() != null, control);
            }
            try (var channel = LocalFileReader.open(path)) {
                return reader.readRange(channel, 0, Long.MAX_VALUE, splitter, control);
            } catch (java.io.IOException e) {
                throw new SourceException("cannot read " + path + ": " + e.getMessage(), e);
            }
        };
    }

    @Override
    public String displayName() {
        return path == null ? "-" : path.toString();
    }
}
