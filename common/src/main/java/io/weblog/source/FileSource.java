package io.weblog.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;

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

    /**
     * Whether the file is read at offsets (in parts, and followed across rotation): a regular file, and also a missing
     * path or a directory, which that reader reports as such. Standard input and a pipe or device ({@code mkfifo},
     * {@code <(zcat access.log.gz)}, {@code /dev/stdin}) are read as streams, from start to end.
     */
    public boolean readsAtOffsets() {
        return path != null && (Files.isRegularFile(path) || !Files.exists(path) || Files.isDirectory(path));
    }

    @Override
    public LogReader newReader(SourceResources resources) {
        if (isStdin()) {
            return new StreamReader(System.in, "standard input")::read;
        }
        if (!readsAtOffsets()) {
            return (splitter, control) -> {
                try (InputStream in = Channels.newInputStream(LocalFileReader.open(path))) {
                    return new StreamReader(in, path.toString()).read(splitter, control);
                } catch (IOException e) {
                    throw new SourceException("cannot read " + path + ": " + e.getMessage(), e);
                }
            };
        }
        LocalFileReader reader = new LocalFileReader(path);
        return (splitter, control) -> {
            if (control.followUntil() != null) {
                return reader.follow(splitter, control.since() != null || control.lookBack() != null, control);
            }
            try (var channel = LocalFileReader.open(path)) {
                return reader.readRange(channel, 0, Long.MAX_VALUE, splitter, control);
            } catch (IOException e) {
                throw new SourceException("cannot read " + path + ": " + e.getMessage(), e);
            }
        };
    }

    @Override
    public String probe(SourceResources resources, Consumer<String> warnings) throws SourceException {
        if (isStdin()) {
            return "standard input, read when the check runs";
        }
        if (!readsAtOffsets()) {
            return Files.isReadable(path) ? "a pipe or device, read as a stream" : "permission denied: " + path;
        }
        try (var channel = LocalFileReader.open(path)) {
            return String.format(Locale.ROOT, "the log has %,d bytes", channel.size());
        } catch (IOException e) {
            throw new SourceException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String displayName() {
        return path == null ? "-" : path.toString();
    }
}
