package io.weblog.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.weblog.check.RuleResult;
import io.weblog.rule.Rule;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WordingTest {

    @Test
    void sharesShowTwoOrThreeSignificantDigits() {
        assertThat(Wording.percent(0.0002)).isEqualTo("0.02%");
        assertThat(Wording.percent(0.001534)).isEqualTo("0.15%");
        assertThat(Wording.percent(0.01534)).isEqualTo("1.53%");
        assertThat(Wording.percent(1.0 / 3)).isEqualTo("33.3%");
        assertThat(Wording.percent(0.5)).isEqualTo("50%");
        assertThat(Wording.percent(0.2)).isEqualTo("20%");
    }

    @Test
    void aJudgedShareHasTheDigitsItsVerdictNeeds() throws Exception {
        RuleResult broken = new RuleResult(Rule.parse("status=404 max=33.33%"), false, 1, 1.0 / 3, List.of());
        assertThat(Wording.judgement(broken)).isEqualTo("share 33.333% > max=33.33%");
        assertThat(Wording.share(broken)).as("the table's SHARE column").isEqualTo("33.333%");
        RuleResult unmet = new RuleResult(Rule.parse("path=/health min=50%"), false, 49_996, 0.49996, List.of());
        assertThat(Wording.judgement(unmet)).isEqualTo("share 49.996% < min=50%");
        RuleResult held = new RuleResult(Rule.parse("status=5xx max=0.5%"), true, 1, 0.0049996, List.of());
        assertThat(Wording.judgement(held)).isEqualTo("share 0.5% <= max=0.5%");
    }

    @Test
    void aShareThatIsNotZeroOrAllNeverLooksLikeIt() {
        assertThat(Wording.percent(1.0 / 1_000_000_000)).isEqualTo("0.0000001%");
        assertThat(Wording.percent(0.999999)).isEqualTo("99.9%");
        assertThat(Wording.percent(0)).isEqualTo("0%");
        assertThat(Wording.percent(1)).isEqualTo("100%");
        assertThat(Wording.percent(Double.NaN)).isEqualTo("-");
    }

    @Test
    void judgementComparesTheMeasureWithTheExpectation() throws Exception {
        assertThat(Wording.judgement(result("status=5xx max=0", false, 3, 0.3))).isEqualTo("count 3 > max=0");
        assertThat(Wording.judgement(result("path=/health min=5", false, 2, 0.2))).isEqualTo("count 2 < min=5");
        assertThat(Wording.judgement(result("status=5xx max=0.5%", false, 61, 0.0061)))
                .isEqualTo("share 0.61% > max=0.5%");
        assertThat(Wording.judgement(result("status=5xx max=0.5%", true, 2, 0.002)))
                .isEqualTo("share 0.2% <= max=0.5%");
        assertThat(Wording.judgement(result("status=200 min=1000", true, 1500, 0.9)))
                .isEqualTo("count 1,500 >= min=1000");
    }

    @Test
    void sizesAndDurationsReadLikeAPersonWouldWriteThem() {
        assertThat(Wording.bytes(512)).isEqualTo("512 B");
        assertThat(Wording.bytes(1249)).isEqualTo("1.2 KiB");
        assertThat(Wording.bytes(211L * 1024 * 1024)).isEqualTo("211.0 MiB");
        assertThat(Wording.seconds(Duration.ofMillis(84))).isEqualTo("0.084 s");
        assertThat(Wording.seconds(null)).isEqualTo("0.000 s");
        assertThat(Wording.count(1234567)).isEqualTo("1,234,567");
    }

    @Test
    void writesDurationsWithThreeSignificantDigitsAndMoreWhereTheyWouldReadAsTheLimit() {
        assertThat(Wording.duration(850)).isEqualTo("850us");
        assertThat(Wording.duration(12_480)).isEqualTo("12.5ms");
        assertThat(Wording.duration(412_345)).isEqualTo("412ms");
        assertThat(Wording.duration(1_234_567)).isEqualTo("1.23s");
        assertThat(Wording.durationAgainst(300_400, 300_000)).isEqualTo("300.4ms");
        assertThat(Wording.durationAgainst(300_000, 300_000)).isEqualTo("300ms");
        assertThat(Wording.durationAgainst(412_345, 300_000)).isEqualTo("412ms");
    }

    private static RuleResult result(String rule, boolean passed, long count, double share) throws Exception {
        return new RuleResult(Rule.parse(rule), passed, count, share, List.of());
    }
}
