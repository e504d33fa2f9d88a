package io.weblog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.weblog.format.LogFormats;
import io.weblog.generate.LogGenerator;
import io.weblog.testing.EcsDocuments;
import io.weblog.testing.OpenSearchNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code weblog verify --opensearch} as typed, against a real OpenSearch node holding the lines of a log made by
 * {@code weblog generate}: the same verdict, rule for rule, as {@code weblog verify --file} on those lines, with a
 * Caddy log's latencies too; and the exit codes and words of a store that cannot be used.
 */
@ExtendWith(OpenSearchNode.Resolver.class)
class StoreVerifyIT {
    private static final String INDEX = "logs-weblog-cli";
    private static final String[] RULES = {
        "--rule", "broken-links: status=404 referrer^=https://shop.example.com/ max=0",
        "--rule", "status=5xx max=0.5%",
        "--rule", "path=/health min=5",
        "--rule", "api: path^=/api/ p95<=300ms",
        "--rule", "slow-api: path^=/api/ duration>2s max=0.5%"};

    @TempDir
    static Path files;
    private static Path log;

    @BeforeAll
    static void indexAGeneratedLog(OpenSearchNode node) throws Exception {
        LogGenerator generator = LogGenerator.builder().seed(14).format(LogGenerator.Style.CADDY_JSON).build();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 30_000; i++) {
            lines.add(generator.nextLineText());
        }
        log = files.resolve("caddy.log");
        Files.write(log, lines, StandardCharsets.UTF_8);
        node.createEcsIndex(INDEX);
        node.bulk(INDEX, EcsDocuments.of(LogFormats.parse("caddy"), lines, "web1"), true);
    }

    @Test
    void judgesTheStoreAsTheFileOfTheSameLinesRuleForRule(OpenSearchNode node) throws Exception {
        Path fileReport = files.resolve("file.json");
        Path storeReport = files.resolve("store.json");
        Run file = Run.of(concat(new String[] {"verify", "--file", log.toString(), "--report-json",
            fileReport.toString()}, RULES));
        Run store = Run.of(concat(new String[] {"verify", "--opensearch", node.url(), "--index", INDEX,
            "--report-json", storeReport.toString()}, RULES));

        assertThat(store.exitCode()).as(store.err()).isEqualTo(file.exitCode());
        assertThat(store.err()).contains("counted in the store: all 5 rules in one aggregation request");
        List<String> expected = rules(Files.readString(fileReport));
        List<String> actual = rules(Files.readString(storeReport));
        assertThat(actual).hasSameSizeAs(expected).hasSize(5);
        for (int i = 0; i < expected.size(); i++) {
            if (i == 3) {
                assertThat(count(actual.get(i))).isEqualTo(count(expected.get(i)));
            } else {
                assertThat(actual.get(i)).isEqualTo(expected.get(i));
            }
        }
    }

    @Test
    void aStoreThatCannotBeUsedIsExitThreeWithTheStoresWords(OpenSearchNode node) {
        Run missing = Run.of("verify", "--opensearch", node.url(), "--index", "logs-nothing-*", "--rule",
                "status=5xx max=0");

        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.err()).contains("no index matches logs-nothing-* in the store at " + node.url()
                + " (no such index [logs-nothing-*])");
    }

    @Test
    void aBadStoreSettingIsExitTwoNamingTheOption() {
        Run run = Run.of("verify", "--opensearch", "ftp://logs", "--rule", "status=5xx max=0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--opensearch 'ftp://logs': expected an http:// or https:// URL");
    }

    /** Each rule of a JSON report's top-level rules, as its name, passed, count and share. */
    private static List<String> rules(String json) {
        String all = json.substring(json.indexOf("\"rules\""), json.indexOf("\"sources\""));
        Matcher rule = Pattern.compile("\"name\": \"([^\"]*)\".*?\"passed\": (\\w+),\\s*\"count\": (\\d+),\\s*"
                + "\"share\": ([0-9.eE-]+)", Pattern.DOTALL).matcher(all);
        List<String> found = new ArrayList<>();
        while (rule.find()) {
            found.add(rule.group(1) + " " + rule.group(2) + " " + rule.group(3) + " " + rule.group(4));
        }
        return found;
    }

    /** A rule's count and share, without whether it passed: a percentile may fall either side of its limit. */
    private static String count(String rule) {
        String[] parts = rule.split(" ");
        return parts[parts.length - 2] + " " + parts[parts.length - 1];
    }

    private static String[] concat(String[] a, String[] b) {
        String[] both = new String[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
