package io.weblog.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import io.weblog.testing.OpenSshd;
import io.weblog.testing.TestKeys;
import io.weblog.testing.TestLogServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The freestyle build step against a real weblog serve (and OpenSSH for passwords), with Jenkins' credentials. */
@WithJenkins
class WeblogVerifyBuilderTest {
    @TempDir
    Path dir;

    private FreeStyleProject project(JenkinsRule j, WeblogVerifyStep check) throws Exception {
        FreeStyleProject project = j.createFreeStyleProject();
        project.getBuildersList().add(new WeblogVerifyBuilder(check));
        return project;
    }

    @Test
    void passesWhenEveryRuleHoldsAndShowsTheVerdictOnTheBuildsPage(JenkinsRule j) throws Exception {
        try (TestLogServer server = Servers.serve(dir, Servers.healthy())) {
            Servers.addKeyCredentials(server);

            FreeStyleBuild build = j.buildAndAssertSuccess(project(j,
                    Servers.check(server, "status=5xx max=0", "health: path=/health min=3")));

            j.assertLogContains("[weblog] deploy@127.0.0.1:" + server.port() + ":access.log: connected", build);
            j.assertLogContains("PASSED: all 2 rules held over 10 hits", build);
            WeblogAction action = build.getAction(WeblogAction.class);
            assertThat(action.getOutcome()).isEqualTo("PASSED");
            assertThat(action.getHtml()).startsWith("<div class=\"weblog-report\">").doesNotContain("<script");
            assertThat(build.getWorkspace().child("weblog-reports/TEST-weblog.xml").exists()).isTrue();
            j.createWebClient().getPage(build, action.getUrlName());
        }
    }

    @Test
    void aFailedRuleFailsTheBuildWithTheRuleItsCountAndTheFirstHits(JenkinsRule j) throws Exception {
        try (TestLogServer server = Servers.serve(dir, Servers.withServerErrors())) {
            Servers.addKeyCredentials(server);

            FreeStyleBuild build = j.buildAndAssertStatus(Result.FAILURE,
                    project(j, Servers.check(server, "status=5xx max=0")));

            j.assertLogContains("FAILED: 1 of 1 rule failed on deploy@127.0.0.1:" + server.port() + ":access.log", build);
            j.assertLogContains("status=5xx max=0: count 2 > max=0", build);
            j.assertLogContains("502 POST /checkout <- https://shop.example.com/cart", build);
            j.assertLogNotContains("\tat ", build);
        }
    }

    @Test
    void aFailedRuleOnlyMarksTheBuildUnstableWhenSoConfigured(JenkinsRule j) throws Exception {
        try (TestLogServer server = Servers.serve(dir, Servers.withServerErrors())) {
            Servers.addKeyCredentials(server);
            WeblogVerifyStep check = Servers.check(server, "status=5xx max=0");
            check.setResultOnViolation(ResultOnViolation.UNSTABLE);

            FreeStyleBuild build = j.buildAndAssertStatus(Result.UNSTABLE, project(j, check));

            assertThat(build.getAction(WeblogAction.class).getOutcome()).isEqualTo("FAILED");
        }
    }

    @Test
    void anUnknownHostKeyStopsTheBuildWithBothFingerprints(JenkinsRule j) throws Exception {
        try (TestLogServer server = Servers.serve(dir, Servers.healthy())) {
            Servers.addKeyCredentials(server);
            String other = TestKeys.fingerprint(TestKeys.ed25519().getPublic());
            WeblogVerifyStep check = Servers.check(server, "status=5xx max=0");
            check.setHostKeyVerification(new PinnedHostKeyVerification(other));

            FreeStyleBuild build = j.buildAndAssertStatus(Result.FAILURE, project(j, check));

            j.assertLogContains("is not the pinned one: it presented ssh-ed25519 " + server.hostKeyFingerprint()
                    + ", expected " + other, build);
            j.assertLogNotContains("\tat ", build);
        }
    }

