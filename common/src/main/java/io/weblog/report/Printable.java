package io.weblog.report;

/**
 * Makes text from a log safe to show: characters that could move a terminal's cursor, change its colours or reorder
 * the text around them (controls, bidirectional overrides, line separators, lone surrogates) become {@code ?}, and
 * long values are shortened.
 */
final class Printable {
    /** What a shortened value ends with. */
    static final String ELLIPSIS = "...";

    private Printable() {
    }

    /** The text with every unsafe character replaced by {@code ?}; {@code null} becomes {@code ""}. */
    static String clean(String text) {
        return replaceUnsafe(text, false);
    }

    /** Like {@link #clean} but keeps tabs, line feeds and carriage returns, for multi-line text in markup. */
    static String cleanKeepingLines(String text) {
        return replaceUnsafe(text, true);
    }

    /** The text cut to at most {@code max} characters, ending with {@link #ELLIPSIS} when it was cut. */
    static String shorten(String text, int max) {
        if (text == null || text.length() <= max) {
            return text == null ? "" : text;
        }
        int end = Math.max(0, max - ELLIPSIS.length());
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + ELLIPSIS;
    }

    /** Whether a character must not reach a terminal or a page as it is. */
    static boolean isUnsafe(int codePoint) {
        return codePoint < 0x20
                || codePoint >= 0x7f && codePoint <= 0x9f
                || codePoint == 0x061c
                || codePoint == 0x200e || codePoint == 0x200f
                || codePoint >= 0x2028 && codePoint <= 0x202e
                || codePoint >= 0x2066 && codePoint <= 0x2069
                || codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE;
    }

    private static String replaceUnsafe(String text, boolean keepLines) {
        if (text == null) {
            return "";
        }
        StringBuilder out = null;
        int i = 0;
        while (i < text.length()) {
            int codePoint = text.codePointAt(i);
            int next = i + Character.charCount(codePoint);
            boolean lineBreak = codePoint == '\t' || codePoint == '\n' || codePoint == '\r';
            if (isUnsafe(codePoint) && !(keepLines && lineBreak)) {
                if (out == null) {
                    out = new StringBuilder(text.length()).append(text, 0, i);
                }
                out.append('?');
            } else if (out != null) {
                out.append(text, i, next);
            }
            i = next;
        }
        return out == null ? text : out.toString();
    }
}
