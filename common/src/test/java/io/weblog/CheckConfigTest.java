package io.weblog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weblog.source.FileSource;
import io.weblog.source.ssh.SshSource;
import io.weblog.testing.LogLines;
import io.weblog.testing.TempLogs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings that each parse but do not fit together, or would do harm, are refused before anything is read. */
class CheckConfigTest {

    @TempDir
    Path dir;

    private ConfigException refusal(CheckConfig.Builder builder) {
        return (ConfigException) org.assertj.core.api.Assertions.catchThrowable(builder::build);
    }

    @Test
    void refusesToWriteAReportOrTheSavedWindowOverTheLogBeingChecked() throws Exception {
        Path log = TempLogs.write(dir.resolve("access.log"), LogLines.hit().combined());
        long size = Files.size(log);
        for (Setting setting : new Setting[] {Setting.SAVE_WINDOW, Setting.REPORT_JSON, Setting.REPORT_JUNIT,
            Setting.REPORT_HTML}) {
            CheckConfig.Builder builder = CheckConfig.builder().file(log.toString()).rule("status=5xx max=0");
            String sameFileOtherName = dir.resolve("sub/../access.log").toString();
            switch (setting) {
                case SAVE_WINDOW -> builder.saveWindow(sameFileOtherName);
                case REPORT_JSON -> builder.reportJson(sameFileOtherName);
                case REPORT_JUNIT -> builder.reportJunit(sameFileOtherName);
                default -> builder.reportHtml(sameFileOtherName);
            }
            ConfigException refused = refusal(builder);
            assertThat(refused).as(setting.name()).isNotNull();
            assertThat(refused.setting()).isEqualTo(setting);
            assertThat(refused.problem()).isEqualTo("is the log being checked; writing there would destroy it");
        }
        assertThat(Files.size(log)).isEqualTo(size);
    }

