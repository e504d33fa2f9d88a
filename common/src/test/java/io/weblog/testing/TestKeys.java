package io.weblog.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.keyprovider.KeyPairProvider;

/**
 * Keys for in-process MINA servers and clients, made with MINA's own key code (no {@code ssh-keygen}), so tests
 * that need no OpenSSH run anywhere. Files are in the OpenSSH formats that {@code ssh}, {@code sshd} and MINA read.
 */
public final class TestKeys {
    private TestKeys() {
    }

    /** A new ed25519 key pair (through MINA's {@code KeyUtils}; needs {@code net.i2p.crypto:eddsa}). */
    public static KeyPair ed25519() {
        return generate(KeyPairProvider.SSH_ED25519, 256);
    }

    /** A new ECDSA key pair on nistp256. */
    public static KeyPair ecdsa() {
        return generate(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
    }

    /** A new 2048-bit RSA key pair. */
    public static KeyPair rsa() {
        return generate(KeyPairProvider.SSH_RSA, 2048);
    }

    private static KeyPair generate(String keyType, int bits) {
        try {
            return KeyUtils.generateKeyPair(keyType, bits);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + keyType + " key", e);
        }
    }

    /**
     * Writes the private key in the OpenSSH format ({@code -----BEGIN OPENSSH PRIVATE KEY-----}, file mode 0600),
     * encrypted with the passphrase (aes256-ctr, bcrypt KDF, as {@code ssh-keygen} does) unless it is
     * {@code null}, and the public key to {@code file + ".pub"}. Returns {@code file}.
     */
    public static Path writeOpenSsh(KeyPair keyPair, Path file, String passphraseOrNull) {
        OpenSSHKeyEncryptionContext encryption = null;
        if (passphraseOrNull != null) {
            encryption = new OpenSSHKeyEncryptionContext();
            encryption.setCipherType("256");
            // setPassword (not setPassphrase, which later versions add) keeps this working on sshd 2.16 .. 2.20.
            encryption.setPassword(passphraseOrNull);
        }
        String comment = "weblog-test";
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (OutputStream out = Files.newOutputStream(file)) {
                OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(keyPair, comment, encryption, out);
            }
            Files.writeString(Path.of(file + ".pub"), authorizedKeysLine(keyPair.getPublic()) + " " + comment + "\n",
                    StandardCharsets.US_ASCII);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encode the key for " + file, e);
        }
    }

    /** The public key as one authorized_keys or known_hosts entry: {@code ssh-ed25519 AAAA...}, no comment. */
    public static String authorizedKeysLine(PublicKey key) {
        return PublicKeyEntry.toString(key);
    }

    /** The SHA-256 fingerprint, {@code SHA256:} and unpadded base64, as {@code ssh-keygen -l} prints it. */
    public static String fingerprint(PublicKey key) {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
    }
}
