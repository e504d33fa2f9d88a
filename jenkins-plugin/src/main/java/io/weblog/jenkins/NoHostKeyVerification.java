package io.weblog.jenkins;

import hudson.Extension;
import hudson.model.Descriptor;
import io.weblog.CheckSettings;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * Any host key is accepted without a check, for throw-away test hosts only: anyone on the network path could read the
 * session, and a password would go to them. Every build log says so.
 */
public final class NoHostKeyVerification extends HostKeyVerification {

    /** No settings. */
    @DataBoundConstructor
    public NoHostKeyVerification() {
    }

    @Override
    boolean safeOnTheController() {
        return true;
    }

    @Override
    void applyTo(CheckSettings settings) {
        settings.insecureAcceptAnyHostKey(true);
    }

    /** Its place in the dropdown and in a pipeline: {@code noHostKeyVerification()}. */
    @Extension(ordinal = 10)
    @Symbol("noHostKeyVerification")
    public static final class DescriptorImpl extends Descriptor<HostKeyVerification> {
        @Override
        public String getDisplayName() {
            return Messages.NoHostKeyVerification_DisplayName();
        }
    }
}
