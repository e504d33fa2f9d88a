package io.weblog.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weblog.ConfigException;
import io.weblog.Setting;
import io.weblog.format.Field;
import io.weblog.format.LogFormats;
import io.weblog.format.ParsedLine;
import io.weblog.testing.LogLines;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleTest {

    private static ParsedLine parse(String combinedLine) {
        ParsedLine line = new ParsedLine();
        byte[] bytes = combinedLine.getBytes(StandardCharsets.UTF_8);
        assertThat(LogFormats.combined().newParser().parse(bytes, 0, bytes.length, line)).isTrue();
        return line;
    }

    private static boolean selects(String rule, LogLines hit) throws ConfigException {
        return Rule.parse(rule).selector().matches(parse(hit.combined()));
    }

    @Test
    void readsLabelFiltersAndExpectation() throws ConfigException {
        Rule rule = Rule.parse("broken-links: status=404 referrer^=https://shop.example.com/ max=0");
        assertThat(rule.label()).isEqualTo("broken-links");
        assertThat(rule.name()).isEqualTo("broken-links");
        assertThat(rule.selector().filters()).extracting(Filter::field).containsExactly(Field.STATUS,
                Field.REFERRER);
        assertThat(rule.selector().filters().get(1).operator()).isEqualTo(Operator.STARTS_WITH);
        assertThat(rule.expectation()).isEqualTo(Expectation.maxCount(0));
        assertThat(rule.condition()).isEqualTo("status=404 referrer^=https://shop.example.com/ max=0");
    }

    @Test
    void namesAnUnlabelledRuleByItsText() throws ConfigException {
        Rule rule = Rule.parse("  status=5xx max=0.5%  ");
        assertThat(rule.label()).isNull();
        assertThat(rule.name()).isEqualTo("status=5xx max=0.5%");
        assertThat(rule.expectation().measure()).isEqualTo(Expectation.Measure.SHARE);
        assertThat(rule.expectation().limit()).isEqualTo(0.005);
        assertThat(rule.expectation().limitText()).isEqualTo("0.5%");
    }

    @Test
    void allowsARuleWithoutFiltersAboutEveryHit() throws ConfigException {
        Rule rule = Rule.parse("traffic: min=100");
        assertThat(rule.selector().selectsEveryHit()).isTrue();
        assertThat(rule.expectation()).isEqualTo(Expectation.minCount(100));
    }

    @Test
    void allowsLabelsWithSpaces() throws ConfigException {
        assertThat(Rule.parse("health check: path=/health min=5").label()).isEqualTo("health check");
    }

    @Test
    void saysWhichCharactersALabelMayHold() {
        assertThatThrownBy(() -> Rule.parse("a.b/c: status=200 max=100"))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.problem()).isEqualTo("'a.b/c:' is not a label: a label holds only letters, digits, "
                            + "spaces, '-', '_' and '.'");
                    assertThat(e.column()).isEqualTo(1);
                });
        assertThatThrownBy(() -> Rule.parse("errors <&> \"q\": status=5xx max=0"))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.problem()).startsWith("'errors <&> \"q\":' is not a label");
                    assertThat(e.column()).isEqualTo(8);
                });
    }

    @Test
    void doesNotMistakeAColonInAValueForALabel() throws ConfigException {
        Rule rule = Rule.parse("referrer^=https://a.example/ max=0");
        assertThat(rule.label()).isNull();
        assertThat(rule.selector().filters().get(0).value()).isEqualTo("https://a.example/");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "status=404                  | 404 | true",
        "status=404                  | 403 | false",
        "status=4xx                  | 499 | true",
        "status=4xx                  | 500 | false",
        "status=500-503              | 503 | true",
        "status=500-503              | 504 | false",
        "status=301,302,404          | 302 | true",
        "status=301,302,5xx          | 502 | true",
        "status!=200,304             | 200 | false",
        "status!=200,304             | 404 | true"})
    void matchesStatusCodesClassesRangesAndLists(String filter, int status, boolean expected)
            throws ConfigException {
        assertThat(selects(filter + " max=0", LogLines.hit().status(status))).isEqualTo(expected);
    }

    @Test
    void treatsADashAsAbsent() throws ConfigException {
        assertThat(selects("referrer=- max=0", LogLines.hit().referrer("-"))).isTrue();
        assertThat(selects("referrer=- max=0", LogLines.hit().referrer("https://x/"))).isFalse();
        assertThat(selects("referrer!=- max=0", LogLines.hit().referrer("https://x/"))).isTrue();
        assertThat(selects("referrer!=- max=0", LogLines.hit().referrer("-"))).isFalse();
    }

    @Test
    void comparesTextExactlyOrByPrefix() throws ConfigException {
        assertThat(selects("path=/health min=1", LogLines.hit().get("/health"))).isTrue();
        assertThat(selects("path=/health min=1", LogLines.hit().get("/health?full=1"))).isTrue();
        assertThat(selects("path=/health min=1", LogLines.hit().get("/healthz"))).isFalse();
        assertThat(selects("path^=/api/ min=1", LogLines.hit().get("/api/v1"))).isTrue();
        assertThat(selects("path^=/api/ min=1", LogLines.hit().get("/ap"))).isFalse();
        assertThat(selects("path!=/health min=1", LogLines.hit().get("/other"))).isTrue();
        assertThat(selects("method=POST min=1", LogLines.hit().request("POST /login HTTP/1.1"))).isTrue();
        assertThat(selects("query=page=2 min=1", LogLines.hit().get("/p?page=2"))).isTrue();
        assertThat(selects("client^=2001:db8: min=1", LogLines.hit().client("2001:db8::1"))).isTrue();
        assertThat(selects("user=alice min=1", LogLines.hit().user("alice"))).isTrue();
        assertThat(selects("protocol=HTTP/2.0 min=1", LogLines.hit().request("GET / HTTP/2.0"))).isTrue();
    }

    @Test
    void matchesRegularExpressionsAnywhereInTheValue() throws ConfigException {
        assertThat(selects("agent~(?i)bot max=0", LogLines.hit().agent("Googlebot/2.1"))).isTrue();
        assertThat(selects("agent!~bot max=0", LogLines.hit().agent("Googlebot/2.1"))).isFalse();
        assertThat(selects("agent!~bot max=0", LogLines.hit().agent("-"))).isTrue();
        assertThat(selects("path~\\.php$ max=0", LogLines.hit().get("/wp-login.php"))).isTrue();
        assertThat(selects("path~é max=0", LogLines.hit().get("/caf\\xc3\\xa9"))).isTrue();
    }

    @Test
    void comparesLiteralsWithTheDecodedValue() throws ConfigException {
        assertThat(selects("path=/café max=0", LogLines.hit().get("/caf\\xc3\\xa9"))).isTrue();
        assertThat(selects("agent=\"say \\\"hi\\\"\" max=0", LogLines.hit().agent("say \\\"hi\\\""))).isTrue();
    }

    @Test
    void requiresEveryFilterToMatch() throws ConfigException {
        assertThat(selects("status=404 referrer^=https://shop.example.com/ max=0",
                LogLines.hit().status(404).referrer("https://shop.example.com/cart"))).isTrue();
        assertThat(selects("status=404 referrer^=https://shop.example.com/ max=0",
                LogLines.hit().status(404).referrer("https://elsewhere.example/"))).isFalse();
        assertThat(selects("status=404 referrer^=https://shop.example.com/ max=0",
                LogLines.hit().status(200).referrer("https://shop.example.com/cart"))).isFalse();
    }

    @Test
    void acceptsQuotedValuesWithSpaces() throws ConfigException {
        Rule rule = Rule.parse("agent=\"Mozilla/5.0 (X11)\" max=0");
        assertThat(rule.selector().filters().get(0).value()).isEqualTo("Mozilla/5.0 (X11)");
        assertThat(rule.selector().toString()).isEqualTo("agent=\"Mozilla/5.0 (X11)\"");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "status=5xx mux=0               | 12 | unknown field 'mux'",
        "stauts=5xx max=0               | 1  | unknown field 'stauts'",
        "referer=- max=0                | 1  | did you mean referrer",
        "status=5xx                     | 11 | expected an expectation",
        "status=5xx max=                | 16 | is not a count",
        "status=5xx max=abc             | 16 | 'abc' is not a count",
        "status=5xx max=1.5             | 16 | is not a count",
        "status=5xx max=101%            | 16 | cannot exceed 100%",
        "status=5xx max=x%              | 16 | is not a percentage",
        "status=6yy max=0               | 8  | '6yy' is not a status",
        "status=404,abc max=0           | 12 | 'abc' is not a status",
        "status=599-500 max=0           | 8  | runs backwards",
        "status^=5 max=0                | 7  | status takes = or !=",
        "path max=0                     | 5  | expected an operator",
        "path= max=0                    | 6  | expected a value",
        "path=\"/a max=0                | 6  | is not closed",
        "agent~[ max=0                  | 7  | invalid regular expression",
        "max=0 status=5xx               | 7  | the expectation comes last",
        "''                             | 1  | the rule is empty",
        ": status=5xx max=0             | 1  | label before ':' is empty",
        "duration=2s max=0              | 9  | duration takes >, >=, < or <=",
        "path>/a max=0                  | 5  | only duration takes >",
        "duration>2x max=0              | 11 | unknown unit 'x'",
        "duration> max=0                | 10 | expected a value",
        "path^=/api/ p95=300ms          | 16 | expected <= or >=",
        "path^=/api/ p95<=fast          | 18 | expected a number",
        "path^=/api/ p0<=1s             | 14 | more than 0",
        "p95<=1s status=5xx             | 9  | the expectation comes last"})
    void pointsAtTheColumnOfAMistake(String text, int column, String problem) {
        assertThatThrownBy(() -> Rule.parse(text))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.setting()).isEqualTo(Setting.RULE);
                    assertThat(e.input()).isEqualTo(text);
                    assertThat(e.problem()).contains(problem);
                    assertThat(e.column()).isEqualTo(column);
                });
    }

    @Test
    void showsACaretUnderTheMistake() {
        assertThatThrownBy(() -> Rule.parse("status=5xx mux=0"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.pointer())
                        .isEqualTo("status=5xx mux=0" + System.lineSeparator() + "           ^"));
    }

    @Test
    void parsesSelectorsWithoutExpectation() throws ConfigException {
        Selector selector = Selector.parse("path=/deploy-done method=GET", Setting.STOP_ON);
        assertThat(selector.filters()).hasSize(2);
        assertThatThrownBy(() -> Selector.parse("path=/x max=0", Setting.STOP_ON))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.setting()).isEqualTo(Setting.STOP_ON);
                    assertThat(e.problem()).contains("takes no expectation");
                });
        assertThatThrownBy(() -> Selector.parse(" ", Setting.STOP_ON)).isInstanceOf(ConfigException.class);
    }

    @Test
    void judgesCountsAndShares() throws ConfigException {
        assertThat(Expectation.maxCount(0).holds(0, 10)).isTrue();
        assertThat(Expectation.maxCount(0).holds(1, 10)).isFalse();
        assertThat(Expectation.minCount(5).holds(5, 10)).isTrue();
        assertThat(Expectation.minCount(5).holds(4, 10)).isFalse();
        Expectation budget = Rule.parse("status=5xx max=0.5%").expectation();
        assertThat(budget.holds(5, 1000)).isTrue();
        assertThat(budget.holds(6, 1000)).isFalse();
        assertThat(budget.holds(0, 0)).isTrue();
        Expectation atLeast = Rule.parse("status=2xx min=90%").expectation();
        assertThat(atLeast.holds(90, 100)).isTrue();
        assertThat(atLeast.holds(89, 100)).isFalse();
        assertThat(Rule.parse("max=33.333333333333%").expectation().holds(1, 3)).as("exactly, not in doubles")
                .isFalse();
        assertThat(Rule.parse("min=33.333333333334%").expectation().holds(1, 3)).isFalse();
        assertThat(Rule.parse("max=33.333333333334%").expectation().holds(1, 3)).isTrue();
        assertThat(Rule.parse("min=0%").expectation().holds(0, 0)).isTrue();
    }

    @Test
    void knowsWhichExpectationsACountCanDecideEarly() {
        assertThat(Expectation.maxCount(2).isDecidedBy(3)).isTrue();
        assertThat(Expectation.maxCount(2).isDecidedBy(2)).isFalse();
        assertThat(Expectation.minCount(2).isDecidedBy(2)).isTrue();
        assertThat(new Expectation(Expectation.Bound.MAX, Expectation.Measure.SHARE, 0.1, "max=10%").isDecidedBy(99))
                .isFalse();
    }

    private static boolean selectsDuration(String rule, long micros) throws ConfigException {
        ParsedLine line = new ParsedLine();
        String text = LogLines.hit().combined() + " " + micros;
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        LogFormats.parse("%h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-agent}i\" %D").newParser()
                .parse(bytes, 0, bytes.length, line);
        return Rule.parse(rule).selector().matches(line);
    }

    @Test
    void comparesHowLongARequestTook() throws ConfigException {
        assertThat(selectsDuration("duration>2s max=0", 2_000_001)).isTrue();
        assertThat(selectsDuration("duration>2s max=0", 2_000_000)).isFalse();
        assertThat(selectsDuration("duration>=2s max=0", 2_000_000)).isTrue();
        assertThat(selectsDuration("duration<500ms max=0", 499_999)).isTrue();
        assertThat(selectsDuration("duration<=500ms max=0", 500_001)).isFalse();
        assertThat(selectsDuration("duration>=250us max=0", 250)).isTrue();
        assertThat(selects("duration>0s max=0", LogLines.hit())).as("a line without a duration").isFalse();
        assertThat(Rule.parse("path^=/api/ duration>1.5s max=1%").selector().toString())
                .isEqualTo("path^=/api/ duration>1.5s");
    }

    @Test
    void readsPercentileExpectations() throws ConfigException {
        Rule rule = Rule.parse("api: path^=/api/ p95<=300ms");
        Expectation p99 = Rule.parse("p99.9>=1s").expectation();

        assertThat(rule.expectation().measure()).isEqualTo(Expectation.Measure.PERCENTILE);
        assertThat(rule.expectation().percentile()).isEqualTo(95);
        assertThat(rule.expectation().limit()).isEqualTo(300_000);
        assertThat(rule.expectation().text()).isEqualTo("p95<=300ms");
        assertThat(rule.expectation().limitText()).isEqualTo("300ms");
        assertThat(rule.needsDuration()).isTrue();
        assertThat(p99.bound()).isEqualTo(Expectation.Bound.MIN);
        assertThat(p99.percentile()).isEqualTo(99.9);
        assertThat(Rule.parse("status=5xx max=0").needsDuration()).isFalse();
        assertThat(rule.expectation().holdsAt(300_000)).isTrue();
        assertThat(rule.expectation().holdsAt(300_001)).isFalse();
        assertThat(rule.expectation().holdsAt(-1)).as("nothing measured exceeds nothing").isTrue();
        assertThat(p99.holdsAt(-1)).isFalse();
        assertThat(rule.expectation().isDecidedBy(1_000_000)).isFalse();
    }
}
