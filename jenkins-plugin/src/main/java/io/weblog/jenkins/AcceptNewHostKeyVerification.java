package io.weblog.jenkins;

import hudson.Extension;
import hudson.Util;
import hudson.model.Descriptor;
import io.weblog.CheckSettings;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * A host not yet in the known_hosts file is trusted on first sight and recorded there, as
 * {@code StrictHostKeyChecking=accept-new} does; a host whose key changed still fails the build.
 */
public final class AcceptNewHostKeyVerification extends HostKeyVerification {
    private final String knownHostsFile;

    /** @param knownHostsFile the file; empty for {@code ~/.ssh/known_hosts} of the user the check runs as */
    @DataBoundConstructor
    public AcceptNewHostKeyVerification(String knownHostsFile) {
        this.knownHostsFile = Util.fixEmptyAndTrim(knownHostsFile);
    }

    /** The file, or {@code null} for the default. */
    public String getKnownHostsFile() {
        return knownHostsFile;
    }

    @Override
    boolean safeOnTheController() {
        return false;
    }

    @Override
    void applyTo(CheckSettings settings) {
        settings.knownHosts(knownHostsFile).acceptNewHostKey(true);
    }

    /** Its place in the dropdown and in a pipeline: {@code acceptNewHostKey()}. */
    @Extension(ordinal = 20)
    @Symbol("acceptNewHostKey")
    public static final class DescriptorImpl extends Descriptor<HostKeyVerification> {
        @Override
        public String getDisplayName() {
            return Messages.AcceptNewHostKeyVerification_DisplayName();
        }
    }
}
