package io.weblog.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** Writes and appends log files for tests. */
public final class TempLogs {
    private TempLogs() {
    }

    /** Writes the lines, each followed by a newline, and returns the path. */
    public static Path write(Path file, String... lines) {
        return write(file, List.of(lines));
    }

    /** Writes the lines, each followed by a newline, and returns the path. */
    public static Path write(Path file, List<String> lines) {
        try {
            Files.write(file, (String.join("\n", lines) + (lines.isEmpty() ? "" : "\n"))
                    .getBytes(StandardCharsets.UTF_8));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends the lines, each followed by a newline, in one write (as a web server does). */
    public static void append(Path file, String... lines) {
        try {
            Files.write(file, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8),
                    StandardOpenOption.APPEND, StandardOpenOption.CREATE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
