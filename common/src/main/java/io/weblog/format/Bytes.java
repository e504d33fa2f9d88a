package io.weblog.format;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Byte searches that look at eight bytes at a time (SWAR: a byte equal to the one sought becomes a zero byte, and
 * a zero byte is found with two arithmetic operations on a long). They are the inner loops of splitting and parsing,
 * where a byte-by-byte loop would cost most of the time. Public for the engine's own packages, not an API.
 */
public final class Bytes {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private Bytes() {
    }

    /** Every byte of a long set to {@code b}, for the searches below. */
    static long pattern(byte b) {
        return (b & 0xFFL) * ONES;
    }

    /** The index of the first {@code b} in {@code a[from..to)}, or -1. */
    public static int indexOf(byte[] a, int from, int to, byte b) {
        long pattern = pattern(b);
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long word = (long) LONGS.get(a, i) ^ pattern;
            long found = (word - ONES) & ~word & HIGHS;
            if (found != 0) {
                return i + firstByte(found);
            }
        }
        for (; i < to; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** The index of the first byte in {@code a[from..to)} that is {@code b1} or {@code b2}, or -1. */
    static int indexOfEither(byte[] a, int from, int to, byte b1, byte b2) {
        long pattern1 = pattern(b1);
        long pattern2 = pattern(b2);
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long word = (long) LONGS.get(a, i);
            long x1 = word ^ pattern1;
            long x2 = word ^ pattern2;
            long found = ((x1 - ONES) & ~x1 | (x2 - ONES) & ~x2) & HIGHS;
            if (found != 0) {
                return i + firstByte(found);
            }
        }
        for (; i < to; i++) {
            if (a[i] == b1 || a[i] == b2) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The index of the lowest byte whose high bit is set in {@code found} (which has no other bits set): the lowest
     * bit isolated, moved to the bottom of its byte, and multiplied so that its byte index lands in the top byte.
     */
    private static int firstByte(long found) {
        return (int) ((((found & -found) >>> 7) * 0x0001020304050607L) >>> 56);
    }

    /** Whether {@code a[from..to)} contains {@code b}. */
    static boolean contains(byte[] a, int from, int to, byte b) {
        return indexOf(a, from, to, b) >= 0;
    }

    /** Whether {@code a[aFrom..aFrom+length)} equals {@code b[bFrom..bFrom+length)}. */
    static boolean equals(byte[] a, int aFrom, byte[] b, int bFrom, int length) {
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            if ((long) LONGS.get(a, aFrom + i) != (long) LONGS.get(b, bFrom + i)) {
                return false;
            }
        }
        for (; i < length; i++) {
            if (a[aFrom + i] != b[bFrom + i]) {
                return false;
            }
        }
        return true;
    }
}
