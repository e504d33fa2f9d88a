package io.weblog.format;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * Converts the time stamps that web servers write into epoch seconds, without {@code java.time} formatters on the hot
 * path. Consecutive lines nearly always share their second, so the last two conversions are kept and reused when the
 * bytes are the same: two, because servers log a request when it completes, so a line of the second before often
 * follows a line of the current one. One instance per parsing thread.
 */
final class TimeParser {
    private static final int CACHE_CAPACITY = 40;

    private final byte[][] cachedBytes = {new byte[CACHE_CAPACITY], new byte[CACHE_CAPACITY]};
    private final int[] cachedLength = {-1, -1};
    private final long[] cachedEpochSecond = new long[2];
    private final int[] cachedNanos = new int[2];
    private final int[] cachedOffset = new int[2];
    private int newest;

    /** Parses {@code 10/Oct/2024:13:55:36 +0200} (Apache {@code %t} without brackets, nginx {@code $time_local}). */
    boolean parseClf(byte[] a, int start, int end, ParsedLine out) {
        if (fromCache(a, start, end, out)) {
            return true;
        }
        // dd/MMM/yyyy:HH:mm:ss +hhmm
        if (end - start < 26 || a[start + 2] != '/' || a[start + 6] != '/' || a[start + 11] != ':'
                || a[start + 14] != ':' || a[start + 17] != ':' || a[start + 20] != ' ') {
            return out.fail("time is not dd/MMM/yyyy:HH:mm:ss +hhmm");
        }
        int day = digits(a, start, 2);
        int month = month(a, start + 3);
        int year = digits(a, start + 7, 4);
        int hour = digits(a, start + 12, 2);
        int minute = digits(a, start + 15, 2);
        int second = digits(a, start + 18, 2);
        int offset = offset(a, start + 21, end);
        if (day < 1 || month < 1 || year < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
                || second > 60 || offset == Integer.MIN_VALUE || day > daysInMonth(year, month)) {
            return out.fail("time is not dd/MMM/yyyy:HH:mm:ss +hhmm");
        }
        long epoch = epochSecond(year, month, day, hour, minute, second) - offset;
        return remember(a, start, end, epoch, 0, offset, out);
    }

    /**
     * Parses ISO-8601 date-times with an offset or {@code Z}, a {@code T} or a space between date and time, and an
     * optional fraction: {@code 2024-10-10T13:55:36+02:00}, {@code 2024-10-10T11:55:36.123456789Z}.
     */
    boolean parseIso(byte[] a, int start, int end, ParsedLine out) {
        if (fromCache(a, start, end, out)) {
            return true;
        }
        if (end - start < 20 || a[start + 4] != '-' || a[start + 7] != '-'
                || a[start + 10] != 'T' && a[start + 10] != ' ' && a[start + 10] != 't'
                || a[start + 13] != ':' || a[start + 16] != ':') {
            return out.fail("time is not ISO-8601 (yyyy-mm-ddThh:mm:ss+hh:mm)");
        }
        int year = digits(a, start, 4);
        int month = digits(a, start + 5, 2);
        int day = digits(a, start + 8, 2);
        int hour = digits(a, start + 11, 2);
        int minute = digits(a, start + 14, 2);
        int second = digits(a, start + 17, 2);
        int at = start + 19;
        int nanos = 0;
        if (at < end && (a[at] == '.' || a[at] == ',')) {
            at++;
            int scale = 100_000_000;
            int fractionStart = at;
            while (at < end && a[at] >= '0' && a[at] <= '9') {
                nanos += (a[at] - '0') * scale;
                scale /= 10;
                at++;
            }
            if (at == fractionStart) {
                return out.fail("time is not ISO-8601 (yyyy-mm-ddThh:mm:ss+hh:mm)");
            }
        }
        int offset = offset(a, at, end);
        if (month < 1 || month > 12 || day < 1 || year < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 60 || offset == Integer.MIN_VALUE || day > daysInMonth(year, month)) {
            return out.fail("time is not ISO-8601 (yyyy-mm-ddThh:mm:ss+hh:mm)");
        }
        long epoch = epochSecond(year, month, day, hour, minute, second) - offset;
        return remember(a, start, end, epoch, nanos, offset, out);
    }

    /**
     * Parses a decimal count of seconds since the epoch with an optional fraction ({@code 1728561336.123}), as nginx
     * {@code $msec} and Caddy {@code ts} write it, scaled by {@code unitsPerSecond} (1 for seconds, 1000 for ms...).
     */
    boolean parseEpoch(byte[] a, int start, int end, long unitsPerSecond, ParsedLine out) {
        long whole = 0;
        int at = start;
        while (at < end && a[at] >= '0' && a[at] <= '9') {
            int digit = a[at] - '0';
            if (whole > (Long.MAX_VALUE - digit) / 10) {
                return out.fail("time is not a number of seconds since 1970");
            }
            whole = whole * 10 + digit;
            at++;
        }
        if (at == start) {
            return out.fail("time is not a number of seconds since 1970");
        }
        long fractionNanos = 0;
        if (at < end && a[at] == '.') {
            at++;
            long scale = 100_000_000;
            while (at < end && a[at] >= '0' && a[at] <= '9') {
                fractionNanos += (a[at] - '0') * scale;
                scale /= 10;
                at++;
            }
        }
        if (at < end && (a[at] == 'e' || a[at] == 'E')) {
            return parseScientificEpoch(a, start, end, unitsPerSecond, out);
        }
        if (at != end) {
            return out.fail("time is not a number of seconds since 1970");
        }
        long nanosPerUnit = 1_000_000_000L / unitsPerSecond;
        long seconds = whole / unitsPerSecond;
        long nanos = whole % unitsPerSecond * nanosPerUnit + fractionNanos / unitsPerSecond;
        out.setTime(seconds + nanos / 1_000_000_000L, (int) (nanos % 1_000_000_000L), 0);
        return true;
    }

