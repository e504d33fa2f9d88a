package io.weblog.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import io.weblog.server.ServerEvent;
import io.weblog.testing.LogLines;
import io.weblog.testing.TestLogServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jenkinsci.plugins.structs.describable.DescribableModel;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The pipeline step weblogVerify, in a sandboxed script, against a real weblog serve. */
@WithJenkins
class WeblogVerifyStepTest {
    @TempDir
    Path dir;

    private WorkflowJob pipeline(JenkinsRule j, String script) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "deploy");
        job.setDefinition(new CpsFlowDefinition(script, true));
        return job;
    }

    private static String step(TestLogServer server, String more) {
        return "weblogVerify hosts: ['" + Servers.host(server) + "'], log: 'access.log', credentialsId: '"
                + Servers.KEY_CREDENTIALS + "', hostKeyVerification: pinnedHostKeys('" + server.hostKeyFingerprint()
                + "'), " + more;
    }

    @Test
    void outsideANodeItRunsOnTheControllerAndReturnsTheVerdictForTheScript(JenkinsRule j) throws Exception {
        try (TestLogServer server = Servers.serve(dir, Servers.healthy())) {
            Servers.addKeyCredentials(server);
            WorkflowJob job = pipeline(j, "def v = " + step(server,
                    "rules: ['status=5xx max=0', 'health: path=/health min=3']") + "\n"
                    + "echo \"outcome=${v.outcome} passed=${v.passed} health=${v.rules[1].count} "
                    + "log=${v.logs[0].log} hits=${v.logs[0].hitsInWindow}\"");

            WorkflowRun run = j.buildAndAssertSuccess(job);

            j.assertLogContains("outcome=PASSED passed=true health=5 log=deploy@127.0.0.1:" + server.port()
                    + ":access.log hits=10", run);
            assertThat(run.getAction(WeblogAction.class).getOutcome()).isEqualTo("PASSED");
        }
    }

    @Test
    void insideANodeItReadsFilesOfTheWorkspaceAndWritesTheReportsThere(JenkinsRule j) throws Exception {
        j.createOnlineSlave();
        WorkflowJob job = pipeline(j, "node('!built-in') {\n"
                + "  writeFile file: 'logs/access.log', text: '" + LogLines.hit().combined() + "\\n"
                + LogLines.hit().get("/missing").status(404).referrer("https://shop.example.com/").combined() + "\\n'\n"
                + "  def v = weblogVerify files: ['logs/access.log'], resultOnViolation: 'UNSTABLE',\n"
                + "      rules: ['broken-links: status=404 referrer^=https://shop.example.com/ max=0']\n"
                + "  echo \"passed=${v.passed} broken=${v.rules[0].count}\"\n"
                + "  if (!fileExists('weblog-reports/TEST-weblog.xml')) { error 'no JUnit XML' }\n"
                + "}");

        WorkflowRun run = j.buildAndAssertStatus(Result.UNSTABLE, job);

        j.assertLogContains("passed=false broken=1", run);
    }

    @Test
    void aFailedRuleFailsTheStepUnlessOnlyUnstableIsAsked(JenkinsRule j) throws Exception {
        try (TestLogServer server = Servers.serve(dir, Servers.withServerErrors())) {
            Servers.addKeyCredentials(server);
            WorkflowJob job = pipeline(j, step(server, "rules: ['status=5xx max=0']") + "\necho 'not reached'");

            WorkflowRun run = j.buildAndAssertStatus(Result.FAILURE, job);

            j.assertLogContains("status=5xx max=0: count 2 > max=0", run);
            j.assertLogNotContains("not reached", run);
        }
    }

    @Test
    void localFilesOutsideANodeAreRefused(JenkinsRule j) throws Exception {
        WorkflowJob job = pipeline(j, "weblogVerify files: ['/etc/passwd'], rules: ['status=5xx max=0']");

        WorkflowRun run = j.buildAndAssertStatus(Result.FAILURE, job);

        j.assertLogContains("local files are read from the workspace", run);
    }

    @Test
    void onTheControllerAKnownHostsFileOfTheJobsChoosingIsRefused(JenkinsRule j) throws Exception {
        WorkflowJob job = pipeline(j, "weblogVerify hosts: ['web1'], log: '/var/log/x', rules: ['status=5xx max=0'], "
                + "hostKeyVerification: acceptNewHostKey('/var/jenkins_home/init.groovy.d/x.groovy')");

        WorkflowRun run = j.buildAndAssertStatus(Result.FAILURE, job);

        j.assertLogContains("outside a node block the check runs on the Jenkins controller", run);
    }

    @Test
    void anAbortedBuildStopsReadingAtOnceAndLeavesNoStreamOpen(JenkinsRule j) throws Exception {
        try (TestLogServer server = Servers.serve(dir, Servers.healthy())) {
            Servers.addKeyCredentials(server);
            WorkflowJob job = pipeline(j, step(server, "follow: '10m', rules: ['status=5xx max=0']"));
            WorkflowRun run = job.scheduleBuild2(0).waitForStart();
            j.waitForMessage("following until", run);

            run.doStop();

            j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(run));
            assertThat(server.awaitEvent(ServerEvent.StreamEnded.class, ended -> true, Duration.ofSeconds(10)))
                    .isPresent();
        }
    }

    @Test
    void theFormChecksRulesInTheEnginesWords(JenkinsRule j) {
        WeblogVerifyStep.DescriptorImpl descriptor = j.jenkins.getDescriptorByType(WeblogVerifyStep.DescriptorImpl.class);

        FormValidation bad = descriptor.doCheckRules(null, "status=5xx max=0\nstatus=5xx mux=0");
        FormValidation good = descriptor.doCheckRules(null, "status=5xx max=0\n\npath=/health min=5");

        assertThat(bad.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(bad.getMessage()).contains("line 2: unknown field &#039;mux&#039;").contains("(column 12)");
        assertThat(good.kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(descriptor.doCheckFollow(null, "2 fortnights").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(descriptor.doCheckHosts(null, "deploy@web1\nweb2:99999").getMessage()).contains("line 2");
    }

    @Test
    void aScriptGivesHostsAndRulesAsListsAndTheFormShowsThemAsLines(JenkinsRule j) throws Exception {
        WeblogVerifyStep step = new WeblogVerifyStep();
        step.setHosts(List.of(" deploy@web1 ", "", "deploy@web2"));
        step.setRules(List.of("status=5xx max=0"));
        step.setHostKeyVerification(new AcceptNewHostKeyVerification("/var/lib/jenkins/.ssh/known_hosts"));

        assertThat(step.getHosts()).containsExactly("deploy@web1", "deploy@web2");
        assertThat(step.getHostsText()).isEqualTo("deploy@web1\ndeploy@web2");
        DescribableModel<WeblogVerifyStep> model = DescribableModel.of(WeblogVerifyStep.class);
        j.assertEqualDataBoundBeans(step, model.uninstantiate2(step).instantiate(WeblogVerifyStep.class, TaskListener.NULL));
    }
}
