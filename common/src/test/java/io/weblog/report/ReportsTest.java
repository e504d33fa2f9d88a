package io.weblog.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weblog.ReportTargets;
import io.weblog.check.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportsTest {

    @TempDir
    Path dir;

    @Test
    void writesEachRequestedReportCreatingMissingDirectories() throws Exception {
        Verdict verdict = Verdicts.failing();
        ReportTargets targets = new ReportTargets(dir.resolve("a/b/weblog.json"),
                dir.resolve("surefire/TEST-weblog.xml"), dir.resolve("site/weblog.html"));

        List<Path> written = Reports.write(verdict, targets);

        assertThat(written).containsExactly(targets.json(), targets.junit(), targets.html());
        assertThat(Files.readString(targets.json(), StandardCharsets.UTF_8)).isEqualTo(JsonReport.toJson(verdict));
        assertThat(Files.readString(targets.junit(), StandardCharsets.UTF_8)).startsWith("<?xml");
        assertThat(Files.readString(targets.html(), StandardCharsets.UTF_8)).startsWith("<!DOCTYPE html>");
    }

    @Test
    void writesOnlyTheReportsAskedFor() throws Exception {
        ReportTargets targets = new ReportTargets(null, dir.resolve("junit.xml"), null);

        assertThat(Reports.write(Verdicts.passing(), targets)).containsExactly(dir.resolve("junit.xml"));
        assertThat(Reports.write(Verdicts.passing(), ReportTargets.NONE)).isEmpty();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(dir.resolve("junit.xml"));
        }
    }

    @Test
    void replacesAnEarlierReportAndLeavesNoTemporaryFileBehind() throws Exception {
        Path json = dir.resolve("weblog.json");
        Files.writeString(json, "old report, longer than nothing at all ".repeat(1000));

        Reports.write(Verdicts.passing(), new ReportTargets(json, null, null));

        assertThat(Files.readString(json)).startsWith("{\n  \"outcome\": \"PASSED\"");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(json);
        }
    }

    @Test
    void writesThroughASymbolicLinkLeavingTheLinkInPlace() throws Exception {
        Path real = Files.createDirectory(dir.resolve("real")).resolve("weblog.json");
        Files.writeString(real, "old");
        Path link = Files.createSymbolicLink(dir.resolve("weblog.json"), real);

        assertThat(Reports.write(Verdicts.passing(), new ReportTargets(link, null, null))).containsExactly(link);

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).startsWith("{\n  \"outcome\": \"PASSED\"");
    }

    @Test
    void writesUtf8WhateverTheDefaultCharset() throws Exception {
        Path json = dir.resolve("weblog.json");
        Verdict verdict = Verdicts.failedOn("status=5xx max=0",
                Verdicts.hit(1, "/café/€/😀", null, 500, null, null, "raw"));

        Reports.write(verdict, new ReportTargets(json, null, null));

        assertThat(new String(Files.readAllBytes(json), StandardCharsets.UTF_8)).contains("/café/€/😀");
    }

    @Test
    void aFailureNamesTheReportAndItsPath() throws Exception {
        Path blocker = Files.writeString(dir.resolve("target"), "a file where a directory should be");
        Path junit = blocker.resolve("x.xml");

        assertThatThrownBy(() -> Reports.write(Verdicts.passing(), new ReportTargets(null, junit, null)))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot write the JUnit report to " + junit + ": ");
    }

    @Test
    void aDirectoryInTheWayIsNotReplaced() throws Exception {
        Path html = Files.createDirectories(dir.resolve("report.html"));

        assertThatThrownBy(() -> Reports.write(Verdicts.passing(), new ReportTargets(null, null, html)))
                .isInstanceOf(IOException.class)
                .hasMessage("cannot write the HTML report to " + html + ": it is a directory");
        assertThat(html).isDirectory();
    }

    @Test
    void aRelativePathIsWrittenRelativeToTheWorkingDirectory() throws Exception {
        Path relative = Path.of("target", "reports-test", "weblog-" + System.nanoTime() + ".json");
        try {
            assertThat(Reports.write(Verdicts.passing(), new ReportTargets(relative, null, null)))
                    .containsExactly(relative);
            assertThat(relative).isRegularFile();
        } finally {
            Files.deleteIfExists(relative);
        }
    }

    @Test
    void deletesOnlyReportsThatAnEarlierCheckWrote() throws Exception {
        Path json = dir.resolve("weblog.json");
        Path junit = dir.resolve("TEST-weblog.xml");
        Path html = dir.resolve("weblog.html");
        Reports.write(Verdicts.passing(), new io.weblog.ReportTargets(json, junit, html));
        Path log = java.nio.file.Files.writeString(dir.resolve("access.log"), "{\"outcome\": \"not ours\" }\n"
                + io.weblog.testing.LogLines.hit().combined() + "\n");
        Path otherJson = java.nio.file.Files.writeString(dir.resolve("other.json"), "{\"name\": \"x\"}");
        Path link = java.nio.file.Files.createSymbolicLink(dir.resolve("link.json"), dir.resolve("kept.json"));
        java.nio.file.Files.writeString(dir.resolve("kept.json"), java.nio.file.Files.readString(json));

        Reports.deleteEarlier(java.util.Arrays.asList(json, junit, html, log, otherJson, link, null,
                dir.resolve("missing.json"), dir));

        assertThat(json).doesNotExist();
        assertThat(junit).doesNotExist();
        assertThat(html).doesNotExist();
        assertThat(log).exists();
        assertThat(otherJson).exists();
        assertThat(link).exists();
        assertThat(dir.resolve("kept.json")).exists();
        assertThat(dir).isDirectory();
    }
}
