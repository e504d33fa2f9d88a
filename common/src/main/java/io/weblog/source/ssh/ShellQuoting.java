package io.weblog.source.ssh;

/**
 * Quotes text for POSIX {@code sh}: in single quotes, where nothing is special, and each single quote written as
 * {@code '\''}. A path quoted so is read literally whatever it holds: spaces, quotes, {@code $(...)}, {@code ;}.
 */
final class ShellQuoting {

    private ShellQuoting() {
    }

    static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
