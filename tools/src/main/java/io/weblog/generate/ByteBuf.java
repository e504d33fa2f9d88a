package io.weblog.generate;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte array that lines and their fields are assembled in, without per-line allocation. */
final class ByteBuf {
    byte[] bytes;
    int length;

    ByteBuf(int capacity) {
        bytes = new byte[capacity];
    }

    void clear() {
        length = 0;
    }

    boolean isEmpty() {
        return length == 0;
    }

    void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }

    ByteBuf append(byte b) {
        ensure(1);
        bytes[length++] = b;
        return this;
    }

    ByteBuf append(char c) {
        return append((byte) c);
    }

    ByteBuf append(byte[] b) {
        return append(b, 0, b.length);
    }

    ByteBuf append(byte[] b, int start, int end) {
        int n = end - start;
        ensure(n);
        System.arraycopy(b, start, bytes, length, n);
        length += n;
        return this;
    }

    ByteBuf append(ByteBuf other) {
        return append(other.bytes, 0, other.length);
    }

    /** Appends a string as UTF-8, without allocating when it is ASCII. */
    ByteBuf append(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                length -= i;
                return append(s.getBytes(StandardCharsets.UTF_8));
            }
            bytes[length++] = (byte) c;
        }
        return this;
    }

    /** Appends a non-negative number in decimal. */
    ByteBuf appendDecimal(long value) {
        if (value < 10) {
            return append((byte) ('0' + value));
        }
        int digits = 1;
        for (long v = value / 10; v > 0; v /= 10) {
            digits++;
        }
        ensure(digits);
        long v = value;
        for (int i = length + digits - 1; i >= length; i--) {
            bytes[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        length += digits;
        return this;
    }

    /** Appends a non-negative number with leading zeros to {@code width} digits. */
    ByteBuf appendPadded(long value, int width) {
        ensure(width);
        long v = value;
        for (int i = length + width - 1; i >= length; i--) {
            bytes[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        length += width;
        return this;
    }

    /** Appends {@code units / 10^scale} as a decimal fraction without trailing zeros ({@code 0.0012}, {@code 3}). */
    ByteBuf appendFraction(long units, int scale) {
        long pow = 1;
        for (int i = 0; i < scale; i++) {
            pow *= 10;
        }
        appendDecimal(units / pow);
        long fraction = units % pow;
        if (fraction != 0) {
            int width = scale;
            while (fraction % 10 == 0) {
                fraction /= 10;
                width--;
            }
            append('.').appendPadded(fraction, width);
        }
        return this;
    }

    /** Appends a number in lower-case hexadecimal without leading zeros. */
    ByteBuf appendHex(int value) {
        boolean started = false;
        for (int shift = 28; shift >= 0; shift -= 4) {
            int nibble = value >>> shift & 0xf;
            if (nibble != 0 || started || shift == 0) {
                append(HEX_LOWER[nibble]);
                started = true;
            }
        }
        return this;
    }

    static final byte[] HEX_LOWER = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
}
