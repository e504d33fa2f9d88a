package io.weblog.report;

import io.weblog.check.LineCounts;
import io.weblog.check.Outcome;
import io.weblog.check.PathGroups;
import io.weblog.check.RuleResult;
import io.weblog.check.SourceVerdict;
import io.weblog.check.Verdict;
import io.weblog.format.Hit;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The verdict as JUnit XML, the way Maven Surefire writes it (valid against {@code surefire-test-report-3.0.xsd}), so
 * that Jenkins and other CI systems show each rule on each source as a test: one {@code testsuite} named
 * {@code weblog}, and per source a test case {@value #HITS_IN_WINDOW} plus one per rule, with class name
 * {@code weblog.}<i>source</i>. A failed rule is a {@code failure} of type {@value #RULE_FAILED} with its samples; a
 * source that could not be read makes each of its test cases an {@code error} of type {@value #SOURCE_ERROR}.
 */
public final class JunitReport {
    private static final int GROUP_REFERRERS = 5;
    /** The name of the test case per source that fails when its window held no hits and that was not allowed. */
    public static final String HITS_IN_WINDOW = "hits in window";
    /** The failure type of a rule that did not hold. */
    public static final String RULE_FAILED = "weblog.RuleFailed";
    /** The failure type of an empty window. */
    public static final String EMPTY_WINDOW = "weblog.EmptyWindow";
    /** The error type of a source that could not be read. */
    public static final String SOURCE_ERROR = "weblog.SourceError";

    private static final String SCHEMA =
            "https://maven.apache.org/surefire/maven-surefire-plugin/xsd/surefire-test-report-3.0.xsd";
    private static final int RAW_WIDTH = 2000;

    private JunitReport() {
    }

    /**
     * Writes the report; the caller's writer must encode UTF-8, which the XML declaration states. Flushes but does
     * not close the writer.
     *
     * @throws IOException when the writer fails
     */
    public static void write(Verdict verdict, Writer out) throws IOException {
        Cases cases = new Cases();
        Set<String> classNames = new HashSet<>();
        for (SourceVerdict source : verdict.sources()) {
            source(cases, verdict, source, unique(className(source.source()), classNames));
        }
        StringBuilder xml = new StringBuilder(4096);
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<testsuite xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" ")
                .append("xsi:noNamespaceSchemaLocation=\"").append(SCHEMA).append("\" version=\"3.0\" ")
                .append("name=\"weblog\" time=\"").append(time(verdict.elapsed())).append("\" tests=\"")
                .append(cases.xml.size()).append("\" errors=\"").append(cases.errors)
                .append("\" skipped=\"0\" failures=\"").append(cases.failures).append("\">\n    <properties>\n");
        property(xml, "weblog.outcome", verdict.outcome().name());
        property(xml, "weblog.summary", Wording.headline(verdict));
        property(xml, "weblog.started", Wording.instant(verdict.started()));
        property(xml, "weblog.emptyAllowed", Boolean.toString(verdict.emptyAllowed()));
        LineCounts lines = verdict.lines();
        property(xml, "weblog.lines.read", Long.toString(lines.read()));
        property(xml, "weblog.lines.beforeWindow", Long.toString(lines.beforeWindow()));
        property(xml, "weblog.lines.inWindow", Long.toString(lines.inWindow()));
        property(xml, "weblog.lines.afterWindow", Long.toString(lines.afterWindow()));
        property(xml, "weblog.lines.malformed", Long.toString(lines.malformed()));
        xml.append("    </properties>\n");
        cases.xml.forEach(xml::append);
        xml.append("</testsuite>\n");
        out.write(xml.toString());
        out.flush();
    }

    private static final class Cases {
        final List<String> xml = new ArrayList<>();
        int failures;
        int errors;
    }

    private static void source(Cases cases, Verdict verdict, SourceVerdict source, String className) {
        boolean unread = source.outcome() == Outcome.ERROR;
        String error = unread ? error(source) : null;
        StringBuilder hits = testCase(HITS_IN_WINDOW, className, source.elapsed());
        if (unread) {
            cases.errors++;
            element(hits, "error", SOURCE_ERROR, error, Wording.lines(source.lines()));
        } else if (Wording.emptyAndNotAllowed(verdict, source)) {
            cases.failures++;
            element(hits, "failure", EMPTY_WINDOW, "no hits in the window of " + source.source(),
                    "A check that saw nothing proves nothing.\nlines: " + Wording.lines(source.lines())
                            + "\nwindow: " + Wording.window(source));
        }
        systemOut(hits, Wording.count(source.lines().inWindow()) + " hits in the window\nlines: "
                + Wording.lines(source.lines()) + "\nwindow: " + Wording.window(source)
                + (source.ended() == null ? "" : "\nreading: " + Wording.ended(source.ended())));
        cases.xml.add(hits.append("    </testcase>\n").toString());
        for (RuleResult result : source.rules()) {
            StringBuilder test = testCase(result.rule().name(), className, Duration.ZERO);
            if (unread) {
                cases.errors++;
                element(test, "error", SOURCE_ERROR, error, "rule: " + result.rule().text());
            } else if (!result.passed()) {
                cases.failures++;
                element(test, "failure", RULE_FAILED, message(result), details(result, source));
            }
            systemOut(test, summary(result, source.lines().inWindow()));
            cases.xml.add(test.append("    </testcase>\n").toString());
        }
    }

    /**
     * The class name of a source's test cases: {@code weblog.} and the source's name with each run of characters other
     * than ASCII letters, digits and {@code -} turned into one {@code _}, so that CI shows no dots as package levels.
     */
    static String className(String source) {
        StringBuilder name = new StringBuilder();
        String text = source == null ? "" : source;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean keep = c < 0x80 && (Character.isLetterOrDigit(c) || c == '-');
            if (keep) {
                name.append(c);
            } else if (name.length() > 0 && name.charAt(name.length() - 1) != '_') {
                name.append('_');
            }
        }
        while (name.length() > 0 && name.charAt(name.length() - 1) == '_') {
            name.setLength(name.length() - 1);
        }
        return "weblog." + (name.length() == 0 ? "source" : name);
    }

    private static String unique(String name, Set<String> taken) {
        String candidate = name;
        for (int n = 2; !taken.add(candidate); n++) {
            candidate = name + "_" + n;
        }
        return candidate;
    }

    private static StringBuilder testCase(String name, String className, Duration time) {
        return new StringBuilder("    <testcase name=\"").append(MarkupText.attribute(name))
                .append("\" classname=\"").append(MarkupText.attribute(className)).append("\" time=\"")
                .append(time(time)).append("\">\n");
    }

    private static void element(StringBuilder xml, String element, String type, String message, String text) {
        xml.append("        <").append(element).append(" message=\"").append(MarkupText.attribute(message))
                .append("\" type=\"").append(type).append("\">").append(MarkupText.escape(text)).append("</")
                .append(element).append(">\n");
    }

    private static void systemOut(StringBuilder xml, String text) {
        xml.append("        <system-out>").append(MarkupText.escape(text)).append("</system-out>\n");
    }

    private static void property(StringBuilder xml, String name, String value) {
        xml.append("        <property name=\"").append(MarkupText.attribute(name)).append("\" value=\"")
                .append(MarkupText.attribute(value)).append("\"/>\n");
    }

    private static String error(SourceVerdict source) {
        return source.error() == null || source.error().isBlank()
                ? source.source() + " could not be read" : source.error();
    }

    private static String message(RuleResult result) {
        String judgement = Wording.judgement(result);
        return result.rule().label() == null ? judgement : judgement + " (rule: " + result.rule().text() + ")";
    }

    private static String summary(RuleResult result, long inWindow) {
        return "rule: " + result.rule().text() + "\n" + (result.passed() ? "passed: " : "failed: ")
                + Wording.judgement(result) + "\n" + share(result, inWindow);
    }

    private static String share(RuleResult result, long inWindow) {
        return Wording.count(result.count()) + " of " + Wording.count(inWindow) + " hits in the window ("
                + Wording.share(result) + ")";
    }

    private static String details(RuleResult result, SourceVerdict source) {
        StringBuilder text = new StringBuilder()
                .append("rule: ").append(result.rule().text()).append('\n')
                .append("source: ").append(source.source()).append('\n')
                .append(Wording.judgement(result)).append(": ").append(share(result, source.lines().inWindow()))
                .append('\n');
        List<Hit> samples = result.samples();
        if (!samples.isEmpty()) {
            String which = Wording.samples(result, samples.size());
            boolean durations = Wording.showsDurations(result);
            text.append(which.isEmpty() ? "hits" : which).append(durations ? " (line, duration, line as logged):\n"
                    : ":\n");
            for (Hit hit : samples) {
                text.append("line ").append(hit.position() == null ? "?" : hit.position().line())
                        .append(durations ? "  " + Wording.duration(hit) : "").append(": ")
                        .append(Printable.shorten(hit.line(), RAW_WIDTH)).append('\n');
            }
        }
        PathGroups groups = result.groups();
        if (groups != null && !groups.paths().isEmpty()) {
            text.append("by path (").append(Wording.pathCount(groups)).append("):\n");
            for (PathGroups.PathGroup group : groups.paths()) {
                String from = Wording.linkedFrom(group, GROUP_REFERRERS);
                text.append(group.path()).append(": ").append(Wording.count(group.count()))
                        .append(group.count() == 1 ? " hit" : " hits")
                        .append(from.isEmpty() ? "" : ", linked from " + from).append('\n');
            }
        }
        return text.toString();
    }

    private static String time(Duration duration) {
        return BigDecimal.valueOf(Wording.millis(duration), 3).toPlainString();
    }
}
