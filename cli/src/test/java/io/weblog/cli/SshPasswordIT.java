package io.weblog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.weblog.testing.LogLines;
import io.weblog.testing.OpenSshd;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code weblog verify --password-env VAR} against a real OpenSSH sshd, run as its own process so that the variable is
 * really in its environment (or really not). The password never appears in anything it prints.
 */
class SshPasswordIT {
    private static final String VARIABLE = "WEBLOG_IT_SSH_PASSWORD";

    @TempDir
    Path dir;

    private OpenSshd sshd;
    private Path log;

    @BeforeEach
    void startSshd() {
        sshd = OpenSshd.shared();
        log = sshd.writeLog("password-" + ProcessHandle.current().pid() + ".log",
                List.of(LogLines.hit().combined(), LogLines.hit().get("/broken").status(500).combined()));
    }

    /** What the process printed and how it exited. */
    private record Result(int exitCode, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private Result weblog(String password, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "io.weblog.cli.WeblogCommand"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> environment = builder.environment();
        environment.remove(VARIABLE);
        if (password != null) {
            environment.put(VARIABLE, password);
        }
        Path out = dir.resolve("out-" + System.nanoTime());
        Path err = dir.resolve("err-" + System.nanoTime());
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("weblog did not end within 60 s: " + command);
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private Result verifyWithPasswordFromEnvironment(String password, String rule) throws Exception {
        return weblog(password, "verify", "--host", OpenSshd.USER + "@127.0.0.1:" + sshd.port(), "--log",
                log.toString(), "--password-env", VARIABLE, "--known-hosts", sshd.knownHosts().toString(),
                "--format", "combined", "--color", "never", "--rule", rule);
    }

    @Test
    void logsInWithThePasswordFromTheNamedVariable() throws Exception {
        Result passed = verifyWithPasswordFromEnvironment(OpenSshd.USER_PASSWORD, "path=/broken min=1");
        assertThat(passed.exitCode()).as(passed.toString()).isZero();
        assertThat(passed.out()).startsWith("PASSED");
        assertThat(passed.all()).doesNotContain(OpenSshd.USER_PASSWORD);

        Result failed = verifyWithPasswordFromEnvironment(OpenSshd.USER_PASSWORD, "status=5xx max=0");
        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
        assertThat(failed.all()).doesNotContain(OpenSshd.USER_PASSWORD);
    }

    @Test
    void exitsTwoNamingTheVariableWhenItIsNotSet() throws Exception {
        Result result = verifyWithPasswordFromEnvironment(null, "status=5xx max=0");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.err()).contains("--password-env").contains(VARIABLE).contains("is not set");
        assertThat(result.err()).doesNotContain("Exception");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void exitsThreeForAWrongPasswordNamingWhereItCameFromButNotIt() throws Exception {
        String wrong = "not-the-Pw-" + System.nanoTime();
        Result result = verifyWithPasswordFromEnvironment(wrong, "status=5xx max=0");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.all()).contains("authentication failed").contains("environment variable " + VARIABLE)
                .doesNotContain(wrong).doesNotContain(OpenSshd.USER_PASSWORD);
    }

    @Test
    void keepsThePasswordOutOfEveryReport() throws Exception {
        Path reports = dir.resolve("reports");
        Result result = weblog(OpenSshd.USER_PASSWORD, "verify", "--host", OpenSshd.USER + "@127.0.0.1:" + sshd.port(),
                "--log", log.toString(), "--password-env", VARIABLE, "--known-hosts", sshd.knownHosts().toString(),
                "--rule", "status=5xx max=0", "--report-json", reports.resolve("v.json").toString(),
                "--report-junit", reports.resolve("TEST-weblog.xml").toString(), "--report-html",
                reports.resolve("v.html").toString());
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        for (String name : List.of("v.json", "TEST-weblog.xml", "v.html")) {
            assertThat(Files.readString(reports.resolve(name))).as(name).doesNotContain(OpenSshd.USER_PASSWORD);
        }
        assertThat(result.all()).doesNotContain(OpenSshd.USER_PASSWORD);
    }

    @Test
    void doesNotHangWhenStandardInputStaysOpen() throws Exception {
        // A CI runner may leave standard input open; weblog must neither prompt nor wait for it.
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "io.weblog.cli.WeblogCommand", "verify", "--host",
                OpenSshd.USER + "@127.0.0.1:" + sshd.port(), "--log", log.toString(), "--password-env", VARIABLE,
                "--known-hosts", sshd.knownHosts().toString(), "--rule", "status=5xx max=0"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put(VARIABLE, "wrong-" + System.nanoTime());
        Process process = builder.start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return e.toString();
            }
        });
        try {
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("ended by itself").isTrue();
            assertThat(process.exitValue()).as(output.get()).isEqualTo(3);
        } finally {
            process.getOutputStream().close();
            process.destroyForcibly();
        }
    }
}
