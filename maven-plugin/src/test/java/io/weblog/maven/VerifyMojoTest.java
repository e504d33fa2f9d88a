package io.weblog.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weblog.CheckConfig;
import io.weblog.Weblog;
import io.weblog.check.CheckListener;
import io.weblog.check.Verdict;
import io.weblog.source.FileSource;
import io.weblog.source.ssh.HostKeyPolicy;
import io.weblog.source.ssh.HostSpec;
import io.weblog.source.ssh.SshSource;
import io.weblog.testing.LogLines;
import io.weblog.testing.TempLogs;
import io.weblog.testing.TestKeys;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.DefaultSettingsProblem;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Mojo's two translations, without Maven running: its parameters into the engine's configuration, and the
 * engine's verdict into Maven's outcome. Real Maven builds of the whole goal are the invoker tests in src/it.
 */
class VerifyMojoTest {
    @TempDir
    Path project;

    private Path log;

    @BeforeEach
    void writeLog() {
        log = TempLogs.write(project.resolve("access.log"), LogLines.hit().combined(),
                LogLines.hit().get("/checkout").status(502).referrer("https://shop.example.com/cart").combined());
    }

    /** A Mojo as Maven makes it for a project in {@link #project}, with the parameters' defaults. */
    private VerifyMojo mojo(SettingsDecrypter decrypter) {
        VerifyMojo mojo = new VerifyMojo(decrypter);
        mojo.basedir = project.toFile();
        mojo.reportDirectory = project.resolve("target/weblog").toFile();
        mojo.executionId = "default-cli";
        mojo.settings = new Settings();
        return mojo;
    }

    private VerifyMojo mojo() {
        return mojo(request -> {
            throw new AssertionError("no secret to decrypt");
        });
    }

    @Test
    void readsLocalFilesRelativeToTheProjectAndWritesTheReportsIntoTheReportDirectory() throws Exception {
        VerifyMojo mojo = mojo();
        mojo.files = List.of("access.log");
        mojo.rules = List.of("status=5xx max=0");

        CheckConfig config = mojo.configuration();

        assertThat(config.sources()).containsExactly(new FileSource(log));
        assertThat(config.rules()).extracting(rule -> rule.text()).containsExactly("status=5xx max=0");
        assertThat(config.reports().json()).isEqualTo(project.resolve("target/weblog/weblog.json"));
        assertThat(config.reports().junit()).isEqualTo(project.resolve("target/weblog/TEST-weblog.xml"));
        assertThat(config.reports().html()).isEqualTo(project.resolve("target/weblog/weblog.html"));
        assertThat(config.limits().samples()).isEqualTo(5);
        assertThat(config.limits().parallelism()).isEqualTo(16);
        assertThat(config.limits().maxLineBytes()).isEqualTo(1024 * 1024);
        assertThat(config.allowEmpty()).isFalse();
        assertThat(config.format()).isNull();
    }

