package io.weblog.report;

import io.weblog.CheckConfig;
import io.weblog.ConfigException;
import io.weblog.Weblog;
import io.weblog.check.CheckListener;
import io.weblog.check.EndReason;
import io.weblog.check.LineCounts;
import io.weblog.check.MalformedLine;
import io.weblog.check.ObservedWindow;
import io.weblog.check.Outcome;
import io.weblog.check.RuleResult;
import io.weblog.check.SourceVerdict;
import io.weblog.check.Timeline;
import io.weblog.check.Verdict;
import io.weblog.format.Hit;
import io.weblog.rule.Rule;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Real verdicts for report tests, made by running the engine on the fixture logs next to the tests:
 * {@code shop-access.log} (two 5xx, two 404s linked from the shop, one of them an attack with markup and escape
 * sequences, one malformed line) and {@code healthy-access.log} (nothing wrong); and, for what the engine does not
 * easily produce, verdicts put together by hand.
 */
final class Verdicts {
    static final String SERVER_ERRORS = "status=5xx max=0";
    static final String BROKEN_LINKS = "broken-links: status=404 referrer^=https://shop.example.com/ max=0";
    static final String HEALTH = "path=/health min=1";

    private Verdicts() {
    }

    /** The shop log: two rules fail, one holds. */
    static Verdict failing() throws Exception {
        return verify(builder(fixture("shop-access.log")));
    }

    /** The healthy log: all three rules hold. */
    static Verdict passing() throws Exception {
        return verify(builder(fixture("healthy-access.log")));
    }

    /** A file that does not exist. */
    static Verdict error(Path dir) throws Exception {
        return verify(builder(dir.resolve("missing.log").toString()));
    }

    /** The healthy log with a window after its last hit: nothing in it, and that is not allowed. */
    static Verdict emptyWindow() throws Exception {
        return verify(builder(fixture("healthy-access.log")).since("2030-01-01T00:00:00Z"));
    }

    /** The healthy log with a window after its last hit, where an empty window is allowed: only max rules. */
    static Verdict emptyWindowAllowed() throws Exception {
        return verify(CheckConfig.builder().file(fixture("healthy-access.log")).rule(SERVER_ERRORS).rule(BROKEN_LINKS)
                .since("2030-01-01T00:00:00Z").allowEmpty(true));
    }

    /** The healthy and the shop log together. */
    static Verdict twoSources() throws Exception {
        return verify(builder(fixture("healthy-access.log")).file(fixture("shop-access.log")));
    }

    /** The healthy log, the shop log and a file that does not exist. */
    static Verdict threeSourcesOneUnreadable(Path dir) throws Exception {
        return verify(builder(fixture("healthy-access.log")).file(fixture("shop-access.log"))
                .file(dir.resolve("missing.log").toString()));
    }

    /** The path of a fixture log. */
    static String fixture(String name) throws URISyntaxException {
        URL url = Verdicts.class.getResource(name);
        if (url == null) {
            throw new IllegalStateException("no fixture " + name);
        }
        return Path.of(url.toURI()).toString();
    }

    /** A verdict by hand over one source with one rule that failed on the given samples. */
    static Verdict failedOn(String ruleText, Hit... samples) throws ConfigException {
        Rule rule = Rule.parse(ruleText);
        RuleResult result = new RuleResult(rule, false, samples.length, samples.length / 10.0, List.of(samples));
        LineCounts lines = new LineCounts(1000, 10, 0, 10, 0, 0, 0);
        return single(new SourceVerdict("/var/log/x", Outcome.FAILED, "combined", List.of(result), lines, List.of(),
                window(), Timeline.EMPTY, EndReason.END_OF_INPUT, null, Duration.ofMillis(12)), false);
    }

    /** A verdict by hand over one source. */
    static Verdict single(SourceVerdict source, boolean emptyAllowed) {
        return new Verdict(source.outcome(), List.of(source), source.rules(), source.lines(),
                Instant.parse("2024-10-10T12:00:00Z"), Duration.ofMillis(1234), emptyAllowed);
    }

    /** The same source verdict with other values for some of its parts ({@code null} keeps the part). */
    static SourceVerdict change(SourceVerdict source, Outcome outcome, List<MalformedLine> malformed,
            Timeline timeline, EndReason ended, String error) {
        return new SourceVerdict(source.source(), outcome == null ? source.outcome() : outcome, source.format(),
                source.rules(), source.lines(), malformed == null ? source.malformed() : malformed, source.window(),
                timeline == null ? source.timeline() : timeline, ended == null ? source.ended() : ended,
                error == null ? source.error() : error, source.elapsed());
    }

    /** A hit as the combined format would parse it, at 2024-10-10T13:55:36+02:00. */
    static Hit hit(long line, String path, String query, int status, String referrer, String agent, String raw) {
        return new Hit(OffsetDateTime.parse("2024-10-10T13:55:36+02:00"), "192.0.2.1", null, "GET", path, query,
                "HTTP/1.1", "GET " + path + " HTTP/1.1", status, 512, referrer, agent, null, null, raw,
                new Hit.Position("/var/log/x", line, line * 100));
    }

    private static ObservedWindow window() {
        Instant first = Instant.parse("2024-10-10T11:55:36Z");
        return new ObservedWindow(null, null, first, first.plusSeconds(1), first, first.plusSeconds(60));
    }

    private static CheckConfig.Builder builder(String file) throws ConfigException {
        return CheckConfig.builder().file(file).rule(SERVER_ERRORS).rule(BROKEN_LINKS).rule(HEALTH);
    }

    private static Verdict verify(CheckConfig.Builder builder) throws ConfigException, InterruptedException {
        return Weblog.verify(builder.build(), CheckListener.NONE);
    }
}
