package io.weblog.generate;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Finds the next byte that needs escaping eight bytes at a time, so that clean runs are copied whole. */
final class Scan {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private Scan() {
    }

    /** The index of the first byte Apache escapes (control, {@code "}, {@code \}, 0x7F and up), or {@code end}. */
    static int firstApacheEscape(byte[] a, int from, int end) {
        int i = from;
        for (; i + 8 <= end; i += 8) {
            long x = (long) LONGS.get(a, i);
            long found = x & HIGHS | below(x, 0x20) | equal(x, '"') | equal(x, '\\') | equal(x, 0x7f);
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < end; i++) {
            int c = a[i] & 0xff;
            if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
                return i;
            }
        }
        return end;
    }

    /** The index of the first byte a JSON string escapes (control, {@code "}, {@code \}), or {@code end}. */
    static int firstJsonEscape(byte[] a, int from, int end) {
        int i = from;
        for (; i + 8 <= end; i += 8) {
            long x = (long) LONGS.get(a, i);
            long found = below(x, 0x20) | equal(x, '"') | equal(x, '\\');
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < end; i++) {
            int c = a[i] & 0xff;
            if (c < 0x20 || c == '"' || c == '\\') {
                return i;
            }
        }
        return end;
    }

    /**
     * High bit set in each byte below {@code bound} that is below 0x80; exact for the lowest such byte (borrows only
     * disturb bytes above a match).
     */
    private static long below(long x, int bound) {
        return (x - ONES * bound) & ~x & HIGHS;
    }

    private static long equal(long x, int value) {
        long v = x ^ ONES * value;
        return (v - ONES) & ~v & HIGHS;
    }
}
