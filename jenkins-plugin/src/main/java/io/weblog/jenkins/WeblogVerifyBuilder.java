package io.weblog.jenkins;

import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.AbstractProject;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import java.io.IOException;
import jenkins.tasks.SimpleBuildStep;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * The freestyle build step "Verify web server access log": runs the check its {@link WeblogVerifyStep} configures, on
 * the build's agent, and fails the build (or marks it unstable) when a rule does not hold. It has no pipeline name of
 * its own: pipelines call {@code weblogVerify}, which also returns the verdict.
 */
public final class WeblogVerifyBuilder extends Builder implements SimpleBuildStep {
    private final WeblogVerifyStep check;

    /** @param check the check's configuration; {@code null} for an empty one */
    @DataBoundConstructor
    public WeblogVerifyBuilder(WeblogVerifyStep check) {
        this.check = check == null ? new WeblogVerifyStep() : check;
    }

    /** The check's configuration. */
    public WeblogVerifyStep getCheck() {
        return check;
    }

    /** A configuration saved without its check (edited by hand) gets an empty one, which the engine then refuses. */
    private Object readResolve() {
        return check == null ? new WeblogVerifyBuilder(null) : this;
    }

    @Override
    public void perform(Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher, TaskListener listener)
            throws InterruptedException, IOException {
        WeblogRun weblog = new WeblogRun(check, run, workspace, listener);
        weblog.judge(weblog.verify());
    }

    /** The build step's place in the "Add build step" menu. */
    @Extension
    public static final class DescriptorImpl extends BuildStepDescriptor<Builder> {
        @Override
        @SuppressWarnings("rawtypes")
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @Override
        public String getDisplayName() {
            return Messages.WeblogVerifyBuilder_DisplayName();
        }
    }
}
