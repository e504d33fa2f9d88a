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
import io.weblog.testing.TestLogServer;
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
        mojo.userProperties = new java.util.Properties();
        mojo.commandLine = null;
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
        mojo.allowEmpty = "true";
        mojo.samples = "7";
        mojo.maxLineLength = "64KiB";
        mojo.parallelism = "3";
        mojo.identities = List.of("id_ed25519");
        mojo.knownHosts = "known_hosts";
        mojo.hostKey = fingerprint + ", " + another;
        mojo.acceptNewHostKey = "true";
        mojo.jump = "ops@bastion:2200,inner";
        mojo.connectTimeout = "5s";
        mojo.sftp = "true";
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
        mojo.acceptNewHostKey = "false";
        mojo.insecureAcceptAnyHostKey = "true";
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
                .hasMessageStartingWith("<follow> (-Dweblog.follow) '2x': ");

        mojo.follow = null;
        mojo.files = List.of();
        assertThatThrownBy(mojo::configuration).isInstanceOf(MojoExecutionException.class)
                .hasMessage("no log to read; give a file or a host (<files> or -Dweblog.files)");
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
        mojo.insecureAcceptAnyHostKey = "true";
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
    void anUnknownServerOrASecretThatCannotBeDecryptedIsABuildErrorSayingSo() throws Exception {
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
                .hasMessage("<serverId> (-Dweblog.serverId) 'web': settings.xml has no <server> with this id; it has "
                        + "nexus");

        Server web = new Server();
        web.setId("web");
        web.setPassword("{garbled}");
        mojo.settings.addServer(web);
        Path security = project.resolve("settings-security.xml");
        String relocated = System.getProperty("settings.security");
        try {
            System.setProperty("settings.security", security.toString());
            assertThatThrownBy(mojo::configuration).isInstanceOf(MojoExecutionException.class)
                    .hasMessage("cannot decrypt the <password> of <server> 'web' in settings.xml: there is no "
                            + security + ", which holds the master password it was encrypted with (mvn "
                            + "--encrypt-master-password makes one) (see "
                            + "https://maven.apache.org/guides/mini/guide-encryption.html)");
            Files.writeString(security, "<settingsSecurity><master>{x}</master></settingsSecurity>");
            assertThatThrownBy(mojo::configuration).isInstanceOf(MojoExecutionException.class)
                    .hasMessage("cannot decrypt the <password> of <server> 'web' in settings.xml: the master password "
                            + "in " + security + " is not the one it was encrypted with (a wrong master password, or a "
                            + "secret not made by mvn --encrypt-password with this one) (see "
                            + "https://maven.apache.org/guides/mini/guide-encryption.html)");
        } finally {
            if (relocated == null) {
                System.clearProperty("settings.security");
            } else {
                System.setProperty("settings.security", relocated);
            }
        }
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
        for (String mistake : List.of("rule", "samples", "skip")) {
            VerifyMojo mojo = mojo();
            mojo.files = List.of("access.log");
            mojo.rules = List.of("status=404 max=0");
            CheckConfig passing = writeEarlierReports(mojo);

            switch (mistake) {
                case "rule" -> mojo.rules = List.of("status=404 mux=0");
                case "samples" -> mojo.samples = "abc";
                default -> mojo.skip = "ture";
            }
            assertThatThrownBy(mojo::execute).as(mistake).isInstanceOf(MojoExecutionException.class);

            assertThat(passing.reports().json()).as(mistake).doesNotExist();
            assertThat(passing.reports().junit()).as(mistake).doesNotExist();
            assertThat(passing.reports().html()).as(mistake).doesNotExist();
            assertThat(log).exists();
        }
    }

    @Test
    void aSkippedCheckRemovesTheReportsAnEarlierCheckOfTheExecutionLeft() throws Exception {
        VerifyMojo mojo = mojo();
        mojo.files = List.of("access.log");
        mojo.rules = List.of("status=404 max=0");
        mojo.executionId = "smoke";
        CheckConfig passing = writeEarlierReports(mojo);
        VerifyMojo other = mojo();
        other.files = List.of("access.log");
        other.rules = List.of("status=404 max=0");
        CheckConfig otherExecution = writeEarlierReports(other);
        mojo.files = List.of("no-such.log");
        mojo.skip = "true";

        mojo.execute();

        assertThat(passing.reports().json()).doesNotExist();
        assertThat(passing.reports().junit()).doesNotExist();
        assertThat(passing.reports().html()).doesNotExist();
        assertThat(otherExecution.reports().junit()).as("another execution's report").exists();
    }

    private static CheckConfig writeEarlierReports(VerifyMojo mojo) throws Exception {
        CheckConfig passing = mojo.configuration();
        io.weblog.report.Reports.write(Weblog.verify(passing, CheckListener.NONE), passing.reports());
        assertThat(passing.reports().json()).exists();
        return passing;
    }

    @Test
    void takesNumbersAsTextWithTheEnginesMessageAndCaret() {
        VerifyMojo mojo = mojo();
        mojo.files = List.of("access.log");
        mojo.rules = List.of("status=5xx max=0");
        mojo.samples = "abc";
        assertThatThrownBy(mojo::configuration).isInstanceOf(MojoExecutionException.class)
                .hasMessage("<samples> (-Dweblog.samples) 'abc': expected a whole number of samples from 0 to 10000 "
                        + "at column 1\n  abc\n  ^");

        mojo.samples = "12x";
        mojo.userProperties.setProperty("weblog.samples", "12x");
        assertThatThrownBy(mojo::configuration).isInstanceOf(MojoExecutionException.class)
                .hasMessage("-Dweblog.samples '12x': expected a whole number of samples from 0 to 10000 at column 3"
                        + "\n  12x\n    ^");

        mojo.samples = "5";
        mojo.parallelism = "0";
        assertThatThrownBy(mojo::configuration).isInstanceOf(MojoExecutionException.class)
                .hasMessage("<parallelism> (-Dweblog.parallelism) '0': expected a whole number of sources at once "
                        + "from 1 to 1000");
    }

    @Test
    void takesOnlyTrueOrFalseForAYesOrNoParameter() throws Exception {
        for (String parameter : List.of("allowEmpty", "groups", "acceptNewHostKey", "insecureAcceptAnyHostKey",
                "sftp")) {
            VerifyMojo mojo = mojo();
            mojo.hosts = List.of("web1");
            mojo.log = "/var/log/x";
            mojo.rules = List.of("status=5xx max=0");
            VerifyMojo.class.getDeclaredField(parameter).set(mojo, "ture");
            mojo.userProperties.setProperty("weblog." + parameter, "ture");
            assertThatThrownBy(mojo::configuration).as(parameter).isInstanceOf(MojoExecutionException.class)
                    .hasMessage("-Dweblog." + parameter + " 'ture': expected true or false");
            VerifyMojo.class.getDeclaredField(parameter).set(mojo, " TRUE ");
            assertThatCode(mojo::configuration).as(parameter).doesNotThrowAnyException();
        }
        for (String parameter : List.of("failOnViolation", "skip")) {
            VerifyMojo mojo = mojo();
            mojo.files = List.of("access.log");
            mojo.rules = List.of("status=5xx max=0");
            VerifyMojo.class.getDeclaredField(parameter).set(mojo, "yes");
            assertThatThrownBy(mojo::execute).as(parameter).isInstanceOf(MojoExecutionException.class)
                    .hasMessage("<" + parameter + "> (-Dweblog." + parameter + ") 'yes': expected true or false");
        }
    }

    @Test
    void namesAParameterTheWayTheUserGaveIt() {
        VerifyMojo mojo = mojo();
        mojo.files = List.of("access.log");
        mojo.rule = "status=5xx mux=0";
        mojo.userProperties.setProperty("weblog.rule", "status=5xx mux=0");
        assertThatThrownBy(mojo::configuration).hasMessageStartingWith("-Dweblog.rule 'status=5xx mux=0': unknown "
                + "field 'mux'");

        mojo.rule = null;
        mojo.userProperties.clear();
        mojo.userProperties.setProperty("weblog.rule.1", "status=5xx max=0");
        mojo.userProperties.setProperty("weblog.rule.2", "status=404 mux=0");
        assertThatThrownBy(mojo::configuration).hasMessageStartingWith("-Dweblog.rule.2 'status=404 mux=0': unknown "
                + "field 'mux'");

        mojo.userProperties.clear();
        mojo.rules = List.of("status=5xx max=0");
        mojo.follow = "2x";
        mojo.userProperties.setProperty("weblog.follow", "2x");
        assertThatThrownBy(mojo::configuration).hasMessageStartingWith("-Dweblog.follow '2x': ");
        mojo.userProperties.setProperty("weblog.follow", "3m");
        assertThatThrownBy(mojo::configuration).as("the POM's value wins over the property's")
                .hasMessageStartingWith("<follow> (-Dweblog.follow) '2x': ");

        mojo.follow = null;
        mojo.files = List.of();
        mojo.hosts = List.of("web1", "we b2");
        mojo.log = "/var/log/x";
        mojo.userProperties.setProperty("weblog.hosts", "web1,we b2");
        assertThatThrownBy(mojo::configuration).hasMessageStartingWith("-Dweblog.hosts 'we b2': ");

        mojo.hosts = List.of();
        mojo.log = null;
        mojo.rules = List.of();
        mojo.files = List.of("access.log");
        assertThatThrownBy(mojo::configuration).hasMessage("no rules; give at least one, such as status=5xx max=0 "
                + "(<rules>, -Dweblog.rule or -Dweblog.rule.1, -Dweblog.rule.2, ...)");
    }

    @Test
    void takesNumberedRulesInTheirOrderAndRefusesWhatMavenWouldDropSilently() throws Exception {
        VerifyMojo mojo = mojo();
        mojo.files = List.of("access.log");
        mojo.rules = List.of("status=5xx max=0");
        mojo.userProperties.setProperty("weblog.rule.10", "path=/c max=0");
        mojo.userProperties.setProperty("weblog.rule.2", "path=/b max=0");
        mojo.userProperties.setProperty("weblog.rule.1", "path=/a max=0");
        assertThat(mojo.configuration().rules()).extracting(rule -> rule.text())
                .containsExactly("status=5xx max=0", "path=/a max=0", "path=/b max=0", "path=/c max=0");

        mojo.userProperties.setProperty("weblog.rule.first", "path=/d max=0");
        assertThatThrownBy(mojo::configuration).hasMessage("-Dweblog.rule.first: number each rule from 1, such as "
                + "-Dweblog.rule.1='status=5xx max=0' -Dweblog.rule.2='status=404 max=0'");

        mojo.userProperties.clear();
        mojo.userProperties.setProperty("weblog.rules", "status=5xx max=0,status=404 max=0");
        assertThatThrownBy(mojo::configuration).hasMessage("-Dweblog.rules is not read: a rule holds commas itself, "
                + "so rules have no comma-separated property; give several rules as -Dweblog.rule.1='status=5xx max=0' "
                + "-Dweblog.rule.2='status=404 max=0' and so on (or <rules> in the POM)");

        mojo.userProperties.clear();
        mojo.commandLine = " weblog:verify -Dweblog.rule=status=5xx max=0 -Dweblog.files=access.log "
                + "-D weblog.rule=status=404 max=0";
        assertThatThrownBy(mojo::configuration).hasMessage("-Dweblog.rule is given 2 times, and Maven keeps only the "
                + "last of them; give several rules as -Dweblog.rule.1='status=5xx max=0' "
                + "-Dweblog.rule.2='status=404 max=0' and so on");
        mojo.commandLine = " weblog:verify -Dweblog.rule=status=5xx max=0 -Dweblog.rule.1=status=404 max=0";
        assertThatCode(mojo::configuration).doesNotThrowAnyException();
    }

    @Test
    void saysWhatToDoAboutAnUnknownHostKeyOrAnEmptyWindowInMavensTerms() throws Exception {
        try (TestLogServer server = TestLogServer.start(Files.createDirectories(project.resolve("server")))) {
            server.append(LogLines.hit().combined());
            Files.writeString(project.resolve("empty_known_hosts"), "");
            VerifyMojo mojo = mojo();
            mojo.hosts = List.of("127.0.0.1:" + server.port());
            mojo.log = "access.log";
            mojo.identities = List.of(server.clientKey().toString());
            mojo.knownHosts = "empty_known_hosts";
            mojo.rules = List.of("status=5xx max=0");
            assertThatThrownBy(mojo::execute).isInstanceOf(MojoExecutionException.class)
                    .hasMessageEndingWith("\nTo trust the host, check its fingerprint with its owner, then add its key "
                            + "to empty_known_hosts (ssh-keyscan), pin it with <hostKey> (-Dweblog.hostKey), or let "
                            + "this build record it with -Dweblog.acceptNewHostKey=true");
        }
        VerifyMojo mojo = mojo();
        mojo.files = List.of("access.log");
        mojo.since = "2001-01-01T00:00:00Z";
        mojo.until = "2001-01-02T00:00:00Z";
        mojo.rules = List.of("status=5xx max=0");
        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageEndingWith("\nA window without hits fails the check: look at a longer or busier window, or "
                        + "let an empty one pass with <allowEmpty> (-Dweblog.allowEmpty) set to true");
    }

    @Test
    void saysWhereCredentialsComeFromWhenThereWereNone() throws Exception {
        String home = System.getProperty("user.home");
        try (TestLogServer server = TestLogServer.start(Files.createDirectories(project.resolve("server")))) {
            System.setProperty("user.home", Files.createDirectories(project.resolve("home")).toString());
            VerifyMojo mojo = mojo();
            mojo.userSettingsFile = project.resolve("home/.m2/settings.xml").toFile();
            mojo.hosts = List.of("127.0.0.1:" + server.port());
            mojo.log = "access.log";
            mojo.knownHosts = server.knownHosts().toString();
            mojo.rules = List.of("status=5xx max=0");
            assertThatThrownBy(mojo::execute).isInstanceOf(MojoExecutionException.class)
                    .hasMessageContaining("no key or password was available")
                    .hasMessageEndingWith("\nTo log in, name the <server> of " + project.resolve("home/.m2/settings.xml")
                            + " that holds the user's <privateKey> or <password> with <serverId> (-Dweblog.serverId), "
                            + "or give keys with <identities> (-Dweblog.identities)");
        } finally {
            System.setProperty("user.home", home);
        }
    }

    /** The parameters a user can set, read from the plugin descriptor that Maven reads (built before the tests). */
    @Test
    void everyParameterOfTheGoalHasItsRowInTheTableOfNames() throws Exception {
        org.w3c.dom.Document descriptor;
        try (var xml = VerifyMojo.class.getResourceAsStream("/META-INF/maven/plugin.xml")) {
            assertThat(xml).as("the plugin descriptor").isNotNull();
            descriptor = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml);
        }
        javax.xml.xpath.XPath xpath = javax.xml.xpath.XPathFactory.newInstance().newXPath();
        org.w3c.dom.NodeList names = (org.w3c.dom.NodeList) xpath.evaluate(
                "/plugin/mojos/mojo[goal='verify']/parameters/parameter[editable='true']/name", descriptor,
                javax.xml.xpath.XPathConstants.NODESET);
        List<String> parameters = new ArrayList<>();
        for (int i = 0; i < names.getLength(); i++) {
            parameters.add(names.item(i).getTextContent());
        }
        assertThat(parameters).isNotEmpty();
        assertThat(ParameterNames.elements()).containsExactlyInAnyOrderElementsOf(parameters);
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

        assertThatCode(() -> VerifyMojo.judge(verdict("status=404 max=0"), true, List.of(), buildLog)).doesNotThrowAnyException();
        assertThat(buildLog.lines).isEmpty();
    }

    @Test
    void aFailedRuleIsABuildFailureNamingTheRuleItsCountAndTheFirstHits() throws Exception {
        assertThatThrownBy(() -> VerifyMojo.judge(verdict("status=5xx max=0"), true, List.of(), new RecordingLog()))
                .isInstanceOf(MojoFailureException.class)
                .hasMessage("FAILED: 1 of 1 rule failed on " + log + "\n"
                        + "  status=5xx max=0: count 1 > max=0:\n"
                        + "    line 2  13:55:36+02:00  502 GET /checkout <- https://shop.example.com/cart");
    }

    @Test
    void aFailedRuleOnlyWarnsWhenFailedRulesShouldNotFailTheBuild() throws Exception {
        RecordingLog buildLog = new RecordingLog();

        VerifyMojo.judge(verdict("status=5xx max=0"), false, List.of(), buildLog);

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
            assertThatThrownBy(() -> VerifyMojo.judge(unread, failOnViolation, List.of(), new RecordingLog()))
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
