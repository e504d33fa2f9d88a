package io.weblog;

import java.util.Locale;

/**
 * A yes-or-no setting given as text, as a build tool's property or a pipeline parameter arrives: only {@code true}
 * and {@code false} count (in any case, spaces around ignored), so that a typo such as {@code ture} is refused rather
 * than read as {@code false}, which for a setting that decides a build's outcome would pass a build that should fail.
 * Blank text is the default.
 */
public final class TrueOrFalse {
    /** What a yes-or-no setting expects, as a {@link ConfigException}'s problem says it. */
    public static final String EXPECTED = "expected true or false";

    private TrueOrFalse() {
    }

    /**
     * Reads the text.
     *
     * @param text the text as given, or {@code null}
     * @param unset the value when the text is {@code null} or blank
     * @param setting the setting it is for, or {@code null} when it is the front door's own (skipping the check,
     *     whether a failed rule fails the build), which the front door then names itself
     * @throws ConfigException when the text is neither {@code true} nor {@code false}
     */
    public static boolean parse(String text, boolean unset, Setting setting) throws ConfigException {
        if (text == null || text.isBlank()) {
            return unset;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ConfigException.of(setting, text, EXPECTED);
        };
    }
}