    @Test
    void refusesAReportPathThatCannotBeAFileBeforeReading() throws Exception {
        Path log = TempLogs.write(dir.resolve("access.log"), LogLines.hit().combined());
        assertThatThrownBy(() -> CheckConfig.builder().reportJson(dir.toString()))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.problem()).isEqualTo("is a directory; expected a file"));
        assertThatThrownBy(() -> CheckConfig.builder().reportJunit(log.resolve("TEST-weblog.xml").toString()))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.problem()).isEqualTo(log.toAbsolutePath() + " is not a directory"));
        assertThatThrownBy(() -> CheckConfig.builder().reportHtml("-"))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.problem()).startsWith("writing to standard output is not supported"));
        assertThat(CheckConfig.builder().file(log.toString()).rule("status=5xx max=0")
                .reportJson(dir.resolve("not/yet/made/verdict.json").toString()).build().reports().json())
                .isEqualTo(dir.resolve("not/yet/made/verdict.json"));
    }

    @Test
    void refusesToReplaceADeviceOrAPipeWithAReport() throws Exception {
        assertThatThrownBy(() -> CheckConfig.builder().reportJson("/dev/null"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problem())
                        .isEqualTo("is not a regular file (a device, pipe or socket); expected a file"));
        assertThatThrownBy(() -> CheckConfig.builder().saveWindow(dir.resolve("new-dir/").toString() + "/"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problem())
                        .isEqualTo("is a directory; expected a file"));
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling.json"), dir.resolve("nowhere/x.json"));
        assertThatThrownBy(() -> CheckConfig.builder().reportJson(dangling.toString()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problem())
                        .isEqualTo("is a symbolic link to nothing; expected a file"));
    }

    @Test
    void refusesTwoOutputsToOneFile() throws Exception {
        ConfigException refused = refusal(CheckConfig.builder().file("x").rule("status=5xx max=0")
                .reportJson(dir.resolve("out.txt").toString()).reportHtml(dir.resolve("out.txt").toString()));
        assertThat(refused.setting()).isEqualTo(Setting.REPORT_HTML);
        assertThat(refused.problem()).isEqualTo("another report or the saved window is written there too; give each "
                + "its own file");
    }

    @Test
    void refusesOneLogGivenTwiceAndAWindowThatEndsWhereItStarts() throws Exception {
        Path log = TempLogs.write(dir.resolve("access.log"), LogLines.hit().combined());
        CheckConfig.Builder once = CheckConfig.builder().file(log.toString());
        assertThatThrownBy(() -> once.file(dir.resolve("./access.log").toString()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problem())
                        .startsWith("this log is given twice"));
        assertThat(refusal(CheckConfig.builder().file("x").since("2024-10-10T12:00:00Z").until("2024-10-10T12:00:00Z")
                .rule("status=5xx max=0")).problem()).startsWith("the window is empty: it ends where it starts");
    }

    @Test
    void refusesTwoRulesOfOneName() throws Exception {
        CheckConfig.Builder labelled = CheckConfig.builder().file("x").rule("errors: status=5xx max=0");
        assertThatThrownBy(() -> labelled.rule("errors: status=404 max=3"))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.setting()).isEqualTo(Setting.RULE);
                    assertThat(e.problem()).startsWith("the label 'errors' is already another rule's");
                });
        CheckConfig.Builder twice = CheckConfig.builder().file("x").rule("status=5xx max=0");
        assertThatThrownBy(() -> twice.rule("status=5xx max=0")).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.problem()).isEqualTo("this rule is given twice"));
        assertThatThrownBy(() -> twice.rule("status=5xx   max=0")).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.problem()).isEqualTo("this rule is given twice"));
        assertThat(CheckConfig.builder().file("x").rule("status=5xx max=0").rule("status=5xx max=1%").build()
                .rules()).hasSize(2);
    }

    @Test
    void refusesAJumpHostWithoutHosts() throws Exception {
        assertThat(refusal(CheckConfig.builder().file("x").jump("ops@bastion").rule("status=5xx max=0")))
                .satisfies(e -> {
                    assertThat(e.setting()).isEqualTo(Setting.JUMP);
                    assertThat(e.problem()).contains("give a host too");
                });
    }

    @Test
    void refusesAFollowedWindowThatWouldStartAfterFollowingEnds() throws Exception {
        assertThat(refusal(CheckConfig.builder().file("x").follow("3s").since("2099-01-01T00:00:00Z")
                .rule("status=5xx max=0")).problem()).startsWith("the window would start after following ends");
        assertThat(CheckConfig.builder().file("x").follow("3s").since("1m").rule("status=5xx max=0").build()
                .window().follow()).hasSeconds(3);
    }

    @Test
    void saysWhatIsWrongWithADateThatDoesNotExistOrAFractionalSize() {
        assertThatThrownBy(() -> CheckConfig.builder().since("2024-02-30T11:00:03Z"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problem())
                        .isEqualTo("not a real date and time: Invalid date 'FEBRUARY 30'"));
        assertThatThrownBy(() -> CheckConfig.builder().maxLineLength("1.5k"))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.problem()).isEqualTo("expected a whole number, such as 1536KiB rather than 1.5MiB");
                    assertThat(e.column()).isEqualTo(2);
                });
    }

    @Test
    void refusesDurationsBeyondAHundredYears() {
        assertThatThrownBy(() -> CheckConfig.builder().since("9999999999999999999999d"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problem())
                        .isEqualTo("longer than any window weblog takes; expected at most 36500d"));
        assertThatThrownBy(() -> CheckConfig.builder().follow("P999999D"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.setting()).isEqualTo(Setting.FOLLOW));
    }
    @Test
    void takesRelativePathsFromTheDirectoryGivenAndTildeFromTheHome() throws Exception {
        Files.createDirectories(dir.resolve("logs"));
        Path log = TempLogs.write(dir.resolve("logs/access.log"), LogLines.hit().combined());
        Files.writeString(dir.resolve("known_hosts"), "");
        CheckConfig config = CheckConfig.builder().directory(dir)
                .file("logs/access.log")
                .reportJson("target/weblog/weblog.json")
                .rule("status=5xx max=0")
                .build();

        assertThat(config.sources()).containsExactly(new FileSource(log));
        assertThat(config.reports().json()).isEqualTo(dir.resolve("target/weblog/weblog.json"));
        SshSource remote = (SshSource) CheckConfig.builder().directory(dir).host("web1").log("/var/log/x")
                .knownHosts("known_hosts").rule("status=5xx max=0").build().sources().get(0);
        assertThat(remote.settings().knownHosts()).isEqualTo(dir.resolve("known_hosts"));
        SshSource home = (SshSource) CheckConfig.builder().host("web1").log("/var/log/x")
                .knownHosts("~/.ssh/other_hosts").acceptNewHostKey(true).rule("status=5xx max=0").build()
                .sources().get(0);
        assertThat(home.settings().knownHosts())
                .isEqualTo(Path.of(System.getProperty("user.home"), ".ssh", "other_hosts"));
    }

    @Test
    void logsInAsTheDefaultUserOnlyOnHostsGivenWithoutOne() throws Exception {
        CheckConfig config = CheckConfig.builder().user("deploy").host("web1").host("ops@web2:2222")
                .log("/var/log/x").insecureAcceptAnyHostKey(true).rule("status=5xx max=0").build();

        assertThat(config.sources()).extracting(source -> ((SshSource) source).host().toString())
                .containsExactly("deploy@web1", "ops@web2:2222");
        assertThatThrownBy(() -> CheckConfig.builder().user("de ploy"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.setting()).isEqualTo(Setting.USER));
        assertThatThrownBy(() -> CheckConfig.builder().user("deploy").host("web1").host("deploy@web1").log("/x")
                .insecureAcceptAnyHostKey(true).rule("status=5xx max=0").build())
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.problem()).isEqualTo("this host is given twice"));
    }

    @Test
    void describesAProblemWithTheSettingNamedAsTheFrontDoorNamesIt() {
        ConfigException rule = catchConfigException(() -> CheckConfig.builder().rule("status=5xx mux=0"));
        ConfigException missing = catchConfigException(() -> CheckConfig.builder().file("x").build());

        assertThat(rule.describe("<rules>")).isEqualTo("<rules> 'status=5xx mux=0': unknown field 'mux'; expected "
                + "one of status, path, query, referrer, method, agent, client, vhost, user, protocol, duration at column 12");
        assertThat(missing.describe("<rules>"))
                .isEqualTo("no rules; give at least one, such as status=5xx max=0 (<rules>)");
        assertThat(rule.explain("--rule")).isEqualTo(rule.describe("--rule") + "\n  status=5xx mux=0\n             ^");
        assertThat(missing.explain("<rules>")).isEqualTo(missing.describe("<rules>"));
    }

    @Test
    void aRuleWrappedOverSeveralLinesReadsAsOneLine() throws Exception {
        Path log = TempLogs.write(dir.resolve("access.log"), LogLines.hit().combined());
        CheckConfig config = CheckConfig.builder().file(log.toString())
                .rule("\n      broken: status=404\n\t  referrer!=-\r\n      max=0\n    ").build();

        assertThat(config.rules().get(0).text()).isEqualTo("broken: status=404 referrer!=- max=0");
    }

    @Test
    void aRelativePathIsTakenFromTheDirectoryAndNormalised() throws Exception {
        Path log = TempLogs.write(dir.resolve("access.log"), LogLines.hit().combined());
        Files.createDirectories(dir.resolve("project"));

        CheckConfig config = CheckConfig.builder().directory(dir.resolve("project")).file("../access.log")
                .rule("status=5xx max=0").build();

        assertThat(config.sources()).containsExactly(new FileSource(log));
    }

    private static ConfigException catchConfigException(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        return (ConfigException) org.assertj.core.api.Assertions.catchThrowable(call);
    }
}
