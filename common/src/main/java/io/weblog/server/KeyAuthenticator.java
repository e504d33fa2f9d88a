package io.weblog.server;

import java.nio.file.Path;
import java.security.PublicKey;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.config.keys.AuthorizedKeysAuthenticator;
import org.apache.sshd.server.session.ServerSession;

/**
 * Lets in the keys of an OpenSSH {@code authorized_keys} file, whatever user name the client gives, and says which
 * key got in or was refused. MINA's {@link AuthorizedKeysAuthenticator} reads the file again when it changes, and
 * refuses everything when it is missing or unreadable.
 */
final class KeyAuthenticator implements PublickeyAuthenticator {
    /** The accepted key of a session, as {@code type fingerprint}. */
    static final AttributeRepository.AttributeKey<String> KEY = new AttributeRepository.AttributeKey<>();

    private final AuthorizedKeysAuthenticator authorizedKeys;
    private final Path file;
    private final Events events;

    KeyAuthenticator(Path file, Events events) {
        this.authorizedKeys = new AuthorizedKeysAuthenticator(file);
        this.file = file;
        this.events = events;
    }

    @Override
    public boolean authenticate(String username, PublicKey key, ServerSession session) {
        boolean accepted = authorizedKeys.authenticate(username, key, session);
        String described = KeyUtils.getKeyType(key) + " " + KeyUtils.getFingerPrint(key);
        if (accepted) {
            session.setAttribute(KEY, described);
        } else {
            events.emit(new ServerEvent.Refused(Events.client(session), ServeRequest.shown(username),
                    java.nio.file.Files.isReadable(file) ? "key " + described + " is not in " + file
                            + " (or its options there, such as from=, exclude this client)"
                            : "key " + described + " refused: the authorized keys file " + file + " is missing or "
                                    + "unreadable"));
        }
        return accepted;
    }
}
