package io.weblog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weblog.check.CheckListener;
import io.weblog.check.Outcome;
import io.weblog.check.Probe;
import io.weblog.check.Verdict;
import io.weblog.source.FileSource;
import io.weblog.source.ssh.HostKeyPolicy;
import io.weblog.source.ssh.SshSource;
import io.weblog.testing.LogLines;
import io.weblog.testing.TempLogs;
import io.weblog.testing.TestKeys;
import io.weblog.testing.TestLogServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings a build tool carries to where the check runs, read into a configuration there. */
class CheckSettingsTest {
    @TempDir
    Path dir;

    private CheckSettings remote() throws Exception {
        KeyPair key = TestKeys.ed25519();
        String keyText = Files.readString(TestKeys.writeOpenSsh(key, dir.resolve("id_ed25519"), "pass phrase"));
        Files.writeString(dir.resolve("known_hosts"), "");
        return new CheckSettings()
                .directory(dir.toString())
                .hosts(List.of("web1", "ops@web2:2222", " "))
                .user("deploy")
                .log("/var/log/nginx/access.log")
                .format("combined")
                .rules(List.of("status=5xx max=0", "", "health: path=/health min=5"))
                .since("30m")
                .stopOn("path=/deploy-done")
                .allowEmpty(true)
                .samples(3)
                .maxLineLength("64KiB")
                .parallelism(4)
                .privateKeys(List.of(Secret.of(keyText, "credentials 'deploy-key'")))
                .passphrase(Secret.of("pass phrase", "credentials 'deploy-key'"))
                .password(Secret.of("s3cret", "credentials 'deploy-password'"))
                .knownHosts("known_hosts")
                .hostKeys(List.of(TestKeys.authorizedKeysLine(key.getPublic())))
                .acceptNewHostKey(true)
                .jump("ops@bastion")
                .connectTimeout("5s")
                .sftp(true)
                .reports("reports/weblog.json", "reports/TEST-weblog.xml", "reports/weblog.html");
    }