    private static boolean parseScientificEpoch(byte[] a, int start, int end, long unitsPerSecond, ParsedLine out) {
        try {
            BigDecimal nanos = new BigDecimal(new String(a, start, end - start, StandardCharsets.US_ASCII))
                    .multiply(BigDecimal.valueOf(1_000_000_000L / unitsPerSecond));
            long total = nanos.setScale(0, RoundingMode.HALF_UP).longValueExact();
            out.setTime(Math.floorDiv(total, 1_000_000_000L), (int) Math.floorMod(total, 1_000_000_000L), 0);
            return true;
        } catch (NumberFormatException | ArithmeticException e) {
            return out.fail("time is not a number of seconds since 1970");
        }
    }

    private boolean fromCache(byte[] a, int start, int end, ParsedLine out) {
        int length = end - start;
        for (int k = 0, entry = newest; k < 2; k++, entry ^= 1) {
            if (length == cachedLength[entry] && Bytes.equals(a, start, cachedBytes[entry], 0, length)) {
                out.setTime(cachedEpochSecond[entry], cachedNanos[entry], cachedOffset[entry]);
                return true;
            }
        }
        return false;
    }

    private boolean remember(byte[] a, int start, int end, long epoch, int nanos, int offset, ParsedLine out) {
        int length = end - start;
        if (length <= CACHE_CAPACITY) {
            int entry = newest ^ 1;
            System.arraycopy(a, start, cachedBytes[entry], 0, length);
            cachedLength[entry] = length;
            cachedEpochSecond[entry] = epoch;
            cachedNanos[entry] = nanos;
            cachedOffset[entry] = offset;
            newest = entry;
        }
        out.setTime(epoch, nanos, offset);
        return true;
    }

    /** Reads {@code +hhmm}, {@code +hh:mm}, {@code +hh} or {@code Z} spanning exactly {@code [at, end)}. */
    private static int offset(byte[] a, int at, int end) {
        int length = end - at;
        if (length == 1 && (a[at] == 'Z' || a[at] == 'z')) {
            return 0;
        }
        if (length < 3 || a[at] != '+' && a[at] != '-') {
            return Integer.MIN_VALUE;
        }
        int sign = a[at] == '-' ? -1 : 1;
        int hours = digits(a, at + 1, 2);
        int minutes;
        if (length == 3) {
            minutes = 0;
        } else if (length == 5) {
            minutes = digits(a, at + 3, 2);
        } else if (length == 6 && a[at + 3] == ':') {
            minutes = digits(a, at + 4, 2);
        } else {
            return Integer.MIN_VALUE;
        }
        if (hours < 0 || hours > 18 || minutes < 0 || minutes > 59) {
            return Integer.MIN_VALUE;
        }
        return sign * (hours * 3600 + minutes * 60);
    }

    private static int digits(byte[] a, int at, int count) {
        int value = 0;
        for (int i = at; i < at + count; i++) {
            int digit = a[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private static int month(byte[] a, int at) {
        int key = (a[at] | 0x20) << 16 | (a[at + 1] | 0x20) << 8 | (a[at + 2] | 0x20);
        return switch (key) {
            case 'j' << 16 | 'a' << 8 | 'n' -> 1;
            case 'f' << 16 | 'e' << 8 | 'b' -> 2;
            case 'm' << 16 | 'a' << 8 | 'r' -> 3;
            case 'a' << 16 | 'p' << 8 | 'r' -> 4;
            case 'm' << 16 | 'a' << 8 | 'y' -> 5;
            case 'j' << 16 | 'u' << 8 | 'n' -> 6;
            case 'j' << 16 | 'u' << 8 | 'l' -> 7;
            case 'a' << 16 | 'u' << 8 | 'g' -> 8;
            case 's' << 16 | 'e' << 8 | 'p' -> 9;
            case 'o' << 16 | 'c' << 8 | 't' -> 10;
            case 'n' << 16 | 'o' << 8 | 'v' -> 11;
            case 'd' << 16 | 'e' << 8 | 'c' -> 12;
            default -> -1;
        };
    }

    private static int daysInMonth(int year, int month) {
        return switch (month) {
            case 2 -> year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Seconds since the epoch of a UTC civil date-time (Howard Hinnant's days-from-civil). */
    static long epochSecond(int year, int month, int day, int hour, int minute, int second) {
        int y = month <= 2 ? year - 1 : year;
        int era = (y >= 0 ? y : y - 399) / 400;
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        long days = (long) era * 146097 + dayOfEra - 719468;
        return days * 86400 + hour * 3600L + minute * 60L + second;
    }
}
