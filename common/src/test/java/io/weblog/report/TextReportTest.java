package io.weblog.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.weblog.check.EndReason;
import io.weblog.check.MalformedLine;
import io.weblog.check.Outcome;
import io.weblog.check.RuleResult;
import io.weblog.check.SourceVerdict;
import io.weblog.check.Verdict;
import io.weblog.format.Hit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextReportTest {
    @Test
    void aFailedRuleWithMoreHitsThanSamplesShowsThemByPathWithThePagesThatLinkThere() throws Exception {
        Verdict verdict = io.weblog.Weblog.verify(io.weblog.CheckConfig.builder()
                .file(Verdicts.fixture("shop-access.log")).rule(Verdicts.BROKEN_LINKS).samples(1).build(), null);

        assertThat(TextReport.render(verdict, false)).contains("    by path:\n"
                + "      /cart/old  1 hit, 12:03:09Z, linked from https://shop.example.com/cart (1)\n");
        assertThat(TextReport.render(Verdicts.failing(), false)).as("every hit shown already")
                .doesNotContain("by path");
    }

    private static final String ESC = "\u001b";

    @TempDir
    Path dir;

    @Test
    void headlineSaysHowManyRulesFailedOnWhichSource() throws Exception {
        Verdict verdict = Verdicts.failing();

        assertThat(TextReport.headline(verdict))
                .isEqualTo("FAILED: 2 of 3 rules failed on " + Verdicts.fixture("shop-access.log"));
    }

    @Test
    void headlineOfAPassSaysHowManyHitsTheRulesHeldOver() throws Exception {
        assertThat(TextReport.headline(Verdicts.passing()))
                .isEqualTo("PASSED: all 3 rules held over 5 hits on " + Verdicts.fixture("healthy-access.log"));
    }

    @Test
    void headlineOfAnUnreadableSourceIsItsError() throws Exception {
        assertThat(TextReport.headline(Verdicts.error(dir)))
                .isEqualTo("ERROR: no such file: " + dir.resolve("missing.log"));
    }

    @Test
    void headlineOfAnEmptyWindowSaysThereWereNoHitsFirst() throws Exception {
        assertThat(TextReport.headline(Verdicts.emptyWindow())).startsWith("FAILED: no hits in the window");
    }

    @Test
    void headlineOfAnAllowedEmptyWindowSaysItWasAllowed() throws Exception {
        assertThat(TextReport.headline(Verdicts.emptyWindowAllowed()))
                .startsWith("PASSED: all 2 rules held on ").endsWith(", with no hits in the window (allowed)");
    }

    @Test
    void headlineOfSeveralSourcesCountsThem() throws Exception {
        assertThat(TextReport.headline(Verdicts.twoSources()))
                .isEqualTo("FAILED: 2 of 3 rules failed on 1 of 2 sources");
        assertThat(TextReport.headline(Verdicts.threeSourcesOneUnreadable(dir)))
                .isEqualTo("ERROR: 1 of 3 sources could not be read");
    }

    @Test
    void tableShowsEachRulesResultCountShareAndExpectation() throws Exception {
        String text = TextReport.render(Verdicts.failing(), false);

        assertThat(text).contains("  RULE                RESULT  COUNT  SHARE  EXPECTED\n"
                + "  status=5xx max=0    FAIL        2    20%  max=0\n"
                + "  broken-links        FAIL        2    20%  max=0\n"
                + "  path=/health min=1  pass        2    20%  min=1\n");
    }

    @Test
    void sourceBlockShowsFormatLineCountsAndObservedWindow() throws Exception {
        String text = TextReport.render(Verdicts.failing(), false);

        assertThat(text).contains(Verdicts.fixture("shop-access.log") + "  FAILED  (combined, ")
                .contains("  lines:  11 read: 0 before the window, 10 in it, 0 after it, 1 malformed; 1.2 KiB\n")
                .contains("  window: 2024-10-10T11:55:36Z .. 2024-10-10T12:10:02Z\n")
                .doesNotContain("ended:");
    }

    @Test
    void failedRulesListTheirSamplesWithLineTimeStatusMethodTargetAndReferrer() throws Exception {
        String text = TextReport.render(Verdicts.failing(), false);

        assertThat(text).contains("  FAIL status=5xx max=0: count 2 > max=0:\n"
                + "    line 7  14:05:47+02:00  502 POST /checkout <- https://shop.example.com/cart\n"
                + "    line 9  14:07:30+02:00  503 GET /api/stock\n");
        assertThat(text).doesNotContain("FAIL path=/health");
    }

    @Test
    void samplesSayWhenTheyAreOnlyTheFirstOfMoreHits() throws Exception {
        Hit hit = Verdicts.hit(3, "/a", null, 500, null, "curl", "raw");
        Verdict verdict = Verdicts.failedOn("status=5xx max=0", hit);
        SourceVerdict source = verdict.sources().get(0);
        RuleResult result = new RuleResult(source.rules().get(0).rule(), false, 37, 0.37, List.of(hit));
        Verdict more = Verdicts.single(new SourceVerdict(source.source(), source.outcome(), source.format(),
                List.of(result), source.lines(), source.malformed(), source.window(), source.timeline(),
                source.ended(), null, source.elapsed()), false);

        assertThat(TextReport.render(more, false)).contains("count 37 > max=0, first 1 of 37 hits:\n");
    }

    @Test
    void showsAtMostThreeMalformedLinesAndHowManyThereWere() throws Exception {
        Verdict verdict = Verdicts.failing();
        List<MalformedLine> malformed = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            malformed.add(new MalformedLine(i, i * 10L, "expected '['", "junk " + i));
        }
        SourceVerdict source = Verdicts.change(verdict.sources().get(0), null, malformed, null, null, null);

        String text = TextReport.render(Verdicts.single(source, false), false);

        assertThat(text).contains("  malformed lines (first 3 of 5):\n    line 1: expected '[': junk 1\n")
                .contains("line 3: expected '[': junk 3").doesNotContain("junk 4");
    }

    @Test
    void saysHowReadingEndedWhenItEndedEarly() throws Exception {
        SourceVerdict source = Verdicts.change(Verdicts.failing().sources().get(0), null, null, null,
                EndReason.FAILED_FAST, null);

        assertThat(TextReport.render(Verdicts.single(source, false), false))
                .contains("  ended:  stopped early: a max rule was exceeded (fail-fast)\n");
    }

    @Test
    void unreadableSourceShowsItsErrorAndRulesAsNotJudged() throws Exception {
        String text = TextReport.render(Verdicts.error(dir), false);

        assertThat(text).contains("  error:  no such file: " + dir.resolve("missing.log") + "\n")
                .contains("  status=5xx max=0    ERROR       -      -  max=0\n")
                .doesNotContain("window:");
    }

    @Test
    void emptyWindowSaysItFailsTheCheck() throws Exception {
        String text = TextReport.render(Verdicts.emptyWindow(), false);

        assertThat(text).contains("  window: no hits (requested since 2030-01-01T00:00:00Z)\n")
                .contains("no hits in the window, which fails the check");
    }

    @Test
    void severalSourcesEndWithATableOverAllOfThem() throws Exception {
        String text = TextReport.render(Verdicts.threeSourcesOneUnreadable(dir), false);

        String all = text.substring(text.indexOf("All 3 sources"));
        assertThat(all).startsWith("All 3 sources (16 read: 0 before the window, 15 in it, 0 after it, 1 malformed; 1.7 KiB)\n")
                .contains("  status=5xx max=0    FAIL        2  13.3%  max=0\n")
                .contains("  path=/health min=1  ERROR       4  26.7%  min=1\n");
    }

    @Test
    void longRuleNamesAreCutWithAnEllipsis() throws Exception {
        String longRule = "path^=/a/very/long/path/that/goes/on/and/on/and/on status=5xx max=0";
        Verdict verdict = Verdicts.failedOn(longRule);

        String text = TextReport.render(verdict, false);

        String cut = longRule.substring(0, TextReport.RULE_WIDTH - 3) + "...";
        assertThat(text).contains("  " + cut + "  FAIL  ");
        assertThat(cut).hasSize(TextReport.RULE_WIDTH);
    }

    @Test
    void withoutColourThereIsNoEscapeSequenceAtAll() throws Exception {
        assertThat(TextReport.render(Verdicts.failing(), false)).doesNotContain(ESC);
        assertThat(TextReport.render(Verdicts.threeSourcesOneUnreadable(dir), false)).doesNotContain(ESC);
    }

    @Test
    void withColourPassIsGreenFailIsRedAndTheHeadlineBold() throws Exception {
        String text = TextReport.render(Verdicts.failing(), true);

        assertThat(text).startsWith(ESC + "[1;31mFAILED" + ESC + "[0m" + ESC + "[1m: 2 of 3 rules failed")
                .contains(ESC + "[32mpass" + ESC + "[0m")
                .contains(ESC + "[1;31mFAIL" + ESC + "[0m");
        assertThat(TextReport.render(Verdicts.error(dir), true)).startsWith(ESC + "[1;35mERROR" + ESC + "[0m");
    }

    @Test
    void colourDoesNotShiftTheColumns() throws Exception {
        Verdict verdict = Verdicts.threeSourcesOneUnreadable(dir);
        String plain = TextReport.render(verdict, false);
        String colour = TextReport.render(verdict, true).replaceAll(ESC + "\\[[0-9;]*m", "");

        assertThat(colour).isEqualTo(plain);
    }

    @Test
    void controlCharactersAndEscapeSequencesFromTheLogAreNeutralised() throws Exception {
        Hit hostile = Verdicts.hit(1, "/a\u001b[2J\u0007", "x=\u009b31m", 500, "https://e/\r\n\u202eevil",
                "agent", "raw");
        for (boolean color : new boolean[] {false, true}) {
            String text = TextReport.render(Verdicts.failedOn("status=5xx max=0", hostile), color);
            String withoutOurColours = text.replaceAll(ESC + "\\[[0-9;]*m", "");

            assertThat(withoutOurColours).doesNotContain(ESC, "\u0007", "\u009b", "\r", "\u202e")
                    .contains("GET /a?[2J??x=?31m <- https://e/???evil\n");
            assertThat(withoutOurColours.chars().filter(c -> c < 0x20 && c != '\n')).isEmpty();
        }
    }

    @Test
    void theRealAttackLineComesOutWithoutItsEscapeSequences() throws Exception {
        String text = TextReport.render(Verdicts.failing(), false);

        assertThat(text).contains("404 GET /<script>alert(1)</script>?q=?[31mred"
                        + " <- https://shop.example.com/\"><script>x()</script>\n")
                .doesNotContain(ESC);
    }

    @Test
    void headlineNeverCarriesColourOrControlCharacters() throws Exception {
        Verdict verdict = Verdicts.failing();
        SourceVerdict source = Verdicts.change(verdict.sources().get(0), Outcome.ERROR, null, null, EndReason.ERROR,
                "cannot read \u001b[31mx\u001b[0m");

        assertThat(TextReport.headline(Verdicts.single(source, false))).isEqualTo(
                "ERROR: " + source.source() + ": cannot read ?[31mx?[0m");
    }
    @Test
    void briefGivesTheHeadlineAndEachFailedRuleWithItsFirstSamples() throws Exception {
        String brief = TextReport.brief(Verdicts.failing(), 1);

        assertThat(brief).isEqualTo("FAILED: 2 of 3 rules failed on " + Verdicts.fixture("shop-access.log") + "\n"
                + "  status=5xx max=0: count 2 > max=0, first 1 of 2 hits:\n"
                + "    line 7  14:05:47+02:00  502 POST /checkout <- https://shop.example.com/cart\n"
                + "    by path:\n"
                + "      /checkout  1 hit, linked from https://shop.example.com/cart (1)\n"
                + "      /api/stock  1 hit, without a referrer\n"
                + "  broken-links: count 2 > max=0, first 1 of 2 hits:\n"
                + "    line 6  14:03:09+02:00  404 GET /cart/old <- https://shop.example.com/cart\n"
                + "    by path:\n"
                + "      /cart/old  1 hit, linked from https://shop.example.com/cart (1)\n"
                + "      /<script>alert(1)</script>  1 hit, linked from https://shop.example.com/\"><script>x()</script> (1)\n");
    }

    @Test
    void briefNamesTheSourceOfEachProblemWhenThereAreSeveral() throws Exception {
        String brief = TextReport.brief(Verdicts.threeSourcesOneUnreadable(dir), 0);

        assertThat(brief).isEqualTo("ERROR: 1 of 3 sources could not be read\n"
                + "  " + Verdicts.fixture("shop-access.log") + ": status=5xx max=0: count 2 > max=0\n"
                + "  " + Verdicts.fixture("shop-access.log") + ": broken-links: count 2 > max=0\n"
                + "  " + dir.resolve("missing.log") + ": no such file: " + dir.resolve("missing.log") + "\n");
    }

    @Test
    void briefOfAnEmptyWindowSaysSo() throws Exception {
        assertThat(TextReport.brief(Verdicts.emptyWindow(), 5)).endsWith("\n  no hits in the window: a check that "
                + "saw nothing proves nothing\n  path=/health min=1: count 0 < min=1\n");
    }

    @Test
    void briefOfAPassIsItsHeadline() throws Exception {
        assertThat(TextReport.brief(Verdicts.passing(), 5)).isEqualTo(TextReport.headline(Verdicts.passing()) + "\n");
    }
}
