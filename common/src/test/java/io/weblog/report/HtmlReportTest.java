package io.weblog.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.weblog.check.RuleResult;
import io.weblog.check.SourceVerdict;
import io.weblog.check.Timeline;
import io.weblog.check.Verdict;
import io.weblog.format.Hit;
import io.weblog.rule.Rule;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {

    @TempDir
    Path dir;

    @Test
    void scriptInPathReferrerAndAgentComesOutEscaped() throws Exception {
        String html = html(Verdicts.failing());

        assertThat(html).doesNotContainIgnoringCase("<script")
                .contains("/&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("https://shop.example.com/&quot;&gt;&lt;script&gt;x()&lt;/script&gt;")
                .contains("&lt;script&gt;alert(&#39;agent&#39;)&lt;/script&gt;");
    }

    @Test
    void everyCharacterThatMarkupGivesMeaningToIsEscaped() throws Exception {
        Hit hit = Verdicts.hit(1, "/a\"b'c<d>e&f", null, 500, "<img src=x onerror=alert(1)>", "'\"><svg onload=1>",
                "raw");
        String html = html(Verdicts.failedOn("path=\"/<b>x</b>\" max=0", hit));

        assertThat(html).contains("/a&quot;b&#39;c&lt;d&gt;e&amp;f")
                .contains("&lt;img src=x onerror=alert(1)&gt;")
                .contains("&#39;&quot;&gt;&lt;svg onload=1&gt;")
                .contains("path=&quot;/&lt;b&gt;x&lt;/b&gt;&quot; max=0")
                .doesNotContain("<img", "<b>x", "<svg onload");
    }

    @Test
    void controlCharactersFromTheLogDoNotReachThePage() throws Exception {
        String html = html(Verdicts.failing());

        assertThat(html).doesNotContain("\u001b", "\u0007", "\u009b");
        assertThat(html.chars().filter(c -> c < 0x20 && c != '\n')).isEmpty();
    }

    @Test
    void isOneSelfContainedPageWithoutScriptOrExternalResources() throws Exception {
        String html = html(Verdicts.failing());

        assertThat(html).startsWith("<!DOCTYPE html>\n<html lang=\"en\">").endsWith("</html>\n")
                .contains("<meta charset=\"utf-8\">", "<style>", "default-src 'none'")
                .doesNotContain("<link", " src=", " href=", "url(", "@import", "<iframe", "<object");
        assertThat(html.replace("xmlns=\"http://www.w3.org/2000/svg\"", ""))
                .doesNotContainPattern("=\"https?:");
    }

    @Test
    void showsTheOutcomeBannerAndThePerSourceVerdictTable() throws Exception {
        String html = html(Verdicts.failing());

        assertThat(html).contains("<header class=\"banner failed\">\n<h1>FAILED</h1>\n<p>2 of 3 rules failed on ")
                .contains("<tr><td class=\"wrap\"><code>status=5xx max=0</code></td><td class=\"fail\">FAIL</td>"
                        + "<td class=\"num\">2</td><td class=\"num\">20%</td><td><code>max=0</code></td></tr>")
                .contains("<td class=\"pass\">pass</td>")
                .contains("<dt>Lines</dt><dd>11 read: 0 before the window, 10 in it, 0 after it, 1 malformed; 1.2 KiB</dd>")
                .contains("<dt>Window</dt><dd>2024-10-10T11:55:36Z .. 2024-10-10T12:10:02Z</dd>");
    }

    @Test
    void showsTheSamplesOfFailedRulesAndTheMalformedLines() throws Exception {
        String html = html(Verdicts.failing());

        assertThat(html).contains("<h3>Failed: <code>status=5xx max=0</code></h3>")
                .contains("<h3>Failed: <code>broken-links</code></h3>")
                .doesNotContain("<h3>Failed: <code>path=/health min=1</code></h3>")
                .contains("2024-10-10T14:05:47+02:00").contains("/checkout")
                .contains("<h3>Malformed lines</h3>").contains("this is not a log line");
    }

    @Test
    void chartsHitsOverTimeAsStackedBarsWithLegendAndTimeLabels() throws Exception {
        String html = html(Verdicts.failing());

        assertThat(html).contains("<svg class=\"chart\"").contains("aria-label=\"Hits over time by status class\"");
        for (String label : List.of(">2xx<", ">3xx<", ">4xx<", ">5xx<", ">other<")) {
            assertThat(html).contains(label);
        }
        assertThat(html).contains(">2024-10-10 11:55<", ">12:03<", ">12:11<", "UTC, 1 min per bar")
                .contains("fill=\"#2da44e\"", "fill=\"#d1242f\"", "fill=\"#f08c00\"", "fill=\"#3b82f6\"")
                .contains("<title>2024-10-10 12:05 to 12:06 UTC: 1 hit, 5xx 1; status=5xx max=0 1 (100%); "
                        + "broken-links 0 (0%)</title>");
        assertThat(bars(html)).isEqualTo(10);
        assertThat(html).as("each failed rule's share of hits over time, with its scale and legend")
                .contains("<polyline class=\"rate\"", "stroke=\"#6f42c1\"", "stroke=\"#0a3069\"",
                        ">status=5xx max=0 (% of hits)<", ">broken-links (% of hits)<", ">100%<");
    }

    @Test
    void drawsTheBaselineBesideTheWindowWithTheShareOfTheRulesHitsSoThatARiseShows() throws Exception {
        Instant before = Instant.parse("2024-10-10T11:00:00Z");
        Instant window = Instant.parse("2024-10-10T12:00:00Z");
        List<Timeline.Bucket> baseline = new ArrayList<>();
        List<Timeline.Bucket> buckets = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            baseline.add(new Timeline.Bucket(before.plusSeconds(60L * i), 0, 398, 0, 0, 2, 0, new long[] {1, 2}));
            buckets.add(new Timeline.Bucket(window.plusSeconds(60L * i), 0, 392, 0, 0, 8, 0, new long[] {8, 8}));
        }
        Timeline timeline = new Timeline(Duration.ofMinutes(1), buckets, baseline);
        List<RuleResult> rules = List.of(
                new RuleResult(Rule.parse("errors: status=5xx max=+0.5%"), false, 480, 0.02, List.of()),
                new RuleResult(Rule.parse("status=5xx max=1000"), true, 480, 0.02, List.of()));

        String svg = TimelineChart.svg(timeline, rules);

        assertThat(svg).contains("aria-label=\"Hits over time by status class, the baseline beside the window\"")
                .contains(">before (baseline)<", ">window<", ">2024-10-10 11:00<", ">12:00<", ">13:00<")
                .contains("<g fill-opacity=\"0.45\"><title>before: 2024-10-10 11:00 to 11:01 UTC: 400 hits")
                .contains("; errors 1 (0.25%)</title>").contains("; errors 8 (2%)</title>")
                .contains(">errors (% of hits)<").doesNotContain("status=5xx max=1000 (% of hits)")
                .contains(">2%<").contains(">1%<");
        assertThat(svg.split("<polyline", -1)).as("the baseline's line and the window's").hasSize(3);
        assertThat(svg.split("fill-opacity=\"0.45\"", -1)).hasSize(61);
    }

    @Test
    void aLongTimelineIsRegroupedIntoAtMost120Bars() throws Exception {
        List<Timeline.Bucket> buckets = new ArrayList<>();
        Instant start = Instant.parse("2024-10-10T00:00:00Z");
        for (int i = 0; i < 1500; i++) {
            buckets.add(new Timeline.Bucket(start.plusSeconds(60L * i), 0, 10, 1, i > 1400 ? 5 : 0, i > 1450 ? 3 : 0,
                    0));
        }
        SourceVerdict source = Verdicts.change(Verdicts.failing().sources().get(0), null, null,
                new Timeline(Duration.ofMinutes(1), buckets), null, null);

        String html = html(Verdicts.single(source, false));

        assertThat(bars(html)).isEqualTo(100);
        assertThat(html).contains("UTC, 15 min per bar").contains(">2024-10-10 00:00<").contains(">2024-10-11 01:00<");
    }

    @Test
    void gapsInTheLogStayGapsInTheChart() {
        Instant start = Instant.parse("2024-10-10T12:00:00Z");
        Timeline timeline = new Timeline(Duration.ofMinutes(1), List.of(
                new Timeline.Bucket(start, 0, 1, 0, 0, 0, 0),
                new Timeline.Bucket(start.plusSeconds(600), 0, 0, 0, 0, 2, 0)));

        TimelineBars bars = TimelineBars.of(timeline, 120);

        assertThat(bars.bars()).hasSize(11);
        assertThat(bars.bars().get(5).total()).isZero();
        assertThat(bars.bars().get(10).counts()).containsExactly(0, 0, 0, 2, 0);
        assertThat(bars.width()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void aTimelineWithOneBucketOrAnOddBucketWidthStillDraws() {
        Instant start = Instant.parse("2024-10-10T12:00:07Z");
        Timeline one = new Timeline(Duration.ofMinutes(1), List.of(new Timeline.Bucket(start, 0, 0, 0, 0, 0, 1)));
        Timeline zero = new Timeline(Duration.ZERO, List.of(new Timeline.Bucket(start, 1, 0, 0, 0, 0, 0),
                new Timeline.Bucket(start.plusSeconds(3), 0, 0, 0, 0, 0, 1)));

        assertThat(TimelineChart.svg(one)).contains("fill=\"#8c959f\"").contains("UTC, 1 min per bar");
        assertThat(TimelineChart.svg(zero)).contains("UTC, 1 s per bar").contains(">2024-10-10 12:00:07<");
        assertThat(TimelineChart.svg(Timeline.EMPTY)).isNull();
    }

    @Test
    void anUnreadableSourceShowsItsErrorAndNoChart() throws Exception {
        String html = html(Verdicts.error(dir));

        assertThat(html).contains("<header class=\"banner error\">")
                .contains("<dd class=\"error-message\">no such file: " + dir.resolve("missing.log") + "</dd>")
                .contains("<td class=\"err\">ERROR</td><td class=\"num\">-</td><td class=\"num\">-</td>")
                .doesNotContain("<svg");
    }

    @Test
    void anEmptyWindowSaysItFailsTheCheck() throws Exception {
        String html = html(Verdicts.emptyWindow());

        assertThat(html).contains("No hits in the window, which fails the check.").doesNotContain("<svg");
    }

    @Test
    void aPassingVerdictHasAGreenBannerAndNoSamples() throws Exception {
        String html = html(Verdicts.passing());

        assertThat(html).contains("<header class=\"banner passed\">").doesNotContain("<h3>Failed:");
    }

    @Test
    void severalSourcesStartWithATableOverAllOfThem() throws Exception {
        String html = html(Verdicts.threeSourcesOneUnreadable(dir));

        assertThat(html).contains("<h2>All 3 sources</h2>");
        assertThat(html.indexOf("<h2>All 3 sources</h2>")).isLessThan(html.indexOf("healthy-access.log"));
        assertThat(html.split("<section>", -1)).hasSize(5);
    }

    @Test
    void aFragmentForAnotherPageHoldsTheSameReportWithItsStyleScopedToItself() throws Exception {
        String fragment = HtmlReport.fragment(Verdicts.failing());

        assertThat(fragment).startsWith("<div class=\"weblog-report\">\n<style>\n").endsWith("</div>\n")
                .contains("<header class=\"banner failed\">\n<h1>FAILED</h1>")
                .contains("<svg class=\"chart\"")
                .contains("<td class=\"fail\">FAIL</td>")
                .contains("/&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContainIgnoringCase("<script")
                .doesNotContain("<html", "<body", "<head>", "<meta", " src=", " href=", "url(", "@import");
        assertThat(fragment).doesNotContainPattern("(?i)\\son[a-z]+\\s*=");
        String style = fragment.substring(fragment.indexOf("<style>"), fragment.indexOf("</style>"));
        assertThat(style.lines().filter(line -> line.contains("{")))
                .allMatch(line -> line.strip().startsWith(".weblog-report "), "every rule is scoped");
        assertThat(style).doesNotContain("body", ":root", "footer");
    }

    @Test
    void scopingPutsEverySelectorOfEveryRuleUnderTheScope() {
        assertThat(HtmlReport.scoped("  h2, th.num { x: 1; }\n  .a { y: 2;\n  z: 3; } .b { w: 4; }\n", ".s"))
                .isEqualTo("  .s h2, .s th.num { x: 1; }\n  .s .a { y: 2;\n  z: 3; } .s .b { w: 4; }\n");
    }

    private static String html(Verdict verdict) throws Exception {
        StringWriter out = new StringWriter();
        HtmlReport.write(verdict, out);
        return out.toString();
    }

    @Test
    void aFailedRuleShowsItsHitsByPathInATable() throws Exception {
        String html = html(Verdicts.failing());

        assertThat(html).contains("<h3>By path: <code>broken-links</code></h3>")
                .contains("<td class=\"wrap mono\">/cart/old</td><td class=\"num\">1</td>");
    }

    private static int bars(String html) {
        Matcher matcher = Pattern.compile("<g><title>").matcher(html);
        int bars = 0;
        while (matcher.find()) {
            bars++;
        }
        return bars;
    }
}
