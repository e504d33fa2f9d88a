package io.weblog.report;

import io.weblog.IoMessages;
import io.weblog.ReportTargets;
import io.weblog.check.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Writes the reports a check asked for (JSON, JUnit XML, HTML) to their files, in UTF-8. Each is written to a temporary
 * file next to its target and then moved over it, so a reader (a CI server archiving reports, a browser) never sees
 * half a report, and a failed write leaves the previous report in place.
 */
public final class Reports {
    /** How {@link JsonReport} begins. */
    private static final Pattern EARLIER_JSON =
            Pattern.compile("\\{\\s*\"outcome\": \"(PASSED|FAILED|ERROR)\",\\s*\"summary\": \"");

    private Reports() {
    }

    /**
     * Writes each requested report, creating missing parent directories.
     *
     * @return the paths written, in the order JSON, JUnit, HTML
     * @throws IOException naming the report and its path, such as
     *     {@code cannot write the JUnit report to target/x.xml: ...}; reports before it are written
     */
    public static List<Path> write(Verdict verdict, ReportTargets targets) throws IOException {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(targets, "targets");
        List<Path> written = new ArrayList<>();
        if (targets.json() != null) {
            written.add(write(verdict, targets.json(), "JSON", JsonReport::write));
        }
        if (targets.junit() != null) {
            written.add(write(verdict, targets.junit(), "JUnit", JunitReport::write));
        }
        if (targets.html() != null) {
            written.add(write(verdict, targets.html(), "HTML", HtmlReport::write));
        }
        return List.copyOf(written);
    }

    /**
     * Deletes reports that an earlier check wrote at these paths, so that a check that is refused before it runs (a
     * bad setting) leaves no report that says something else, such as a JSON report that still says PASSED or JUnit
     * XML a CI server shows as green tests. Only a regular file whose beginning shows it is a weblog report is deleted:
     * never a log, a device or a symbolic link; what cannot be read or deleted is left alone.
     *
     * @param files report paths; {@code null} entries are skipped
     */
    public static void deleteEarlier(List<Path> files) {
        for (Path file : files) {
            if (file == null || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try (InputStream in = Files.newInputStream(file)) {
                String start = new String(in.readNBytes(1024), StandardCharsets.UTF_8);
                boolean json = EARLIER_JSON.matcher(start).lookingAt();
                boolean junit = start.startsWith("<?xml ") && start.contains("<property name=\"weblog.outcome\"");
                boolean html = start.startsWith("<!DOCTYPE html>") && start.contains("<title>weblog: ");
                if (json || junit || html) {
                    Files.delete(file);
                }
            } catch (IOException e) {
                // left in place: writing the new report at this path will say what is wrong with it
            }
        }
    }

    @FunctionalInterface
    private interface Report {
        void write(Verdict verdict, Writer out) throws IOException;
    }

    private static Path write(Verdict verdict, Path link, String kind, Report report) throws IOException {
        Path temp = null;
        Path target = link;
        try {
            if (Files.isDirectory(target)) {
                throw new IOException("it is a directory");
            }
            if (Files.isSymbolicLink(link)) {
                target = link.toRealPath();
            }
            Path directory = target.toAbsolutePath().getParent();
            if (directory != null) {
                Files.createDirectories(directory);
            }
            temp = temporary(target);
            try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                report.write(verdict, out);
            }
            move(temp, target);
            temp = null;
            return link;
        } catch (IOException e) {
            throw new IOException("cannot write the " + kind + " report to " + link + ": "
                    + (e instanceof AccessDeniedException ? "permission denied" : IoMessages.describe(e)), e);
        } finally {
            if (temp != null) {
                Files.deleteIfExists(temp);
            }
        }
    }

    private static Path temporary(Path target) {
        String name = "." + target.getFileName() + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(),
                36) + ".tmp";
        return target.resolveSibling(name);
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
