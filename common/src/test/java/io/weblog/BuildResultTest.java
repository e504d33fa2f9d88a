package io.weblog;

import static org.assertj.core.api.Assertions.assertThat;

import io.weblog.check.CheckListener;
import io.weblog.check.Verdict;
import io.weblog.testing.LogLines;
import io.weblog.testing.TempLogs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildResultTest {
    @TempDir
    Path dir;

    private Verdict verdictOf(String rule, String file) throws Exception {
        return Weblog.verify(CheckConfig.builder().file(file).rule(rule).build(), CheckListener.NONE);
    }

    private String log() {
        return TempLogs.write(dir.resolve("access.log"), LogLines.hit().combined(),
                LogLines.hit().get("/broken").status(500).combined()).toString();
    }

    @Test
    void aPassIsASuccessWhateverThePolicy() throws Exception {
        Verdict passed = verdictOf("status=404 max=0", log());

        assertThat(BuildResult.of(passed.outcome(), true)).isEqualTo(BuildResult.SUCCESS);
        assertThat(BuildResult.of(passed.outcome(), false)).isEqualTo(BuildResult.SUCCESS);
    }

    @Test
    void aFailedRuleFailsTheBuildOrOnlyMarksItUnstable() throws Exception {
        Verdict failed = verdictOf("status=5xx max=0", log());

        assertThat(BuildResult.of(failed.outcome(), true)).isEqualTo(BuildResult.FAILURE);
        assertThat(BuildResult.of(failed.outcome(), false)).isEqualTo(BuildResult.UNSTABLE);
    }

    @Test
    void anEmptyWindowCountsAsAFailedRule() throws Exception {
        Verdict empty = Weblog.verify(CheckConfig.builder().file(log()).rule("status=5xx max=0")
                .since("2030-01-01T00:00:00Z").build(), CheckListener.NONE);

        assertThat(BuildResult.of(empty.outcome(), true)).isEqualTo(BuildResult.FAILURE);
        assertThat(BuildResult.of(empty.outcome(), false)).isEqualTo(BuildResult.UNSTABLE);
    }

    @Test
    void aSourceThatCouldNotBeReadIsAnErrorEvenWhenFailedRulesOnlyWarn() throws Exception {
        Verdict unread = verdictOf("status=5xx max=0", dir.resolve("missing.log").toString());

        assertThat(BuildResult.of(unread.outcome(), false)).isEqualTo(BuildResult.ERROR);
        assertThat(BuildResult.of(unread.outcome(), true)).isEqualTo(BuildResult.ERROR);
    }
}
