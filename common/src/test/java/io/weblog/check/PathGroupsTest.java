package io.weblog.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.weblog.CheckConfig;
import io.weblog.Weblog;
import io.weblog.testing.LogLines;
import io.weblog.testing.TempLogs;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A rule's hits grouped by path with the pages that link to them: which links broke, and where. */
class PathGroupsTest {
    private static final String BROKEN = "broken-links: status=404 referrer^=https://shop.example.com/ max=0";

    @TempDir
    Path dir;

    private static String broken(String path, String from, String time) {
        return LogLines.hit().at(time).get(path).status(404).referrer("https://shop.example.com" + from).combined();
    }

    @Test
    void groupsAFailedRulesHitsByPathWithTheirTimesAndReferrersMostFirst() throws Exception {
        Path log = TempLogs.write(dir.resolve("access.log"),
                broken("/old", "/cart", "2024-10-10T13:00:00+02:00"),
                broken("/gone", "/", "2024-10-10T13:01:00+02:00"),
                broken("/old", "/", "2024-10-10T13:02:00+02:00"),
                broken("/old", "/cart", "2024-10-10T13:03:00+02:00"),
                LogLines.hit().get("/old").status(404).combined(),
                LogLines.hit().get("/fine").combined());

        Verdict verdict = Weblog.verify(CheckConfig.builder().file(log.toString()).rule(BROKEN)
                .rule("status=404 max=5").build(), CheckListener.NONE);

        PathGroups groups = verdict.sources().get(0).rules().get(0).groups();
        assertThat(groups.otherHits()).isZero();
        assertThat(groups.paths()).extracting(PathGroups.PathGroup::path).containsExactly("/old", "/gone");
        PathGroups.PathGroup old = groups.paths().get(0);
        assertThat(old.count()).isEqualTo(3);
        assertThat(old.first()).isEqualTo(Instant.parse("2024-10-10T11:00:00Z"));
        assertThat(old.last()).isEqualTo(Instant.parse("2024-10-10T11:03:00Z"));
        assertThat(old.referrers()).containsExactly(
                new PathGroups.Referrer("https://shop.example.com/cart", 2),
                new PathGroups.Referrer("https://shop.example.com/", 1));
        assertThat(verdict.sources().get(0).rules().get(1).groups()).as("a rule that held").isNull();
        assertThat(verdict.rules().get(0).groups()).isEqualTo(groups);
    }

    @Test
    void groupsEveryRuleWhenAskedCountingHitsWithoutAReferrer() throws Exception {
        Path log = TempLogs.write(dir.resolve("access.log"), LogLines.hit().get("/health").combined(),
                LogLines.hit().get("/health").combined(), LogLines.hit().get("/").referrer("https://a/").combined());

        Verdict verdict = Weblog.verify(CheckConfig.builder().file(log.toString()).rule("min=1").groupAll(true)
                .build(), CheckListener.NONE);

        PathGroups groups = verdict.rules().get(0).groups();
        assertThat(groups.paths()).extracting(PathGroups.PathGroup::path).containsExactly("/health", "/");
        assertThat(groups.paths().get(0).withoutReferrer()).isEqualTo(2);
        assertThat(groups.paths().get(0).referrers()).isEmpty();
    }

    @Test
    void keepsTheMostHitPathsAndReferrersWithinItsBoundsCountingWhatItLeavesOut() {
        PathGroups.Builder builder = new PathGroups.Builder();
        for (int i = 0; i < PathGroups.COUNTED_PATHS + 30; i++) {
            builder.add("/p" + i, "https://a/", null);
        }
        builder.add("/p499", "https://a/", null);
        for (int i = 0; i < PathGroups.COUNTED_REFERRERS + 5; i++) {
            builder.add("/p0", "https://r" + i + "/", null);
        }
        builder.add("/p0", "https://r40/", null);

        PathGroups groups = builder.build();

        assertThat(groups.paths()).hasSize(PathGroups.MAX_PATHS);
        assertThat(groups.paths()).extracting(PathGroups.PathGroup::path).startsWith("/p0", "/p499", "/p1");
        assertThat(groups.otherHits()).as("30 never counted, 400 counted but not kept")
                .isEqualTo(30 + PathGroups.COUNTED_PATHS - PathGroups.MAX_PATHS);
        PathGroups.PathGroup p0 = groups.paths().get(0);
        assertThat(p0.referrers()).hasSize(PathGroups.MAX_REFERRERS);
        assertThat(p0.referrers().get(0)).isEqualTo(new PathGroups.Referrer("https://r40/", 2));
        assertThat(p0.otherReferrers()).as("5 never counted, 31 counted but not kept").isEqualTo(5 + 31);
        assertThat(p0.referrers().stream().mapToLong(PathGroups.Referrer::count).sum() + p0.otherReferrers())
                .isEqualTo(p0.count());
    }

    @Test
    void combinesTheGroupsOfSeveralLogs() {
        PathGroups.Builder a = new PathGroups.Builder();
        a.add("/old", "https://x/", Instant.parse("2024-10-10T11:00:00Z"));
        PathGroups.Builder b = new PathGroups.Builder();
        b.add("/old", "https://x/", Instant.parse("2024-10-10T12:00:00Z"));
        b.add("/new", null, null);

        PathGroups both = PathGroups.combine(List.of(a.build(), b.build()));

        assertThat(both.paths().get(0)).isEqualTo(new PathGroups.PathGroup("/old", 2,
                Instant.parse("2024-10-10T11:00:00Z"), Instant.parse("2024-10-10T12:00:00Z"),
                List.of(new PathGroups.Referrer("https://x/", 2)), 0, 0));
        assertThat(both.paths().get(1).path()).isEqualTo("/new");
    }

    @Test
    void aLargeFileReadInPartsGroupsExactlyAsOneReadInOrder() throws Exception {
        List<String> lines = new ArrayList<>();
        String padding = "x".repeat(120);
        for (int i = 0; i < 160_000; i++) {
            lines.add(i % 7 == 0
                    ? broken("/broken/" + (i % 130), "/page/" + (i % 23), "2024-10-10T13:00:00+02:00")
                    : LogLines.hit().get("/ok/" + padding).combined());
        }
        Path log = TempLogs.write(dir.resolve("large.log"), lines);

        Verdict parallel = Weblog.verify(CheckConfig.builder().file(log.toString()).rule(BROKEN).build(),
                CheckListener.NONE);
        Verdict sequential = Weblog.verify(CheckConfig.builder().file(log.toString()).rule(BROKEN)
                .stopOn("path=/never").build(), CheckListener.NONE);

        PathGroups inParts = parallel.rules().get(0).groups();
        assertThat(inParts.paths()).hasSize(PathGroups.MAX_PATHS);
        assertThat(inParts.otherHits()).isPositive();
        assertThat(inParts.paths().stream().mapToLong(PathGroups.PathGroup::count).sum() + inParts.otherHits())
                .isEqualTo(parallel.rules().get(0).count());
        assertThat(inParts).isEqualTo(sequential.rules().get(0).groups());
    }
}
