package io.weblog.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.weblog.check.Outcome;
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
        assertThat(out.substring(failed)).contains("broken-links").containsPattern("from the mark at line \\d+");
        assertThat(out).contains("   > mark sent: GET http://127.0.0.1:")
                .containsPattern("   > the window starts at the mark, line \\d+");
        assertThat(out).contains("   ! ").contains("The first check passed (exit code 0); the second failed "
                + "(exit code 1)");
        assertThat(out).doesNotContain("\u001b[");
    }

    @Test
    void saysPlainlyAndExitsNonZeroWhenTheChecksDoNotEndAsTheStoryHasIt() {
        assertThat(DemoCommand.exitCode(Outcome.PASSED, Outcome.FAILED)).isZero();
        assertThat(DemoCommand.exitCode(Outcome.PASSED, Outcome.PASSED)).isEqualTo(1);
        assertThat(DemoCommand.exitCode(Outcome.FAILED, Outcome.FAILED)).isEqualTo(1);
        assertThat(DemoCommand.exitCode(Outcome.ERROR, Outcome.FAILED)).isEqualTo(3);
        assertThat(DemoCommand.exitCode(Outcome.PASSED, Outcome.ERROR)).isEqualTo(3);
        assertThat(DemoCommand.conclusion(Outcome.PASSED, Outcome.ERROR, Duration.ofSeconds(30)))
                .isEqualTo("The demo did not go as it should: the first check should have passed and ended PASSED "
                        + "(exit code 0); the second should have failed and ended ERROR (exit code 3). The summaries "
                        + "above say why.");
        assertThat(DemoCommand.conclusion(Outcome.PASSED, Outcome.FAILED, Duration.ofMillis(740)))
                .startsWith("The first check passed (exit code 0); the second failed (exit code 1) 0.7 s after");
    }
}
