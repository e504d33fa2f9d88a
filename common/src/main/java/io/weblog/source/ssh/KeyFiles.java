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
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * Reads private keys, from files or from text (OpenSSH and PEM formats; RSA, ECDSA, Ed25519; encrypted with a
 * passphrase or not).
 */
public final class KeyFiles {
    private static final String ENCRYPTED_PKCS8 = "BEGIN ENCRYPTED PRIVATE KEY";

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
        try {
            return keys(SecurityUtils.getKeyPairResourceParser().loadKeyPairs(null, file, password(passphrase)));
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw new IOException(explain(e, passphrase, isEncryptedPkcs8(file),
                    "ssh-keygen -p -f " + file), e);
        }
    }

    /**
     * Loads the keys in a text, such as a private key that a Jenkins credential holds.
     *
     * @param key the key's text, in the OpenSSH or a PEM format; its origin names it in messages (never its text)
     * @param passphrase the passphrase if the key is encrypted, or {@code null}
     * @throws IOException when the text holds no key or cannot be decrypted, with a message saying which
     */
    static List<KeyPair> load(Secret key, Secret passphrase) throws IOException {
        String text = key.reveal();
        try {
            return keys(SecurityUtils.getKeyPairResourceParser().loadKeyPairs(null,
                    NamedResource.ofName(key.origin()), password(passphrase), text));
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw new IOException(explain(e, passphrase, text.contains(ENCRYPTED_PKCS8),
                    "ssh-keygen -p -f FILE on a copy, and store the result"), e);
        }
    }

    /**
     * Checks, before anything is connected, that a private key given as text can be used.
     *
     * @throws ConfigException for {@link Setting#IDENTITY}, naming the key by its origin, saying why it cannot
     */
    public static void check(Secret key, Secret passphrase) throws ConfigException {
        try {
            load(key, passphrase);
        } catch (IOException e) {
            throw ConfigException.of(Setting.IDENTITY, key.origin(), "cannot use this key: " + e.getMessage());
        }
    }

    private static FilePasswordProvider password(Secret passphrase) {
        return passphrase == null ? FilePasswordProvider.EMPTY : FilePasswordProvider.of(passphrase.reveal());
    }

    private static List<KeyPair> keys(Iterable<KeyPair> pairs) throws IOException {
        List<KeyPair> keys = new ArrayList<>();
        if (pairs != null) {
            pairs.forEach(keys::add);
        }
        if (keys.isEmpty()) {
            throw new IOException("no private key found in it");
        }
        return keys;
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

    /**
     * The {@code SHA256:...} fingerprint of a public key written as authorized_keys and known_hosts write it.
     *
     * @throws IOException when the text is not such a key, saying why
     */
    public static String fingerprintOfPublicKey(String line) throws IOException {
        try {
            PublicKey key = PublicKeyEntry.parsePublicKeyEntry(line.strip())
                    .resolvePublicKey(null, null, PublicKeyEntryResolver.FAILING);
            return HostKeyVerifier.fingerprint(key);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
        }
    }

    /** A public key as authorized_keys and known_hosts write it: {@code ssh-ed25519 AAAA...}. */
    public static String publicKeyLine(PublicKey key) {
        return PublicKeyEntry.toString(key);
    }

    private static String explain(Exception e, Secret passphrase, boolean encryptedPkcs8, String conversion) {
        if (encryptedPkcs8) {
            return "it is an encrypted PKCS#8 key (" + ENCRYPTED_PKCS8 + "), which weblog cannot decrypt; "
                    + "rewrite it in OpenSSH's format with " + conversion;
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
            return lines.limit(5).anyMatch(line -> line.contains(ENCRYPTED_PKCS8));
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }
}
