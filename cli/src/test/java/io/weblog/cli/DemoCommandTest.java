package io.weblog.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code weblog demo}: the whole tool against an embedded shop, with nothing to set up. */
class DemoCommandTest {

    @Test
    void passesBeforeTheBadReleaseAndFailsAfterItWithinAMinute() {
        Run run = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> Run.of("demo", "--color", "never"));
        assertThat(run.exitCode()).as(run.toString()).isZero();
        String out = run.out();
        int passed = out.indexOf("\n   PASSED");
        int failed = out.indexOf("\n   FAILED");
        assertThat(passed).as("a PASSED summary in:%n%s", out).isPositive();
        assertThat(failed).as("a FAILED summary after the PASSED one in:%n%s", out).isGreaterThan(passed);
        assertThat(out.substring(failed)).contains("broken-links");
        assertThat(out).contains("   ! ").contains("The first check passed (exit code 0); the second failed "
                + "(exit code 1)");
        assertThat(out).doesNotContain("\u001b[");
    }
}
