package io.weblog.window;

import io.weblog.ConfigException;
import io.weblog.Setting;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Reads durations as people write them on a command line: {@code 90s}, {@code 10m}, {@code 2h}, {@code 1d},
 * {@code 500ms}, {@code 250us}, combinations such as {@code 1h30m}, or ISO-8601 ({@code PT10M}).
 */
public final class Durations {
    /** The longest duration taken: a hundred years, far beyond any window, and far from overflowing an instant. */
    static final Duration LONGEST = Duration.ofDays(36_500);

    private Durations() {
    }

    /**
     * Parses a duration.
     *
     * @param text the duration as written
     * @param setting the setting it was given for, named in errors
     * @throws ConfigException with the column of the first character that does not fit
     */
    public static Duration parse(String text, Setting setting) throws ConfigException {
        if (text == null || text.isBlank()) {
            throw ConfigException.of(setting, text, "the duration is empty; expected such as 30s, 10m, 2h or 1d");
        }
        String trimmed = text.strip();
        if (trimmed.length() > 1 && (trimmed.charAt(0) == 'P' || trimmed.charAt(0) == 'p')) {
            try {
                return notTooLong(nonNegative(Duration.parse(trimmed.toUpperCase(Locale.ROOT)), text, setting), text,
                        setting);
            } catch (DateTimeParseException e) {
                throw ConfigException.of(setting, text, "not an ISO-8601 duration; expected such as PT10M");
            }
        }
        Duration total = Duration.ZERO;
        int offset = text.indexOf(trimmed);
        int i = 0;
        while (i < trimmed.length()) {
            int numberStart = i;
            while (i < trimmed.length() && (Character.isDigit(trimmed.charAt(i)) || trimmed.charAt(i) == '.')) {
                i++;
            }
            if (i == numberStart) {
                throw new ConfigException(setting, text, offset + i + 1,
                        "expected a number; durations look like 30s, 10m, 2h, 1d or 1h30m");
            }
            String number = trimmed.substring(numberStart, i);
            while (i < trimmed.length() && trimmed.charAt(i) == ' ') {
                i++;
            }
            int unitStart = i;
            while (i < trimmed.length() && Character.isLetter(trimmed.charAt(i))) {
                i++;
            }
            String unit = trimmed.substring(unitStart, i).toLowerCase(Locale.ROOT);
            while (i < trimmed.length() && trimmed.charAt(i) == ' ') {
                i++;
            }
            long nanosPerUnit = switch (unit) {
                case "us", "µs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s", "sec", "secs", "second", "seconds" -> 1_000_000_000L;
                case "m", "min", "mins", "minute", "minutes" -> 60_000_000_000L;
                case "h", "hour", "hours" -> 3_600_000_000_000L;
                case "d", "day", "days" -> 86_400_000_000_000L;
                case "w", "week", "weeks" -> 604_800_000_000_000L;
                default -> throw new ConfigException(setting, text, offset + unitStart + 1, unit.isEmpty()
                        ? "'" + number + "' needs a unit: ms, s, m, h, d or w (such as " + number + "m)"
                        : "unknown unit '" + unit + "'; expected ms, s, m, h, d or w");
            };
            try {
                double value = Double.parseDouble(number);
                total = total.plusNanos(Math.round(value * nanosPerUnit));
            } catch (NumberFormatException | ArithmeticException e) {
                throw new ConfigException(setting, text, offset + numberStart + 1, "'" + number
                        + "' is not a number");
            }
        }
        return notTooLong(total, text, setting);
    }

    private static Duration notTooLong(Duration duration, String text, Setting setting) throws ConfigException {
        if (duration.compareTo(LONGEST) > 0) {
            throw ConfigException.of(setting, text, "longer than any window weblog takes; expected at most "
                    + LONGEST.toDays() + "d");
        }
        return duration;
    }

    /** A duration as people write it: {@code 1h30m}, {@code 45s}, {@code 250ms}. */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        long days = duration.toDays();
        if (days > 0) {
            out.append(days).append('d');
        }
        if (duration.toHoursPart() > 0) {
            out.append(duration.toHoursPart()).append('h');
        }
        if (duration.toMinutesPart() > 0) {
            out.append(duration.toMinutesPart()).append('m');
        }
        if (duration.toSecondsPart() > 0) {
            out.append(duration.toSecondsPart()).append('s');
        }
        if (duration.toMillisPart() > 0) {
            out.append(duration.toMillisPart()).append("ms");
        }
        return out.length() == 0 ? duration.toNanos() / 1000 + "us" : out.toString();
    }

    private static Duration nonNegative(Duration duration, String text, Setting setting) throws ConfigException {
        if (duration.isNegative()) {
            throw ConfigException.of(setting, text, "a duration cannot be negative");
        }
        return duration;
    }
}
