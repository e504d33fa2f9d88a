package io.weblog.maven;

import io.weblog.Secret;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * The SSH credentials of a {@code <server>} in settings.xml, where Maven keeps secrets out of the POM: the user name,
 * the password (decrypted when it is encrypted with {@code mvn --encrypt-password}), the private key's path and its
 * passphrase; each {@code null} when the server has none.
 *
 * @param user the user for hosts given without one
 * @param password the password
 * @param privateKey the private key file
 * @param passphrase the private key's passphrase
 */
record ServerCredentials(String user, Secret password, String privateKey, Secret passphrase) {
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^}]+)}");

    /**
     * Reads and decrypts a server's credentials.
     *
     * @throws MojoExecutionException when there is no such server or its secrets cannot be decrypted
     */
    static ServerCredentials of(Settings settings, String serverId, SettingsDecrypter decrypter)
            throws MojoExecutionException {
        Server server = settings == null ? null : settings.getServer(serverId);
        if (server == null) {
            List<String> known = settings == null ? List.of()
                    : settings.getServers().stream().map(Server::getId).toList();
            throw new MojoExecutionException("<serverId> '" + serverId + "': settings.xml has no <server> with this "
                    + "id" + (known.isEmpty() ? "" : "; it has " + String.join(", ", known)));
        }
        unresolved(serverId, "username", server.getUsername());
        unresolved(serverId, "password", server.getPassword());
        unresolved(serverId, "privateKey", server.getPrivateKey());
        unresolved(serverId, "passphrase", server.getPassphrase());
        SettingsDecryptionResult decrypted = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        for (SettingsProblem problem : decrypted.getProblems()) {
            if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
                throw new MojoExecutionException("cannot decrypt the secrets of <server> '" + serverId
                        + "' in settings.xml: " + problem.getMessage() + " (is settings-security.xml there, with the "
                        + "master password they were encrypted with? "
                        + "https://maven.apache.org/guides/mini/guide-encryption.html)");
            }
        }
        Server plain = decrypted.getServer();
        String origin = "<server> '" + serverId + "' in settings.xml";
        return new ServerCredentials(plain.getUsername(), secret(plain.getPassword(), origin), plain.getPrivateKey(),
                secret(plain.getPassphrase(), origin));
    }

    /**
     * Refuses a value Maven left as {@code ${env.NAME}} because the variable is not set, which would otherwise be
     * taken for an encrypted password ({@code {...}}) and fail to decrypt with a misleading message.
     */
    private static void unresolved(String serverId, String element, String value) throws MojoExecutionException {
        if (value == null) {
            return;
        }
        Matcher expression = EXPRESSION.matcher(value);
        if (expression.find()) {
            String name = expression.group(1);
            throw new MojoExecutionException("<server> '" + serverId + "' in settings.xml: its <" + element + "> holds "
                    + "${" + name + "}, which Maven could not resolve"
                    + (name.startsWith("env.") ? ": the environment variable " + name.substring(4) + " is not set"
                            : ": no such property"));
        }
    }

    private static Secret secret(String value, String origin) {
        return value == null || value.isEmpty() ? null : Secret.of(value, origin);
    }
}
