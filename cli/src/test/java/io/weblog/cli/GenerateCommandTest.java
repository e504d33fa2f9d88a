package io.weblog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {

    @TempDir
    Path dir;

    @Test
    void writesTheSameLogForTheSameSeedAndALogThatVerifies() throws Exception {
        Path first = dir.resolve("a.log");
        Path second = dir.resolve("b.log");
        assertThat(Run.of("generate", "--lines", "2000", "--seed", "7", "--out", first.toString()).exitCode())
                .isZero();
        Run.of("generate", "--lines", "2000", "--seed", "7", "--out", second.toString());
        assertThat(Files.readAllBytes(first)).isEqualTo(Files.readAllBytes(second));
        assertThat(Files.readAllLines(first)).hasSize(2000);
        Run verify = Run.of("verify", "--file", first.toString(), "--rule", "min=2000", "--color", "never");
        assertThat(verify.out()).contains("2,000 read");
    }

    @Test
    void writesAStretchOfServerErrorsThatABaselineCheckFinds() {
        Path log = dir.resolve("release.log");
        assertThat(Run.of("generate", "--lines", "40000", "--format", "caddy", "--server-errors",
                "2024-10-10T11:04:00Z,4m,2%", "--out", log.toString()).exitCode()).isZero();
        Run verify = Run.of("verify", "--file", log.toString(), "--since", "2024-10-10T11:04:00Z", "--until",
                "2024-10-10T11:08:00Z", "--baseline", "before", "--rule", "errors: status=5xx max=+0.5%",
                "--rule", "api: path^=/api/ p95<=1.2x", "--color", "never");
        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.out()).contains("FAILED: 1 of 2 rules failed").contains("(the baseline)")
                .containsPattern("errors +FAIL").containsPattern("api +pass");
        assertThat(Run.of("generate", "--server-errors", "12:00,1h").err())
                .contains("--server-errors '12:00,1h': expected FROM,LENGTH,SHARE");
        assertThat(Run.of("generate", "--server-errors", "2024-10-10T12:00:00Z,1x,1%").err())
                .contains("--server-errors '2024-10-10T12:00:00Z,1x,1%': ");
    }

    @Test
    void refusesANegativeCount() {
        Run run = Run.of("generate", "--lines", "-1");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--lines '-1'");
    }

    @Test
    void makesMissingDirectoriesAndSaysInWordsWhenItCannotWrite() {
        Path nested = dir.resolve("new/dir/access.log");
        assertThat(Run.of("generate", "--lines", "3", "--out", nested.toString()).exitCode()).isZero();
        assertThat(nested).exists();
        Run run = Run.of("generate", "--lines", "3", "--out", dir.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("weblog generate: --out '" + dir + "': names a directory; expected a file"
                + "%nTry 'weblog generate --help' for more information.%n".formatted());
        Path blocked = dir.resolve("a-file");
        assertThat(Run.of("generate", "--lines", "3", "--out", blocked.toString()).exitCode()).isZero();
        Run underAFile = Run.of("generate", "--lines", "3", "--out", blocked.resolve("x.log").toString());
        assertThat(underAFile.exitCode()).isEqualTo(2);
        assertThat(underAFile.err()).startsWith("weblog generate: --out '" + blocked.resolve("x.log")
                + "': cannot write: ");
    }

    @Test
    void namesFormatsAsVerifyDoes() throws Exception {
        Path json = dir.resolve("nginx.json.log");
        assertThat(Run.of("generate", "--lines", "50", "--format", "nginx-json", "--out", json.toString()).exitCode())
                .isZero();
        assertThat(Run.of("verify", "--file", json.toString(), "--format", "nginx-json", "--rule", "min=50", "-q")
                .exitCode()).isZero();
        assertThat(Run.of("generate", "--format", "apache").err()).contains("expected combined, common, "
                + "vhost_combined, caddy or nginx-json");
    }
}
