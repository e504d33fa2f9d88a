package io.weblog;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Says what went wrong with a file in words, for messages that people read: "permission denied: /srv/x", not
 * "AccessDeniedException: /srv/x". Front doors use it for the files they write themselves.
 */
public final class IoMessages {
    private IoMessages() {
    }

    /** The problem, naming the file involved when the exception knows it. */
    public static String describe(IOException e) {
        if (e instanceof FileSystemException fs) {
            String file = fs.getFile() == null ? "" : ": " + fs.getFile();
            if (e instanceof AccessDeniedException) {
                return "permission denied" + file;
            }
            if (e instanceof NoSuchFileException) {
                return "no such file or directory" + file;
            }
            if (e instanceof NotDirectoryException) {
                return "not a directory" + file;
            }
            if (e instanceof FileAlreadyExistsException) {
                return "a file is in the way" + file;
            }
            if (fs.getReason() != null && !fs.getReason().isBlank()) {
                String reason = fs.getReason();
                return Character.toLowerCase(reason.charAt(0)) + reason.substring(1) + file;
            }
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? "input/output error" : message;
    }
}
