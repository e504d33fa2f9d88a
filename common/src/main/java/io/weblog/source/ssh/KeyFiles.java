package io.weblog.source.ssh;

import io.weblog.ConfigException;
import io.weblog.Secret;
import io.weblog.Setting;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.util.security.SecurityUtils;

/** Reads private key files (OpenSSH and PEM formats; RSA, ECDSA, Ed25519; encrypted with a passphrase or not). */
public final class KeyFiles {

    private KeyFiles() {
    }

    /**
     * Loads the keys in a file.
     *
     * @param file the key file
     * @param passphrase the passphrase if the key is encrypted, or {@code null}
     * @throws IOException when the file cannot be read or decrypted, with a message saying which
     */
    static List<KeyPair> load(Path file, Secret passphrase) throws IOException {
        FilePasswordProvider password = passphrase == null ? FilePasswordProvider.EMPTY
                : FilePasswordProvider.of(passphrase.reveal());
        try {
            Iterable<KeyPair> pairs = SecurityUtils.getKeyPairResourceParser().loadKeyPairs(null, file, password);
            List<KeyPair> keys = new ArrayList<>();
            if (pairs != null) {
                pairs.forEach(keys::add);
            }
            if (keys.isEmpty()) {
                throw new IOException("no private key found in it");
            }
            return keys;
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IOException(explain(file, e, passphrase), e);
        } catch (IOException e) {
            throw new IOException(explain(file, e, passphrase), e);
        }
    }

    /**
     * Checks, before anything is connected, that a configured key can be used.
     *
     * @throws ConfigException for {@link Setting#IDENTITY} saying why it cannot
     */
    public static void check(Path file, Secret passphrase) throws ConfigException {
        try {
            load(file, passphrase);
        } catch (IOException e) {
            throw ConfigException.of(Setting.IDENTITY, file.toString(), "cannot use this key: " + e.getMessage());
        }
    }

    /** A new ed25519 key pair. */
    public static KeyPair generate() throws IOException {
        try {
            return KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot make an ed25519 key: " + e.getMessage(), e);
        }
    }

    /** Writes a private key, unencrypted, in the OpenSSH format, readable by its owner only. */
    public static void writePrivateKey(KeyPair key, Path file) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (OutputStream out = Files.newOutputStream(file)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "weblog", null, out);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot write the key " + file + ": " + e.getMessage(), e);
        }
    }

    /** A public key as authorized_keys and known_hosts write it: {@code ssh-ed25519 AAAA...}. */
    public static String publicKeyLine(PublicKey key) {
        return PublicKeyEntry.toString(key);
    }

    private static String explain(Path file, Exception e, Secret passphrase) {
        if (isEncryptedPkcs8(file)) {
            return "it is an encrypted PKCS#8 key (BEGIN ENCRYPTED PRIVATE KEY), which weblog cannot decrypt; "
                    + "rewrite it in OpenSSH's format with ssh-keygen -p -f " + file;
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("password") || lower.contains("passphrase") || lower.contains("decrypt")
                || lower.contains("encrypted")) {
            return passphrase == null ? "it is encrypted and no passphrase was given"
                    : "the passphrase does not decrypt it";
        }
        if (passphrase != null && (lower.contains("mismatched private key check values")
                || lower.contains("invalid der") || lower.contains("padding"))) {
            return "the passphrase does not decrypt it";
        }
        return message;
    }

    private static boolean isEncryptedPkcs8(Path file) {
        try (var lines = Files.lines(file, java.nio.charset.StandardCharsets.ISO_8859_1)) {
            return lines.limit(5).anyMatch(line -> line.contains("BEGIN ENCRYPTED PRIVATE KEY"));
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }
}
