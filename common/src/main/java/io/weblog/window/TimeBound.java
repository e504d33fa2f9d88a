package io.weblog.window;

import io.weblog.ConfigException;
import io.weblog.Setting;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;

/**
 * One end of a window: a fixed instant ({@code 2024-10-10T13:55:36+02:00}) or a duration back from the moment the
 * check starts ({@code 30m}). Exactly one of the two is set.
 *
 * @param instant the fixed instant, or {@code null}
 * @param ago how long before the start of the check, or {@code null}
 */
public record TimeBound(Instant instant, Duration ago) {

    /** Exactly one of instant and ago. */
    public TimeBound {
        if ((instant == null) == (ago == null)) {
            throw new IllegalArgumentException("a time bound is an instant or a duration ago");
        }
    }

    /** A fixed instant. */
    public static TimeBound at(Instant instant) {
        return new TimeBound(instant, null);
    }

    /** A duration back from the start of the check. */
    public static TimeBound ago(Duration ago) {
        return new TimeBound(null, ago);
    }

    /**
     * Parses an ISO-8601 instant with its zone or offset ({@code 2024-10-10T11:55:36Z},
     * {@code 2024-10-10T13:55:36+02:00}, {@code 2024-10-10T13:55:36+02:00[Europe/Paris]}), or a duration
     * ({@code 30m}) meaning that long before now.
     */
    public static TimeBound parse(String text, Setting setting) throws ConfigException {
        if (text == null || text.isBlank()) {
            throw ConfigException.of(setting, text, "the time is empty; expected an ISO-8601 instant such as "
                    + "2024-10-10T13:55:36+02:00 or a duration such as 30m");
        }
        String trimmed = text.strip();
        if (trimmed.length() >= 10 && Character.isDigit(trimmed.charAt(0)) && trimmed.charAt(4) == '-') {
            try {
                return at(OffsetDateTime.parse(trimmed).toInstant());
            } catch (DateTimeParseException notOffset) {
                try {
                    return at(ZonedDateTime.parse(trimmed).toInstant());
                } catch (DateTimeParseException notZoned) {
                    if (notOffset.getCause() instanceof java.time.DateTimeException invalid) {
                        throw ConfigException.of(setting, text, "not a real date and time: " + invalid.getMessage());
                    }
                    throw new ConfigException(setting, text, text.indexOf(trimmed) + notOffset.getErrorIndex() + 1,
                            "not an ISO-8601 instant with a zone; expected such as 2024-10-10T13:55:36+02:00 or "
                                    + "2024-10-10T11:55:36Z");
                }
            }
        }
        return ago(Durations.parse(text, setting));
    }

    /** The instant this bound stands for, for a check that started at {@code now}. */
    public Instant resolve(Instant now) {
        return instant != null ? instant : now.minus(ago);
    }

    @Override
    public String toString() {
        return instant != null ? instant.toString() : Durations.format(ago) + " ago";
    }
}
