package io.weblog.maven;

import io.weblog.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
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
     * @param parameter how the user gave the server's id, for messages: {@code <serverId> (-Dweblog.serverId)}
     * @throws MojoExecutionException when there is no such server or its secrets cannot be decrypted
     */
    static ServerCredentials of(Settings settings, String serverId, String parameter, SettingsDecrypter decrypter)
            throws MojoExecutionException {
        Server server = settings == null ? null : settings.getServer(serverId);
        if (server == null) {
            List<String> known = settings == null ? List.of()
                    : settings.getServers().stream().map(Server::getId).toList();
            throw new MojoExecutionException(parameter + " '" + serverId + "': settings.xml has no <server> with this "
                    + "id" + (known.isEmpty() ? "" : "; it has " + String.join(", ", known)));
        }
        unresolved(serverId, "username", server.getUsername());
        unresolved(serverId, "password", server.getPassword());
        unresolved(serverId, "privateKey", server.getPrivateKey());
        unresolved(serverId, "passphrase", server.getPassphrase());
        SettingsDecryptionResult decrypted = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        if (failed(decrypted)) {
            throw new MojoExecutionException("cannot decrypt the " + undecryptable(server, decrypter) + " of <server> '"
                    + serverId + "' in settings.xml: " + whyNotDecrypted() + " (see "
                    + "https://maven.apache.org/guides/mini/guide-encryption.html)");
        }
        Server plain = decrypted.getServer();
        String origin = "<server> '" + serverId + "' in settings.xml";
        return new ServerCredentials(plain.getUsername(), secret(plain.getPassword(), origin), plain.getPrivateKey(),
                secret(plain.getPassphrase(), origin));
    }

    private static boolean failed(SettingsDecryptionResult result) {
        return result.getProblems().stream().anyMatch(problem -> problem.getSeverity() != SettingsProblem.Severity.WARNING);
    }

    /**
     * Which of the server's secrets could not be decrypted, {@code <password>} or {@code <passphrase>} (or both),
     * found by decrypting each alone: Maven's own message names it only inside the cipher library's words.
     */
    private static String undecryptable(Server server, SettingsDecrypter decrypter) {
        Server password = server.clone();
        password.setPassphrase(null);
        Server passphrase = server.clone();
        passphrase.setPassword(null);
        boolean passwordFails = server.getPassword() != null
                && failed(decrypter.decrypt(new DefaultSettingsDecryptionRequest(password)));
        boolean passphraseFails = server.getPassphrase() != null
                && failed(decrypter.decrypt(new DefaultSettingsDecryptionRequest(passphrase)));
        return passwordFails && !passphraseFails ? "<password>" : passphraseFails && !passwordFails ? "<passphrase>"
                : "<password> and <passphrase>";
    }

    /**
     * Why an encrypted secret did not decrypt, in the user's terms: there is no settings-security.xml with the master
     * password, or its master password is not the one the secret was encrypted with (or the secret is damaged).
     */
    private static String whyNotDecrypted() {
        String relocated = System.getProperty("settings.security");
        Path security = relocated != null ? Path.of(relocated)
                : Path.of(System.getProperty("user.home"), ".m2", "settings-security.xml");
        if (!Files.isRegularFile(security)) {
            return "there is no " + security + ", which holds the master password it was encrypted with "
                    + "(mvn --encrypt-master-password makes one)";
        }
        return "the master password in " + security + " is not the one it was encrypted with (a wrong master "
                + "password, or a secret not made by mvn --encrypt-password with this one)";
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
