package io.weblog.jenkins;

import com.cloudbees.jenkins.plugins.sshcredentials.SSHUserPrivateKey;
import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardUsernameCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.AbortException;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.Run;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.Secret;
import io.weblog.CheckSettings;
import java.util.List;

/**
 * The SSH credentials of a check, from the Credentials plugin: a private key (with its passphrase) or a user name with
 * a password. Their secrets go into the check's settings as the engine's secrets, which never print their value.
 */
final class WeblogCredentials {
    /** The kinds of credentials a check can log in with. */
    static final CredentialsMatcher SUPPORTED = CredentialsMatchers.anyOf(
            CredentialsMatchers.instanceOf(SSHUserPrivateKey.class),
            CredentialsMatchers.instanceOf(StandardUsernamePasswordCredentials.class));

    private WeblogCredentials() {
    }

    /** The credentials a build may use, its use of them recorded; a build without them stops, saying so. */
    static StandardUsernameCredentials forBuild(String id, Run<?, ?> run) throws AbortException {
        StandardUsernameCredentials credentials = CredentialsProvider.findCredentialById(id,
                StandardUsernameCredentials.class, run);
        if (credentials == null || !SUPPORTED.matches(credentials)) {
            throw new AbortException(Messages.WeblogVerifyStep_NoSuchCredentials(id));
        }
        CredentialsProvider.track(run, credentials);
        return credentials;
    }

    /** The credentials a job's form may test with, seen as the job's builds see them, or {@code null}. */
    static StandardUsernameCredentials find(String id, Item item) {
        StandardUsernameCredentials credentials = CredentialsProvider.findCredentialByIdInItem(id,
                StandardUsernameCredentials.class, item,
                item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2, List.of());
        return credentials != null && SUPPORTED.matches(credentials) ? credentials : null;
    }

    /** Puts the user name and the key or password into a check's settings. */
    static void applyTo(StandardUsernameCredentials credentials, CheckSettings settings) {
        String origin = "credentials '" + credentials.getId() + "'";
        settings.user(credentials.getUsername());
        if (credentials instanceof SSHUserPrivateKey key) {
            settings.privateKeys(key.getPrivateKeys().stream()
                    .map(text -> io.weblog.Secret.of(text, origin)).toList());
            Secret passphrase = key.getPassphrase();
            settings.passphrase(passphrase == null || passphrase.getPlainText().isEmpty() ? null
                    : io.weblog.Secret.of(passphrase.getPlainText(), origin));
        } else if (credentials instanceof StandardUsernamePasswordCredentials password) {
            settings.password(io.weblog.Secret.of(password.getPassword().getPlainText(), origin));
        }
    }
}
