package io.weblog.source.ssh;

import io.weblog.source.SourceException;
import java.io.IOException;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

/**
 * A remote log read over SFTP, for accounts that may not run commands. It reads by offset and, when following, asks
 * again every {@value #POLL_MILLIS} ms. SFTP does not tell inodes, so rotation is recognised by the path no longer
 * naming the open file: its size or modification time differ from the open handle's twice in a row.
 */
final class SftpRemoteLog implements RemoteLog {
    private static final int POLL_MILLIS = 100;
    private static final int CHUNK = 64 * 1024;

    private final SftpClient sftp;
    private final String path;

    private SftpRemoteLog(SftpClient sftp, String path) {
        this.sftp = sftp;
        this.path = path;
    }

    /** Opens the SFTP subsystem on the session. */
    static SftpRemoteLog open(ClientSession session, String path) throws SourceException {
        try {
            return new SftpRemoteLog(SftpClientFactory.instance().createSftpClient(session), path);
        } catch (IOException e) {
            throw new SourceException("the host offers neither commands nor SFTP: " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return "SFTP";
    }

    private String file(Which which) {
        return which == Which.CURRENT ? path : path + ".1";
    }

    @Override
    public FileState stat(Which which) throws IOException, SourceException {
        try {
            SftpClient.Attributes attributes = sftp.stat(file(which));
            if (attributes.isDirectory()) {
                throw new SourceException(file(which) + " is a directory, not a log file");
            }
            if (!attributes.isRegularFile()) {
                throw new SourceException(file(which) + " is not a regular file; weblog reads logs at offsets, "
                        + "which a pipe or a device does not have");
            }
            return new FileState(null, attributes.getSize());
        } catch (SftpException e) {
            if (e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE) {
                return null;
            }
            throw new SourceException(file(which) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] read(Which which, long offset, int length) throws IOException, SourceException {
        try (SftpClient.CloseableHandle handle = sftp.open(file(which))) {
            byte[] buffer = new byte[length];
            int filled = 0;
            while (filled < length) {
                int read = sftp.read(handle, offset + filled, buffer, filled, length - filled);
                if (read < 0) {
                    break;
                }
                filled += read;
            }
            return Arrays.copyOf(buffer, filled);
        } catch (SftpException e) {
            throw new SourceException(file(which) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public RemoteStream stream(Which which, long offset, boolean follow, Instant until)
            throws IOException, SourceException {
        try {
            return new SftpStream(sftp.open(file(which)), offset, follow);
        } catch (SftpException e) {
            throw new SourceException(file(which) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            sftp.close();
        } catch (IOException ignored) {
            // The session is closed by its owner anyway.
        }
    }

    /** Reads a file by offset, polling for growth when following. */
    private final class SftpStream implements RemoteStream {
        private final SftpClient.CloseableHandle handle;
        private final boolean follow;
        private long position;
        private Ending ending;
        private int differingLooks;

        SftpStream(SftpClient.CloseableHandle handle, long offset, boolean follow) {
            this.handle = handle;
            this.position = offset;
            this.follow = follow;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = sftp.read(handle, position, buffer, offset, Math.min(length, CHUNK));
            if (read > 0) {
                position += read;
                return read;
            }
            if (!follow) {
                ending = new Ending(true, false, "");
                return -1;
            }
            long size = sftp.stat(handle).getSize();
            if (size < position) {
                ending = new Ending(false, true, "truncated");
                return -1;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted");
            }
            return 0;
        }

        @Override
        public Ending ending() {
            return ending;
        }

        @Override
        public Rotation rotation(long offsetReached) throws IOException {
            SftpClient.Attributes open = sftp.stat(handle);
            SftpClient.Attributes named;
            try {
                named = sftp.stat(path);
            } catch (SftpException e) {
                return Rotation.NONE;
            }
            if (open.getSize() < offsetReached) {
                return Rotation.TRUNCATED;
            }
            boolean differs = named.getSize() != open.getSize() || !same(named.getModifyTime(), open.getModifyTime());
            differingLooks = differs ? differingLooks + 1 : 0;
            return differingLooks >= 2 ? Rotation.RENAMED : Rotation.NONE;
        }

        private boolean same(FileTime a, FileTime b) {
            return a == null ? b == null : a.equals(b);
        }

        @Override
        public void close() {
            try {
                handle.close();
            } catch (IOException ignored) {
                // A handle left open is closed with the SFTP channel.
            }
        }
    }
}
