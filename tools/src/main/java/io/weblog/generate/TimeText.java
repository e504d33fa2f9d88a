package io.weblog.generate;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Writes time stamps as servers log them, converting each second once: consecutive lines nearly always share it.
 */
final class TimeText {
    private static final byte[][] MONTHS = new byte[12][];

    static {
        String[] names = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
        for (int i = 0; i < 12; i++) {
            MONTHS[i] = names[i].getBytes(StandardCharsets.US_ASCII);
        }
    }

    private final ByteBuf clf = new ByteBuf(32);
    private long clfSecond = Long.MIN_VALUE;
    private int clfOffset;
    private final ByteBuf iso = new ByteBuf(32);
    private long isoSecond = Long.MIN_VALUE;
    private int isoOffset;

    /** Apache's {@code %t}: {@code [10/Oct/2024:13:55:36 +0200]}. */
    void clf(long epochSecond, int offsetSeconds, ByteBuf out) {
        if (epochSecond != clfSecond || offsetSeconds != clfOffset) {
            LocalDateTime t = local(epochSecond, offsetSeconds);
            clf.clear();
            clf.append('[').appendPadded(t.getDayOfMonth(), 2).append('/').append(MONTHS[t.getMonthValue() - 1])
                    .append('/').appendPadded(t.getYear(), 4).append(':').appendPadded(t.getHour(), 2).append(':')
                    .appendPadded(t.getMinute(), 2).append(':').appendPadded(t.getSecond(), 2).append(' ');
            offset(offsetSeconds, false, clf);
            clf.append(']');
            clfSecond = epochSecond;
            clfOffset = offsetSeconds;
        }
        out.append(clf);
    }

    /** nginx's {@code $time_iso8601}: {@code 2024-10-10T13:55:36+02:00}. */
    void iso(long epochSecond, int offsetSeconds, ByteBuf out) {
        if (epochSecond != isoSecond || offsetSeconds != isoOffset) {
            LocalDateTime t = local(epochSecond, offsetSeconds);
            iso.clear();
            iso.appendPadded(t.getYear(), 4).append('-').appendPadded(t.getMonthValue(), 2).append('-')
                    .appendPadded(t.getDayOfMonth(), 2).append('T').appendPadded(t.getHour(), 2).append(':')
                    .appendPadded(t.getMinute(), 2).append(':').appendPadded(t.getSecond(), 2);
            offset(offsetSeconds, true, iso);
            isoSecond = epochSecond;
            isoOffset = offsetSeconds;
        }
        out.append(iso);
    }

    private static LocalDateTime local(long epochSecond, int offsetSeconds) {
        return LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.ofTotalSeconds(offsetSeconds));
    }

    private static void offset(int offsetSeconds, boolean colon, ByteBuf out) {
        int abs = Math.abs(offsetSeconds);
        out.append(offsetSeconds < 0 ? '-' : '+').appendPadded(abs / 3600, 2);
        if (colon) {
            out.append(':');
        }
        out.appendPadded(abs / 60 % 60, 2);
    }
}
