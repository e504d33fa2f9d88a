package io.weblog.cli;

/** Makes text from a log safe for a terminal: control characters, which could carry escape sequences, become '?'. */
final class Printable {
    private static final int MAX = 300;

    private Printable() {
    }

    static String of(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX + 1));
        for (int i = 0; i < text.length() && out.length() < MAX; i++) {
            char c = text.charAt(i);
            out.append(c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0 ? '?' : c);
        }
        if (text.length() > MAX) {
            out.append('…');
        }
        return out.toString();
    }
}
