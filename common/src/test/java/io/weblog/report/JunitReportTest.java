package io.weblog.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.weblog.check.SourceVerdict;
import io.weblog.check.Verdict;
import io.weblog.format.Hit;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class JunitReportTest {
    private static Schema surefire;

    @TempDir
    Path dir;

    private final XPath xpath = XPathFactory.newInstance().newXPath();

    @BeforeAll
    static void loadSurefiresSchema() throws Exception {
        URL xsd = JunitReportTest.class.getResource("surefire-test-report-3.0.xsd");
        surefire = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(xsd);
    }

    @Test
    void everyKindOfVerdictIsValidAgainstSurefiresSchema() throws Exception {
        List<Verdict> verdicts = List.of(Verdicts.passing(), Verdicts.failing(), Verdicts.error(dir),
                Verdicts.emptyWindow(), Verdicts.emptyWindowAllowed(), Verdicts.twoSources(),
                Verdicts.threeSourcesOneUnreadable(dir));
        for (Verdict verdict : verdicts) {
            String xml = xml(verdict);
            assertThatCode(() -> validate(xml)).as(xml).doesNotThrowAnyException();
        }
    }

    @Test
    void hasOneTestCasePerRulePerSourceAndOneForHitsInTheWindow() throws Exception {
        Document doc = parse(xml(Verdicts.failing()));
        String className = JunitReport.className(Verdicts.fixture("shop-access.log"));

        assertThat(strings(doc, "/testsuite/testcase/@name")).containsExactly("hits in window", "status=5xx max=0",
                "broken-links", "path=/health min=1");
        assertThat(strings(doc, "/testsuite/testcase/@classname")).containsOnly(className);
        assertThat(string(doc, "/testsuite/@name")).isEqualTo("weblog");
        assertThat(string(doc, "/testsuite/@tests")).isEqualTo("4");
        assertThat(string(doc, "/testsuite/@failures")).isEqualTo("2");
        assertThat(string(doc, "/testsuite/@errors")).isEqualTo("0");
        assertThat(string(doc, "/testsuite/@skipped")).isEqualTo("0");
    }

    @Test
    void aFailedRuleIsAFailureWithItsJudgementAndTheSampleLines() throws Exception {
        Document doc = parse(xml(Verdicts.failing()));

        assertThat(string(doc, "//testcase[@name='status=5xx max=0']/failure/@type")).isEqualTo("weblog.RuleFailed");
        assertThat(string(doc, "//testcase[@name='status=5xx max=0']/failure/@message")).isEqualTo("count 2 > max=0");
        assertThat(string(doc, "//testcase[@name='status=5xx max=0']/failure"))
                .contains("count 2 > max=0: 2 of 10 hits in the window (20%)")
                .contains("line 7: 192.0.2.14 - - [10/Oct/2024:14:05:47 +0200] \"POST /checkout HTTP/1.1\" 502")
                .contains("line 9: 192.0.2.15");
        assertThat(count(doc, "//testcase[@name='path=/health min=1']/failure")).isZero();
        assertThat(string(doc, "//testcase[@name='path=/health min=1']/system-out"))
                .contains("passed: count 2 >= min=1");
    }

    @Test
    void aLabelledRuleIsNamedByItsLabelAndItsFullTextIsInTheMessage() throws Exception {
        Document doc = parse(xml(Verdicts.failing()));

        assertThat(string(doc, "//testcase[@name='broken-links']/failure/@message"))
                .isEqualTo("count 2 > max=0 (rule: " + Verdicts.BROKEN_LINKS + ")");
        assertThat(string(doc, "//testcase[@name='broken-links']/failure"))
                .contains("<script>alert('agent')</script>");
    }

    @Test
    void anUnreadableSourceMakesEachOfItsTestCasesAnError() throws Exception {
        Document doc = parse(xml(Verdicts.error(dir)));

        assertThat(count(doc, "/testsuite/testcase")).isEqualTo(4);
        assertThat(count(doc, "/testsuite/testcase/error[@type='weblog.SourceError']")).isEqualTo(4);
        assertThat(strings(doc, "/testsuite/testcase/error/@message"))
                .containsOnly("no such file: " + dir.resolve("missing.log"));
        assertThat(string(doc, "/testsuite/@errors")).isEqualTo("4");
        assertThat(string(doc, "/testsuite/@failures")).isEqualTo("0");
    }

    @Test
    void anEmptyWindowFailsTheHitsInWindowTestCase() throws Exception {
        Document doc = parse(xml(Verdicts.emptyWindow()));

        assertThat(string(doc, "//testcase[@name='hits in window']/failure/@type")).isEqualTo("weblog.EmptyWindow");
        assertThat(string(doc, "//testcase[@name='hits in window']/failure/@message"))
                .startsWith("no hits in the window of ");
        assertThat(string(doc, "//testcase[@name='hits in window']/failure"))
                .contains("5 read: 5 before the window, 0 in it, 0 after it, 0 malformed");
        assertThat(string(doc, "/testsuite/properties/property[@name='weblog.lines.read']/@value")).isEqualTo("5");
        assertThat(string(doc, "/testsuite/properties/property[@name='weblog.lines.beforeWindow']/@value"))
                .isEqualTo("5");
        assertThat(string(doc, "/testsuite/@failures")).isEqualTo("2");
    }

    @Test
    void anAllowedEmptyWindowPasses() throws Exception {
        Document doc = parse(xml(Verdicts.emptyWindowAllowed()));

        assertThat(count(doc, "//failure")).isZero();
        assertThat(count(doc, "//error")).isZero();
        assertThat(string(doc, "/testsuite/@tests")).isEqualTo("3");
    }

    @Test
    void eachSourceGetsItsOwnClassName() throws Exception {
        Document doc = parse(xml(Verdicts.threeSourcesOneUnreadable(dir)));

        assertThat(count(doc, "/testsuite/testcase")).isEqualTo(12);
        assertThat(strings(doc, "/testsuite/testcase/@classname")).containsOnly(
                JunitReport.className(Verdicts.fixture("healthy-access.log")),
                JunitReport.className(Verdicts.fixture("shop-access.log")),
                JunitReport.className(dir.resolve("missing.log").toString()));
        assertThat(string(doc, "/testsuite/@failures")).isEqualTo("2");
        assertThat(string(doc, "/testsuite/@errors")).isEqualTo("4");
    }

    @Test
    void sourcesWhoseNamesLookAlikeStillGetDistinctClassNames() throws Exception {
        Verdict verdict = Verdicts.failedOn("status=5xx max=0");
        SourceVerdict source = verdict.sources().get(0);
        Verdict twice = new Verdict(verdict.outcome(), List.of(source, source), verdict.rules(), verdict.lines(),
                verdict.started(), verdict.elapsed(), false);

        assertThat(strings(parse(xml(twice)), "/testsuite/testcase/@classname")).containsOnly("weblog.var_log_x",
                "weblog.var_log_x_2");
    }

    @Test
    void classNamesKeepLettersDigitsAndDashesOnly() {
        assertThat(JunitReport.className("/var/log/nginx/access.log")).isEqualTo("weblog.var_log_nginx_access_log");
        assertThat(JunitReport.className("deploy@web-1.example.com:/var/log/x.log"))
                .isEqualTo("weblog.deploy_web-1_example_com_var_log_x_log");
        assertThat(JunitReport.className("-")).isEqualTo("weblog.-");
        assertThat(JunitReport.className("///")).isEqualTo("weblog.source");
        assertThat(JunitReport.className("/tmp/ünï")).isEqualTo("weblog.tmp_n");
    }

    @Test
    void timesUseSurefiresFormat() throws Exception {
        Document doc = parse(xml(Verdicts.failedOn("status=5xx max=0")));

        assertThat(string(doc, "/testsuite/@time")).isEqualTo("1.234");
        assertThat(strings(doc, "/testsuite/testcase/@time")).containsExactly("0.012", "0.000");
    }

    @Test
    void charactersIllegalInXmlAreReplacedAndMarkupIsEscaped() throws Exception {
        String raw = "nul\u0000 esc\u001b[31m bell\u0007 lone\ud800 high\uffff\ufffe tab\there <b>&amp;</b> ]]> 😀";
        Hit hit = Verdicts.hit(3, "/a\u0001", null, 500, null, null, raw);
        String xml = xml(Verdicts.failedOn("oops: status=5xx max=0", hit));

        validate(xml);
        assertThat(xml.chars().filter(c -> c < 0x20 && c != '\n' && c != '\t')).isEmpty();
        assertThat(string(parse(xml), "//failure")).contains(
                "line 3: nul? esc?[31m bell? lone? high?? tab\there <b>&amp;</b> ]]> 😀");
    }

    @Test
    void propertiesCarryTheOutcomeAndSummary() throws Exception {
        Document doc = parse(xml(Verdicts.failing()));

        assertThat(string(doc, "//property[@name='weblog.outcome']/@value")).isEqualTo("FAILED");
        assertThat(string(doc, "//property[@name='weblog.summary']/@value")).startsWith("FAILED: 2 of 3 rules");
    }

    @Test
    void declaresUtf8AndKeepsNonAsciiText() throws Exception {
        Hit hit = Verdicts.hit(1, "/café", null, 500, null, null, "GET /café €");
        String xml = xml(Verdicts.failedOn("status=5xx max=0", hit));

        assertThat(xml).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        assertThat(string(parse(xml), "//failure")).contains("GET /café €");
    }

    private static String xml(Verdict verdict) throws Exception {
        StringWriter out = new StringWriter();
        JunitReport.write(verdict, out);
        return out.toString();
    }

    private static void validate(String xml) throws Exception {
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        surefire.newValidator().validate(new StreamSource(new ByteArrayInputStream(bytes)));
    }

    @Test
    void aFailureNamesTheBrokenPathsAndThePagesThatLinkThere() throws Exception {
        assertThat(xml(Verdicts.failing())).contains("by path (2 paths):\n")
                .contains("/cart/old: 1 hit, linked from https://shop.example.com/cart (1)\n");
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private String string(Document doc, String expression) throws Exception {
        return xpath.evaluate(expression, doc);
    }

    private int count(Document doc, String expression) throws Exception {
        return ((NodeList) xpath.evaluate(expression, doc, XPathConstants.NODESET)).getLength();
    }

    private List<String> strings(Document doc, String expression) throws Exception {
        NodeList nodes = (NodeList) xpath.evaluate(expression, doc, XPathConstants.NODESET);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            values.add(nodes.item(i).getTextContent());
        }
        return values;
    }
}
