package io.weblog.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.FreeStyleProject;
import hudson.model.Item;
import hudson.util.ListBoxModel;
import io.weblog.testing.TestLogServer;
import java.net.URL;
import java.nio.file.Path;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Every form method of the plugin answers only a POST with a crumb, and only to a user who may configure the job (or,
 * without one, administer Jenkins): a reader can neither probe the network from the controller nor list credentials.
 */
@WithJenkins
class FormSecurityTest {
    private static final String STEP = "io.weblog.jenkins.WeblogVerifyStep";
    private static final String PINNED = "io.weblog.jenkins.PinnedHostKeyVerification";

    @TempDir
    Path dir;

    private FreeStyleProject job;

    @BeforeEach
    void users(JenkinsRule j) throws Exception {
        job = j.createFreeStyleProject("deploy");
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ).everywhere().to("reader")
                .grant(Jenkins.READ, Item.READ, Item.CONFIGURE).everywhere().to("builder")
                .grant(Jenkins.ADMINISTER).everywhere().to("admin"));
    }

    private WebResponse post(JenkinsRule j, String user, String path) throws Exception {
        JenkinsRule.WebClient client = j.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        client.login(user);
        URL url = client.createCrumbedUrl(path);
        return client.getPage(new WebRequest(url, HttpMethod.POST)).getWebResponse();
    }

    private WebResponse get(JenkinsRule j, String user, String path) throws Exception {
        JenkinsRule.WebClient client = j.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        client.login(user);
        return client.getPage(new WebRequest(new URL(j.getURL(), path), HttpMethod.GET)).getWebResponse();
    }

    @Test
    void testingAConnectionNeedsTheRightToConfigureTheJobAndAPost(JenkinsRule j) throws Exception {
        try (TestLogServer server = Servers.serve(dir, Servers.healthy())) {
            String test = "job/deploy/descriptorByName/" + STEP + "/testConnection?hosts=" + Servers.host(server)
                    + "&log=access.log";

            assertThat(post(j, "reader", test).getStatusCode()).isEqualTo(403);
            assertThat(get(j, "builder", test).getStatusCode()).isNotEqualTo(200);
            WebResponse allowed = post(j, "builder", test);
            assertThat(allowed.getStatusCode()).isEqualTo(200);
            assertThat(allowed.getContentAsString()).contains("is not known");
            assertThat(post(j, "builder", "descriptorByName/" + STEP + "/testConnection?hosts="
                    + Servers.host(server)).getStatusCode()).isEqualTo(403);
            assertThat(post(j, "admin", "descriptorByName/" + STEP + "/testConnection?hosts="
                    + Servers.host(server)).getStatusCode()).isEqualTo(200);
        }
    }

    @Test
    void aReaderSeesOnlyTheCurrentCredentialsAndNoValidation(JenkinsRule j) throws Exception {
        try (TestLogServer server = Servers.serve(dir, Servers.healthy())) {
            Servers.addKeyCredentials(server);
            WeblogVerifyStep.DescriptorImpl descriptor =
                    j.jenkins.getDescriptorByType(WeblogVerifyStep.DescriptorImpl.class);

            ListBoxModel forReader;
            ListBoxModel forBuilder;
            try (var context = hudson.security.ACL.as(hudson.model.User.getById("reader", true))) {
                forReader = descriptor.doFillCredentialsIdItems(job, "");
                assertThat(descriptor.doCheckRules(job, "status=5xx mux=0").kind)
                        .isEqualTo(hudson.util.FormValidation.Kind.OK);
            }
            try (var context = hudson.security.ACL.as(hudson.model.User.getById("builder", true))) {
                forBuilder = descriptor.doFillCredentialsIdItems(job, "");
                assertThat(descriptor.doCheckRules(job, "status=5xx mux=0").kind)
                        .isEqualTo(hudson.util.FormValidation.Kind.ERROR);
            }

            assertThat(forReader).extracting(option -> option.value).doesNotContain(Servers.KEY_CREDENTIALS);
            assertThat(forBuilder).extracting(option -> option.value).contains(Servers.KEY_CREDENTIALS);
        }
    }

    @Test
    void everyFormMethodRefusesAReaderOverHttp(JenkinsRule j) throws Exception {
        try (TestLogServer server = Servers.serve(dir, Servers.healthy())) {
            Servers.addKeyCredentials(server);
        }
        for (String method : new String[] {"checkRules?value=x", "checkHosts?value=x", "checkFiles?value=x",
            "checkLog?value=x", "checkFormat?value=x", "checkSince?value=x", "checkUntil?value=x",
            "checkFollow?value=x", "checkStopOn?value=x", "checkBaseline?value=x",
            "checkSignificance?value=x", "checkMark?value=x", "checkMarkTimeout?value=x", "checkJump?value=x", "checkConnectTimeout?value=x",
            "checkSamples?value=x", "checkCredentialsId?value=x", "fillCredentialsIdItems"}) {
            String path = "job/deploy/descriptorByName/" + STEP + "/" + method;
            assertThat(get(j, "builder", path).getStatusCode()).as("GET " + method).isNotEqualTo(200);
            WebResponse reader = post(j, "reader", path);
            assertThat(reader.getContentAsString()).as("POST " + method + " as a reader")
                    .doesNotContain(Servers.KEY_CREDENTIALS).doesNotContain("unknown");
        }
        WebResponse pinned = post(j, "reader", "job/deploy/descriptorByName/" + PINNED + "/checkHostKeys?value=x");
        assertThat(pinned.getContentAsString()).doesNotContain("expected a SHA-256 fingerprint");
    }
}
