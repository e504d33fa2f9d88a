package io.weblog.server;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Iterator;
import java.util.Set;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * The server's host key: read from its file, or made on first start (ed25519, OpenSSH format, readable by its owner
 * only) so that clients see the same key after a restart.
 */
final class HostKey {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private HostKey() {
    }

    /** Reads the key in {@code file}, or makes one and writes it there when the file does not exist. */
    static KeyPair loadOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            return load(file);
        }
        KeyPair key = generate();
        write(key, file);
        return key;
    }

    /** A fresh ed25519 key. */
    static KeyPair generate() throws IOException {
        try {
            return KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot make an ed25519 host key: " + e.getMessage(), e);
        }
    }

    private static KeyPair load(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException("the host key " + file + " is a directory; expected a key file, or a path where "
                    + "one can be made");
        }
        refuseIfOthersCanRead(file);
        Iterable<KeyPair> keys;
        try {
            keys = SecurityUtils.getKeyPairResourceParser().loadKeyPairs(null, file, null);
        } catch (AccessDeniedException e) {
            throw new IOException("cannot read the host key " + file + ": permission denied", e);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            String message = String.valueOf(e.getMessage());
            if (message.toLowerCase(java.util.Locale.ROOT).contains("password")) {
                throw new IOException("the host key " + file + " is encrypted, and a server cannot ask for its "
                        + "passphrase; remove the passphrase with ssh-keygen -p -N '' -f " + file, e);
            }
            throw new IOException("cannot read the host key " + file + ": " + message, e);
        }
        Iterator<KeyPair> first = keys == null ? null : keys.iterator();
        if (first == null || !first.hasNext()) {
            throw new IOException("no private key in the host key file " + file
                    + "; expected one in OpenSSH format (remove the file to have a new key made)");
        }
        return first.next();
    }

    private static void refuseIfOthersCanRead(Path file) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        Set<PosixFilePermission> permissions = view.readAttributes().permissions();
        for (PosixFilePermission permission : permissions) {
            if (!OWNER_ONLY.contains(permission) && permission != PosixFilePermission.OWNER_EXECUTE) {
                throw new IOException("the host key " + file + " is open to others ("
                        + PosixFilePermissions.toString(permissions) + "); make it readable by its owner only: "
                        + "chmod 600 " + file);
            }
        }
    }

    private static void write(KeyPair key, Path file) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        boolean posix = directory.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (!Files.isDirectory(directory)) {
            try {
                if (posix) {
                    Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
                } else {
                    Files.createDirectories(directory);
                }
            } catch (FileAlreadyExistsException e) {
                throw new IOException("cannot make the host key's directory " + directory + ": a file is in the way",
                        e);
            }
        }
        FileAttribute<?>[] ownerOnly = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)} : new FileAttribute<?>[0];
        Path temporary = Files.createTempFile(directory, "." + file.getFileName(), ".new", ownerOnly);
        try {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "weblog serve host key", null, out);
            } catch (GeneralSecurityException e) {
                throw new IOException("cannot write the host key " + file + ": " + e.getMessage(), e);
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file);
            }
        } catch (NoSuchFileException e) {
            throw new IOException("cannot write the host key " + file + ": " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
