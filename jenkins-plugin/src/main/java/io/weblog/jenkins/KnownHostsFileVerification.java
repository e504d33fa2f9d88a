package io.weblog.jenkins;

import hudson.Extension;
import hudson.Util;
import hudson.model.Descriptor;
import io.weblog.CheckSettings;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/** Host keys must be in a known_hosts file on the machine where the check runs, as {@code ssh} checks them. */
public final class KnownHostsFileVerification extends HostKeyVerification {
    private final String knownHostsFile;

    /** @param knownHostsFile the file; empty for {@code ~/.ssh/known_hosts} of the user the check runs as */
    @DataBoundConstructor
    public KnownHostsFileVerification(String knownHostsFile) {
        this.knownHostsFile = Util.fixEmptyAndTrim(knownHostsFile);
    }

    /** The file, or {@code null} for the default. */
    public String getKnownHostsFile() {
        return knownHostsFile;
    }

    @Override
    boolean safeOnTheController() {
        return knownHostsFile == null;
    }

    @Override
    void applyTo(CheckSettings settings) {
        settings.knownHosts(knownHostsFile);
    }

    /** Its place in the dropdown and in a pipeline: {@code knownHostsFile()}. */
    @Extension(ordinal = 40)
    @Symbol("knownHostsFile")
    public static final class DescriptorImpl extends Descriptor<HostKeyVerification> {
        @Override
        public String getDisplayName() {
            return Messages.KnownHostsFileVerification_DisplayName();
        }
    }
}