    @Test
    void aRuleThatDoesNotParseStopsTheBuildNamingTheFieldAndTheColumn(JenkinsRule j) throws Exception {
        try (TestLogServer server = Servers.serve(dir, Servers.healthy())) {
            Servers.addKeyCredentials(server);

            FreeStyleBuild build = j.buildAndAssertStatus(Result.FAILURE,
                    project(j, Servers.check(server, "status=5xx mux=0")));

            j.assertLogContains("weblogVerify: Rules (rules) 'status=5xx mux=0': unknown field 'mux'", build);
            j.assertLogContains("  status=5xx mux=0\n             ^", build);
        }
    }

    @Test
    void logsInWithAUserNameAndPasswordFromTheCredentials(JenkinsRule j) throws Exception {
        OpenSshd sshd = OpenSshd.shared();
        Path log = sshd.writeLog("jenkins-password.log", Servers.healthy());
        SystemCredentialsProvider.getInstance().getCredentials().add(new UsernamePasswordCredentialsImpl(
                CredentialsScope.GLOBAL, "deploy-password", "test user", OpenSshd.USER, OpenSshd.USER_PASSWORD));
        WeblogVerifyStep check = new WeblogVerifyStep();
        check.setHosts(List.of("127.0.0.1:" + sshd.port()));
        check.setLog(log.toString());
        check.setCredentialsId("deploy-password");
        check.setHostKeyVerification(new KnownHostsFileVerification(sshd.knownHosts().toString()));
        check.setRules(List.of("status=5xx max=0"));

        FreeStyleBuild build = j.buildAndAssertSuccess(project(j, check));

        j.assertLogContains(OpenSshd.USER + "@127.0.0.1:" + sshd.port(), build);
        j.assertLogNotContains(OpenSshd.USER_PASSWORD, build);
    }

    @Test
    void keepsEveryFieldThroughTheConfigurationForm(JenkinsRule j) throws Exception {
        WeblogVerifyStep check = new WeblogVerifyStep();
        check.setHosts(List.of("deploy@web1", "deploy@web2:2222"));
        check.setLog("/var/log/nginx/access.log");
        check.setFiles(List.of("logs/access.log"));
        check.setFormat("combined");
        check.setRules(List.of("status=5xx max=0", "broken-links: status=404 referrer^=https://shop.example.com/ max=0"));
        check.setSince("30m");
        check.setStopOn("path=/deploy-done");
        check.setBaseline("1h");
        check.setSignificance("0.05");
        check.setAllowEmpty(true);
        check.setGroups(true);
        check.setCredentialsId("");
        check.setHostKeyVerification(new PinnedHostKeyVerification("SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8"));
        check.setJump("ops@bastion");
        check.setConnectTimeout("5s");
        check.setSftp(true);
        check.setSamples(7);
        check.setResultOnViolation(ResultOnViolation.UNSTABLE);
        check.setReports("reports/weblog");
        WeblogVerifyBuilder before = new WeblogVerifyBuilder(check);

        WeblogVerifyBuilder after = j.configRoundtrip(before);

        j.assertEqualDataBoundBeans(before, after);

        WeblogVerifyStep followed = new WeblogVerifyStep();
        followed.setHosts(List.of("web1"));
        followed.setLog("/var/log/x");
        followed.setUntil("");
        followed.setFollow("2m");
        followed.setMark("http://{host}/health");
        followed.setMarkTimeout("10s");
        followed.setRules(List.of("status=5xx max=0"));
        for (HostKeyVerification verification : List.of(new KnownHostsFileVerification("/etc/ssh/ssh_known_hosts"),
                new AcceptNewHostKeyVerification(""), new NoHostKeyVerification())) {
            followed.setHostKeyVerification(verification);
            WeblogVerifyBuilder roundTripped = j.configRoundtrip(new WeblogVerifyBuilder(followed));
            j.assertEqualDataBoundBeans(new WeblogVerifyBuilder(followed), roundTripped);
        }
    }
}
