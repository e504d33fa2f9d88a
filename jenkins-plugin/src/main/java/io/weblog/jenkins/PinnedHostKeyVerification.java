package io.weblog.jenkins;

import hudson.Extension;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.util.FormValidation;
import io.weblog.CheckSettings;
import io.weblog.FieldCheck;
import io.weblog.Setting;
import java.util.Arrays;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Host keys must be one of those given here: public keys as a {@code .pub} file or known_hosts holds them
 * ({@code ssh-ed25519 AAAA...}) or their fingerprints ({@code SHA256:...}), one per line.
 */
public final class PinnedHostKeyVerification extends HostKeyVerification {
    private final String hostKeys;

    /** @param hostKeys the keys or fingerprints, one per line */
    @DataBoundConstructor
    public PinnedHostKeyVerification(String hostKeys) {
        this.hostKeys = hostKeys == null ? "" : hostKeys.strip();
    }

    /** The keys or fingerprints, one per line. */
    public String getHostKeys() {
        return hostKeys;
    }

    @Override
    boolean safeOnTheController() {
        return true;
    }

    @Override
    void applyTo(CheckSettings settings) {
        settings.hostKeys(Arrays.asList(hostKeys.split("\\R")));
    }

    /** Its place in the dropdown and in a pipeline: {@code pinnedHostKeys('SHA256:...')}. */
    @Extension(ordinal = 30)
    @Symbol("pinnedHostKeys")
    public static final class DescriptorImpl extends Descriptor<HostKeyVerification> {
        @Override
        public String getDisplayName() {
            return Messages.PinnedHostKeyVerification_DisplayName();
        }

        /** Checks each key or fingerprint as it is typed. */
        @POST
        public FormValidation doCheckHostKeys(@AncestorInPath Item item, @QueryParameter String value) {
            if (!Forms.canConfigure(item)) {
                return FormValidation.ok();
            }
            if (value == null || value.isBlank()) {
                return FormValidation.error(Messages.PinnedHostKeyVerification_Required());
            }
            return Forms.validation(FieldCheck.lines(Setting.HOST_KEY, value));
        }
    }
}
