package io.weblog.check;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Saves the raw lines of a window to a file, as they were read, for archiving as a build artifact (what the original
 * weblog's scp variant did, bounded to the window). A failure to write is kept and reported when the source ends.
 */
final class WindowSaver implements AutoCloseable {
    private final Path file;
    private final OutputStream out;
    private IOException failure;

    WindowSaver(Path file) throws IOException {
        this.file = file;
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
    }

    void save(byte[] buffer, int start, int end) {
        if (failure != null) {
            return;
        }
        try {
            out.write(buffer, start, end - start);
            out.write('\n');
        } catch (IOException e) {
            failure = e;
        }
    }

    /** Why saving failed, or {@code null}. */
    String problem() {
        return failure == null ? null : "cannot save the window to " + file + ": " + failure.getMessage();
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            }
        }
    }
}
