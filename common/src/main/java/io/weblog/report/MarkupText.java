package io.weblog.report;

/**
 * Escapes text for XML and HTML. Besides the five special characters it replaces, with {@code ?}, whatever XML 1.0
 * forbids (most control characters, lone surrogates, U+FFFE and U+FFFF) and whatever {@link Printable} considers
 * unsafe to show, because log lines carry such bytes and one of them would make the whole document unreadable.
 */
final class MarkupText {

    private MarkupText() {
    }

    /** Text content: safe between tags and inside quoted attribute values; keeps tabs and line breaks. */
    static String escape(String text) {
        return escape(text, false);
    }

    /** An attribute value: like {@link #escape} but also keeps tabs and line breaks through attribute normalisation. */
    static String attribute(String text) {
        return escape(text, true);
    }

    private static String escape(String text, boolean attribute) {
        String clean = Printable.cleanKeepingLines(text);
        StringBuilder out = new StringBuilder(clean.length() + 16);
        for (int i = 0; i < clean.length(); i++) {
            char c = clean.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '\t' -> out.append(attribute ? "&#9;" : "\t");
                case '\n' -> out.append(attribute ? "&#10;" : "\n");
                case '\r' -> out.append("&#13;");
                case '\ufffe', '\uffff' -> out.append('?');
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
