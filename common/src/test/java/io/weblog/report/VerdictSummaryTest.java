package io.weblog.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.weblog.check.Outcome;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerdictSummaryTest {
    @TempDir
    Path dir;

    @Test
    void keepsTheOutcomeTheWordsThePageAndEachRuleOfEachLog() throws Exception {
        VerdictSummary summary = VerdictSummary.of(Verdicts.twoSources(), 1);

        assertThat(summary.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(summary.passed()).isFalse();
        assertThat(summary.headline()).isEqualTo("FAILED: 2 of 3 rules failed on 1 of 2 sources");
        assertThat(summary.brief()).isEqualTo(TextReport.brief(Verdicts.twoSources(), 1));
        assertThat(summary.html()).startsWith("<div class=\"weblog-report\">");
        assertThat(summary.logs()).extracting(VerdictSummary.LogSummary::outcome)
                .containsExactly(Outcome.PASSED, Outcome.FAILED);
        assertThat(summary.logs().get(1).rules()).containsExactly(
                new VerdictSummary.RuleSummary("status=5xx max=0", "status=5xx max=0", false, 2, 0.2),
                new VerdictSummary.RuleSummary("broken-links", Verdicts.BROKEN_LINKS, false, 2, 0.2),
                new VerdictSummary.RuleSummary("path=/health min=1", "path=/health min=1", true, 2, 0.2));
        assertThat(summary.rules()).extracting(VerdictSummary.RuleSummary::passed).containsExactly(false, false, true);
    }

    @Test
    void givesAScriptPlainMapsListsAndValues() throws Exception {
        Map<String, Object> map = VerdictSummary.of(Verdicts.threeSourcesOneUnreadable(dir), 3).toMap();

        assertThat(map).containsEntry("outcome", "ERROR").containsEntry("passed", false)
                .containsEntry("summary", "ERROR: 1 of 3 sources could not be read");
        assertThat(map.keySet()).containsExactly("outcome", "passed", "summary", "rules", "logs");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> logs = (List<Map<String, Object>>) map.get("logs");
        assertThat(logs).hasSize(3);
        assertThat(logs.get(2)).containsEntry("outcome", "ERROR")
                .containsEntry("error", "no such file: " + dir.resolve("missing.log"))
                .containsEntry("hitsInWindow", 0L);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rules = (List<Map<String, Object>>) logs.get(1).get("rules");
        assertThat(rules.get(1)).containsExactly(Map.entry("name", "broken-links"),
                Map.entry("rule", Verdicts.BROKEN_LINKS), Map.entry("passed", false), Map.entry("count", 2L),
                Map.entry("share", 0.2));
        assertThat(map.get("rules")).isInstanceOf(java.util.ArrayList.class);
    }

    @Test
    void survivesSerialisationAsAnAgentSendsItBack() throws Exception {
        VerdictSummary summary = VerdictSummary.of(Verdicts.failing(), 5);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(summary);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(summary);
        }
    }

    @Test
    void aVerdictTravelsWholeSoThatItIsRenderedWhereItArrives() throws Exception {
        io.weblog.check.Verdict verdict = Verdicts.threeSourcesOneUnreadable(dir);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(verdict);
        }
        io.weblog.check.Verdict copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (io.weblog.check.Verdict) in.readObject();
        }

        assertThat(HtmlReport.fragment(copy)).isEqualTo(HtmlReport.fragment(verdict));
        assertThat(TextReport.render(copy, false)).isEqualTo(TextReport.render(verdict, false));
        assertThat(copy.rules().get(1).rule().name()).isEqualTo("broken-links");
    }
}