    @Test
    void readsEverySettingIntoTheConfigurationTakingPathsFromTheDirectory() throws Exception {
        CheckConfig config = remote().toConfig();

        assertThat(config.sources()).extracting(source -> ((SshSource) source).host().toString())
                .containsExactly("deploy@web1", "ops@web2:2222");
        SshSource web1 = (SshSource) config.sources().get(0);
        assertThat(web1.path()).isEqualTo("/var/log/nginx/access.log");
        assertThat(web1.settings().keys()).hasSize(1);
        assertThat(web1.settings().identities()).isEmpty();
        assertThat(web1.settings().password().reveal()).isEqualTo("s3cret");
        assertThat(web1.settings().knownHosts()).isEqualTo(dir.resolve("known_hosts"));
        assertThat(web1.settings().pinnedKeys()).hasSize(1).allMatch(fingerprint -> fingerprint.startsWith("SHA256:"));
        assertThat(web1.settings().policy()).isEqualTo(HostKeyPolicy.ACCEPT_NEW);
        assertThat(web1.settings().jumps()).hasSize(1);
        assertThat(web1.settings().connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(web1.settings().sftpOnly()).isTrue();
        assertThat(config.format().name()).isEqualTo("combined");
        assertThat(config.rules()).extracting(rule -> rule.name()).containsExactly("status=5xx max=0", "health");
        assertThat(config.window().since()).hasToString("30m ago");
        assertThat(config.window().stopOn()).isNotNull();
        assertThat(config.allowEmpty()).isTrue();
        assertThat(config.limits()).isEqualTo(new Limits(3, 64 * 1024, 4));
        assertThat(config.reports()).isEqualTo(new ReportTargets(dir.resolve("reports/weblog.json"),
                dir.resolve("reports/TEST-weblog.xml"), dir.resolve("reports/weblog.html")));
    }

    @Test
    void survivesSerialisationAsABuildToolSendsItToAnAgent() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(remote());
        }
        CheckSettings copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (CheckSettings) in.readObject();
        }

        CheckConfig config = copy.toConfig();
        assertThat(((SshSource) config.sources().get(0)).settings().password().reveal()).isEqualTo("s3cret");
        assertThat(config.rules()).hasSize(2);
    }

    @Test
    void neverWritesASecretWhereItCouldBeRead() throws Exception {
        String keyText = Files.readString(TestKeys.writeOpenSsh(TestKeys.ed25519(), dir.resolve("k"), null));
        Secret key = Secret.of(keyText, "credentials 'deploy-key'");

        assertThat(key).hasToString("[secret from credentials 'deploy-key']");
        ConfigException refused = (ConfigException) org.assertj.core.api.Assertions.catchThrowable(() ->
                new CheckSettings().hosts(List.of("web1")).log("/x").rules(List.of("status=5xx max=0"))
                        .privateKeys(List.of(Secret.of("-----BEGIN OPENSSH PRIVATE KEY-----\nbm90IGEga2V5\n"
                                + "-----END OPENSSH PRIVATE KEY-----\n", "credentials 'broken'")))
                        .toConfig());
        assertThat(refused.setting()).isEqualTo(Setting.IDENTITY);
        assertThat(refused.input()).isEqualTo("credentials 'broken'");
        assertThat(refused.getMessage()).doesNotContain("bm90IGEga2V5");
    }

    @Test
    void aKeyGivenAsTextIsDecryptedWithThePassphraseOrRefusedSayingWhy() throws Exception {
        String keyText = Files.readString(TestKeys.writeOpenSsh(TestKeys.ed25519(), dir.resolve("k"), "right"));
        CheckSettings settings = new CheckSettings().hosts(List.of("web1")).log("/x").rules(List.of("status=5xx max=0"))
                .insecureAcceptAnyHostKey(true).privateKeys(List.of(Secret.of(keyText, "credentials 'k'")));

        assertThat(settings.passphrase(Secret.of("right", "p")).toConfig().sources()).hasSize(1);
        assertThatThrownBy(() -> settings.passphrase(Secret.of("wrong", "p")).toConfig())
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problem())
                        .isEqualTo("cannot use this key: the passphrase does not decrypt it"));
        assertThatThrownBy(() -> settings.passphrase(null).toConfig())
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problem())
                        .isEqualTo("cannot use this key: it is encrypted and no passphrase was given"));
    }

    @Test
    void aHostKeyIsPinnedByItsFingerprintOrByThePublicKeyItself() throws Exception {
        KeyPair key = TestKeys.ed25519();
        String line = TestKeys.authorizedKeysLine(key.getPublic()) + " web1";
        CheckConfig config = CheckConfig.builder().host("web1").log("/x").rule("status=5xx max=0")
                .hostKey(line).hostKey(TestKeys.fingerprint(key.getPublic())).build();

        assertThat(((SshSource) config.sources().get(0)).settings().pinnedKeys())
                .containsExactly(TestKeys.fingerprint(key.getPublic()), TestKeys.fingerprint(key.getPublic()));
        assertThatThrownBy(() -> CheckConfig.builder().hostKey("ssh-ed25519 AAAAnotakey"))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.problem()).startsWith("not a public key: "));
        assertThatThrownBy(() -> CheckConfig.builder().hostKey("MD5:12:34"))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.problem()).startsWith("expected a SHA-256 fingerprint such as "));
    }

    @Test
    void localFilesAreTakenFromTheDirectory() throws Exception {
        Path log = TempLogs.write(dir.resolve("access.log"), LogLines.hit().combined());

        CheckConfig config = new CheckSettings().directory(dir.toString()).files(Arrays.asList("access.log", null, ""))
                .rules(List.of("status=5xx max=0")).toConfig();

        assertThat(config.sources()).containsExactly(new FileSource(log));
        assertThat(new String(Files.readAllBytes(log), StandardCharsets.UTF_8)).isNotEmpty();
    }

    @Test
    void logsInWithAKeyGivenAsTextAsAJenkinsCredentialHoldsIt() throws Exception {
        try (TestLogServer server = TestLogServer.start(dir)) {
            server.append(LogLines.hit().combined(), LogLines.hit().get("/broken").status(500).combined());
            CheckConfig config = new CheckSettings()
                    .hosts(List.of(server.host() + ":" + server.port()))
                    .log("access.log")
                    .knownHosts(server.knownHosts().toString())
                    .privateKeys(List.of(Secret.of(Files.readString(server.clientKey()), "credentials 'deploy-key'")))
                    .rules(List.of("status=5xx max=0"))
                    .toConfig();

            Verdict verdict = Weblog.verify(config, CheckListener.NONE);

            assertThat(verdict.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(verdict.rules().get(0).count()).isEqualTo(1);
        }
    }

    @Test
    void aProbeNeedsNoRule() throws Exception {
        try (TestLogServer server = TestLogServer.start(dir)) {
            List<Probe> probes = new CheckSettings().hosts(List.of(server.host() + ":" + server.port()))
                    .log("access.log").knownHosts(server.knownHosts().toString())
                    .identities(List.of(server.clientKey().toString())).probe();

            assertThat(probes).singleElement().satisfies(probe -> assertThat(probe.readable()).isTrue());
        }
    }

    @Test
    void theUsersOwnKeysAreOfferedOnlyWhenNotTurnedOff() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home/.ssh")).getParent();
        try (TestLogServer server = TestLogServer.start(Files.createDirectories(dir.resolve("server")))) {
            Files.copy(server.clientKey(), home.resolve(".ssh/id_ed25519"));
            CheckSettings settings = new CheckSettings().hosts(List.of(server.host() + ":" + server.port()))
                    .log("access.log").knownHosts(server.knownHosts().toString());
            String realHome = System.getProperty("user.home");
            System.setProperty("user.home", home.toString());
            try {
                assertThat(settings.probe().get(0).readable()).isTrue();
                Probe refused = settings.defaultKeys(false).probe().get(0);
                assertThat(refused.readable()).isFalse();
                assertThat(refused.detail()).contains("no key or password was available");
            } finally {
                System.setProperty("user.home", realHome);
            }
        }
    }

    @Test
    void takesYesOrNoAndNumbersAsTextOnlyWhenTheyAreOne() throws Exception {
        Path log = TempLogs.write(dir.resolve("access.log"), LogLines.hit().combined());
        CheckConfig config = new CheckSettings().files(List.of(log.toString())).rules(List.of("status=5xx max=0"))
                .allowEmpty(" TRUE ").groupAll("false").samples(" 7").parallelism("3").toConfig();
        assertThat(config.allowEmpty()).isTrue();
        assertThat(config.groupAll()).isFalse();
        assertThat(config.limits().samples()).isEqualTo(7);
        assertThat(config.limits().parallelism()).isEqualTo(3);
        assertThat(new CheckSettings().files(List.of(log.toString())).rules(List.of("status=5xx max=0"))
                .allowEmpty("").samples(" ").toConfig().limits().samples()).isEqualTo(Limits.DEFAULT_SAMPLES);

        assertThatThrownBy(() -> new CheckSettings().files(List.of(log.toString())).rules(List.of("status=5xx max=0"))
                .allowEmpty("ture").toConfig()).isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.setting()).isEqualTo(Setting.ALLOW_EMPTY);
                    assertThat(e.describe("--allow-empty")).isEqualTo("--allow-empty 'ture': expected true or false");
                });
        for (Setting setting : List.of(Setting.GROUPS, Setting.SFTP, Setting.ACCEPT_NEW_HOST_KEY,
                Setting.INSECURE_ACCEPT_ANY_HOST_KEY)) {
            CheckSettings settings = new CheckSettings().hosts(List.of("web1")).log("/x").rules(List.of("max=0"));
            switch (setting) {
                case GROUPS -> settings.groupAll("1");
                case SFTP -> settings.sftp("1");
                case ACCEPT_NEW_HOST_KEY -> settings.acceptNewHostKey("1");
                default -> settings.insecureAcceptAnyHostKey("1");
            }
            assertThatThrownBy(settings::toConfig).as(setting.name()).isInstanceOfSatisfying(ConfigException.class,
                    e -> assertThat(e.setting()).isEqualTo(setting));
        }
        assertThatThrownBy(() -> new CheckSettings().files(List.of(log.toString())).rules(List.of("max=0"))
                .samples("1e3").toConfig()).isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.setting()).isEqualTo(Setting.SAMPLES);
                    assertThat(e.column()).isEqualTo(2);
                    assertThat(e.pointer()).isEqualTo("1e3" + System.lineSeparator() + " ^");
                });
        assertThatThrownBy(() -> new CheckSettings().files(List.of(log.toString())).rules(List.of("max=0"))
                .parallelism("99999999999").toConfig()).isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.problem()).isEqualTo("expected a whole number of sources at once from 1 to "
                                + "1000"));
    }

    @Test
    void aYesOrNoOfTheFrontDoorsOwnIsReadTheSameWay() throws Exception {
        assertThat(TrueOrFalse.parse(null, true, null)).isTrue();
        assertThat(TrueOrFalse.parse(" ", false, null)).isFalse();
        assertThat(TrueOrFalse.parse("False", true, null)).isFalse();
        assertThatThrownBy(() -> TrueOrFalse.parse("yes", true, null)).isInstanceOfSatisfying(ConfigException.class,
                e -> {
                    assertThat(e.setting()).isNull();
                    assertThat(e.explain("<skip>")).isEqualTo("<skip> 'yes': expected true or false");
                });
    }
}