    @Test
    void mapsEveryParameterOntoTheSettingOfTheSameMeaning() throws Exception {
        Path key = TestKeys.writeOpenSsh(TestKeys.ed25519(), project.resolve("id_ed25519"), null);
        Files.writeString(project.resolve("known_hosts"), "");
        String fingerprint = TestKeys.fingerprint(TestKeys.ed25519().getPublic());
        String another = TestKeys.fingerprint(TestKeys.ed25519().getPublic());
        VerifyMojo mojo = mojo();
        mojo.hosts = List.of("deploy@web1", "web2:2222");
        mojo.log = "/var/log/nginx/access.log";
        mojo.format = "combined";
        mojo.rules = List.of("status=5xx max=0", "broken-links: status=404 referrer!=- max=0");
        mojo.rule = "path=/health min=5";
        mojo.since = "2024-10-10T13:00:00Z";
        mojo.until = "2024-10-10T14:00:00Z";
        mojo.stopOn = "path=/deploy-done";
        mojo.allowEmpty = true;
        mojo.samples = 7;
        mojo.maxLineLength = "64KiB";
        mojo.parallelism = 3;
        mojo.identities = List.of("id_ed25519");
        mojo.knownHosts = "known_hosts";
        mojo.hostKey = fingerprint + ", " + another;
        mojo.acceptNewHostKey = true;
        mojo.jump = "ops@bastion:2200,inner";
        mojo.connectTimeout = "5s";
        mojo.sftp = true;
        mojo.saveWindow = "target/window.log";

        CheckConfig config = mojo.configuration();

        assertThat(config.sources()).hasSize(2).allMatch(source -> source instanceof SshSource);
        SshSource web1 = (SshSource) config.sources().get(0);
        assertThat(config.sources()).extracting(source -> ((SshSource) source).host().toString())
                .containsExactly("deploy@web1", "web2:2222");
        assertThat(web1.path()).isEqualTo("/var/log/nginx/access.log");
        assertThat(web1.settings().identities()).containsExactly(key);
        assertThat(web1.settings().knownHosts()).isEqualTo(project.resolve("known_hosts"));
        assertThat(web1.settings().pinnedKeys()).containsExactly(fingerprint, another);
        assertThat(web1.settings().policy()).isEqualTo(HostKeyPolicy.ACCEPT_NEW);
        assertThat(web1.settings().jumps()).containsExactly(new HostSpec("ops", "bastion", 2200),
                new HostSpec(null, "inner", 22));
        assertThat(web1.settings().connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(web1.settings().sftpOnly()).isTrue();
        assertThat(config.format().name()).isEqualTo("combined");
        assertThat(config.rules()).extracting(rule -> rule.text()).containsExactly("status=5xx max=0",
                "broken-links: status=404 referrer!=- max=0", "path=/health min=5");
        assertThat(config.window().since()).hasToString("2024-10-10T13:00:00Z");
        assertThat(config.window().until()).hasToString("2024-10-10T14:00:00Z");
        assertThat(config.window().stopOn()).isNotNull();
        assertThat(config.allowEmpty()).isTrue();
        assertThat(config.limits().samples()).isEqualTo(7);
        assertThat(config.limits().maxLineBytes()).isEqualTo(64 * 1024);
        assertThat(config.limits().parallelism()).isEqualTo(3);
        assertThat(config.saveWindow()).isEqualTo(project.resolve("target/window.log"));

        mojo.until = null;
        mojo.follow = "2m";
        mojo.acceptNewHostKey = false;
        mojo.insecureAcceptAnyHostKey = true;
        CheckConfig followed = mojo.configuration();
        assertThat(followed.window().follow()).isEqualTo(Duration.ofMinutes(2));
        assertThat(((SshSource) followed.sources().get(0)).settings().policy())
                .isEqualTo(HostKeyPolicy.INSECURE_ACCEPT_ANY);
    }

    @Test
    void namesTheReportsAfterAnExecutionOfItsOwn() throws Exception {
        VerifyMojo mojo = mojo();
        mojo.files = List.of("access.log");
        mojo.rules = List.of("status=5xx max=0");
        mojo.executionId = "smoke";

        CheckConfig config = mojo.configuration();

        assertThat(config.reports().junit()).isEqualTo(project.resolve("target/weblog/TEST-weblog-smoke.xml"));
        assertThat(config.reports().json()).isEqualTo(project.resolve("target/weblog/weblog-smoke.json"));
    }

    @Test
    void writesReportsUnderTargetWhenThereIsNoPomToResolveTheBuildDirectory() throws Exception {
        VerifyMojo mojo = mojo();
        mojo.files = List.of("access.log");
        mojo.rules = List.of("status=5xx max=0");
        mojo.reportDirectory = new File("${project.basedir}/target/weblog");

        assertThat(mojo.configuration().reports().html()).isEqualTo(project.resolve("target/weblog/weblog.html"));
    }

    @Test
    void aBadParameterIsABuildErrorNamingItTheValueAndTheColumn() {
        VerifyMojo mojo = mojo();
        mojo.files = List.of("access.log");
        mojo.rules = List.of("status=5xx mux=0");

        assertThatThrownBy(mojo::configuration).isInstanceOf(MojoExecutionException.class)
                .hasMessage("<rules> 'status=5xx mux=0': unknown field 'mux'; expected one of status, path, query, "
                        + "referrer, method, agent, client, vhost, user, protocol, duration at column 12\n"
                        + "  status=5xx mux=0\n"
                        + "             ^");

        mojo.rules = List.of("status=5xx max=0");
        mojo.follow = "2x";
        assertThatThrownBy(mojo::configuration).isInstanceOf(MojoExecutionException.class)
                .hasMessageStartingWith("<follow> '2x': ");

        mojo.follow = null;
        mojo.files = List.of();
        assertThatThrownBy(mojo::configuration).isInstanceOf(MojoExecutionException.class)
                .hasMessage("no log to read; give a file or a host (<files>)");
    }

    @Test
    void takesUserPasswordKeyAndPassphraseFromTheSettingsServer() throws Exception {
        String passphrase = "correct horse battery staple";
        Path key = TestKeys.writeOpenSsh(TestKeys.ed25519(), project.resolve("id_encrypted"), passphrase);
        Server server = new Server();
        server.setId("web");
        server.setUsername("deploy");
        server.setPassword("{encrypted}");
        server.setPrivateKey(key.toString());
        server.setPassphrase("{encrypted passphrase}");
        List<String> decrypted = new ArrayList<>();
        VerifyMojo mojo = mojo(request -> {
            Server plain = request.getServers().get(0).clone();
            decrypted.add(plain.getId());
            plain.setPassword("s3cret");
            plain.setPassphrase(passphrase);
            return result(plain, List.of());
        });
        mojo.settings.addServer(server);
        mojo.serverId = "web";
        mojo.hosts = List.of("web1", "ops@web2");
        mojo.log = "/var/log/x";
        mojo.insecureAcceptAnyHostKey = true;
        mojo.rules = List.of("status=5xx max=0");

        CheckConfig config = mojo.configuration();

        assertThat(decrypted).containsExactly("web");
        SshSource web1 = (SshSource) config.sources().get(0);
        assertThat(config.sources()).extracting(source -> ((SshSource) source).host().toString())
                .containsExactly("deploy@web1", "ops@web2");
        assertThat(web1.settings().password().reveal()).isEqualTo("s3cret");
        assertThat(web1.settings().password()).hasToString("[secret from <server> 'web' in settings.xml]");
        assertThat(web1.settings().passphrase().reveal()).isEqualTo(passphrase);
        assertThat(web1.settings().identities()).containsExactly(key);
    }

    @Test
    void anUnknownServerOrASecretThatCannotBeDecryptedIsABuildErrorSayingSo() {
        Server other = new Server();
        other.setId("nexus");
        VerifyMojo mojo = mojo(request -> result(request.getServers().get(0),
                List.of(new DefaultSettingsProblem("Failed to decrypt password for server web: "
                        + "javax.crypto.BadPaddingException", SettingsProblem.Severity.ERROR, "server: web", -1, -1,
                        null))));
        mojo.settings.addServer(other);
        mojo.serverId = "web";
        mojo.hosts = List.of("web1");
        mojo.log = "/var/log/x";
        mojo.rules = List.of("status=5xx max=0");

        assertThatThrownBy(mojo::configuration).isInstanceOf(MojoExecutionException.class)
                .hasMessage("<serverId> 'web': settings.xml has no <server> with this id; it has nexus");

        Server web = new Server();
        web.setId("web");
        web.setPassword("{garbled}");
        mojo.settings.addServer(web);
        assertThatThrownBy(mojo::configuration).isInstanceOf(MojoExecutionException.class)
                .hasMessageStartingWith("cannot decrypt the secrets of <server> 'web' in settings.xml: Failed to "
                        + "decrypt password for server web");
    }

    @Test
    void anEnvironmentVariableMavenCouldNotResolveIsNamedInsteadOfTakenForAnEncryptedPassword() {
        Server server = new Server();
        server.setId("web");
        server.setPassword("${env.DEPLOY_PASSWORD}");
        VerifyMojo mojo = mojo();
        mojo.settings.addServer(server);
        mojo.serverId = "web";
        mojo.hosts = List.of("web1");
        mojo.log = "/var/log/x";
        mojo.rules = List.of("status=5xx max=0");

        assertThatThrownBy(mojo::configuration).isInstanceOf(MojoExecutionException.class)
                .hasMessage("<server> 'web' in settings.xml: its <password> holds ${env.DEPLOY_PASSWORD}, which Maven "
                        + "could not resolve: the environment variable DEPLOY_PASSWORD is not set");
    }

    @Test
    void aConfigurationRefusedLeavesNoReportOfAnEarlierCheckBehind() throws Exception {
        VerifyMojo mojo = mojo();
        mojo.files = List.of("access.log");
        mojo.rules = List.of("status=404 max=0");
        CheckConfig passing = mojo.configuration();
        io.weblog.report.Reports.write(Weblog.verify(passing, CheckListener.NONE), passing.reports());
        assertThat(passing.reports().json()).exists();

        mojo.rules = List.of("status=404 mux=0");
        assertThatThrownBy(mojo::configuration).isInstanceOf(MojoExecutionException.class);

        assertThat(passing.reports().json()).doesNotExist();
        assertThat(passing.reports().junit()).doesNotExist();
        assertThat(passing.reports().html()).doesNotExist();
        assertThat(log).exists();
    }

    @Test
    void onlyTheDefaultExecutionsWriteReportsWithoutAnId() throws Exception {
        VerifyMojo mojo = mojo();
        mojo.files = List.of("access.log");
        mojo.rules = List.of("status=5xx max=0");
        for (String id : List.of("default", "default-cli")) {
            mojo.executionId = id;
            assertThat(mojo.configuration().reports().json()).hasFileName("weblog.json");
        }
        mojo.executionId = "defaults-for-prod";
        assertThat(mojo.configuration().reports().json()).hasFileName("weblog-defaults-for-prod.json");
    }

    @Test
    void aPassingVerdictEndsQuietly() throws Exception {
        RecordingLog buildLog = new RecordingLog();

        assertThatCode(() -> VerifyMojo.judge(verdict("status=404 max=0"), true, buildLog)).doesNotThrowAnyException();
        assertThat(buildLog.lines).isEmpty();
    }

    @Test
    void aFailedRuleIsABuildFailureNamingTheRuleItsCountAndTheFirstHits() throws Exception {
        assertThatThrownBy(() -> VerifyMojo.judge(verdict("status=5xx max=0"), true, new RecordingLog()))
                .isInstanceOf(MojoFailureException.class)
                .hasMessage("FAILED: 1 of 1 rule failed on " + log + "\n"
                        + "  status=5xx max=0: count 1 > max=0:\n"
                        + "    line 2  13:55:36+02:00  502 GET /checkout <- https://shop.example.com/cart");
    }

    @Test
    void aFailedRuleOnlyWarnsWhenFailedRulesShouldNotFailTheBuild() throws Exception {
        RecordingLog buildLog = new RecordingLog();

        VerifyMojo.judge(verdict("status=5xx max=0"), false, buildLog);

        assertThat(buildLog.lines).containsExactly(
                "WARN FAILED: 1 of 1 rule failed on " + log,
                "WARN   status=5xx max=0: count 1 > max=0:",
                "WARN     line 2  13:55:36+02:00  502 GET /checkout <- https://shop.example.com/cart",
                "WARN The build goes on: failOnViolation is false");
    }

    @Test
    void aLogThatCouldNotBeReadIsABuildErrorWhateverTheFailurePolicy() throws Exception {
        Verdict unread = Weblog.verify(CheckConfig.builder().file(project.resolve("missing.log").toString())
                .rule("status=5xx max=0").build(), CheckListener.NONE);

        for (boolean failOnViolation : new boolean[] {true, false}) {
            assertThatThrownBy(() -> VerifyMojo.judge(unread, failOnViolation, new RecordingLog()))
                    .isInstanceOf(MojoExecutionException.class)
                    .hasMessage("ERROR: no such file: " + project.resolve("missing.log"));
        }
    }

    private Verdict verdict(String rule) throws Exception {
        return Weblog.verify(CheckConfig.builder().file(log.toString()).rule(rule).build(), CheckListener.NONE);
    }

    private static SettingsDecryptionResult result(Server server, List<SettingsProblem> problems) {
        return new SettingsDecryptionResult() {
            @Override
            public Server getServer() {
                return server;
            }

            @Override
            public List<Server> getServers() {
                return List.of(server);
            }

            @Override
            public org.apache.maven.settings.Proxy getProxy() {
                return null;
            }

            @Override
            public List<org.apache.maven.settings.Proxy> getProxies() {
                return List.of();
            }

            @Override
            public List<SettingsProblem> getProblems() {
                return problems;
            }
        };
    }

    /** Maven's log, recording what was said at which level. */
    private static final class RecordingLog implements Log {
        final List<String> lines = new ArrayList<>();

        @Override
        public boolean isDebugEnabled() {
            return false;
        }

        @Override
        public void debug(CharSequence content) {
        }

        @Override
        public void debug(CharSequence content, Throwable error) {
        }

        @Override
        public void debug(Throwable error) {
        }

        @Override
        public boolean isInfoEnabled() {
            return true;
        }

        @Override
        public void info(CharSequence content) {
            lines.add("INFO " + content);
        }

        @Override
        public void info(CharSequence content, Throwable error) {
            info(content);
        }

        @Override
        public void info(Throwable error) {
            info(error.toString());
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public void warn(CharSequence content) {
            lines.add("WARN " + content);
        }

        @Override
        public void warn(CharSequence content, Throwable error) {
            warn(content);
        }

        @Override
        public void warn(Throwable error) {
            warn(error.toString());
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }

        @Override
        public void error(CharSequence content) {
            lines.add("ERROR " + content);
        }

        @Override
        public void error(CharSequence content, Throwable error) {
            error(content);
        }

        @Override
        public void error(Throwable error) {
            error(error.toString());
        }
    }
}
