package io.weblog.format;

import java.util.Arrays;

/**
 * How a web server escapes the bytes of a logged value, and how to undo it.
 *
 * <p>Decoding yields bytes, not characters: escaped bytes of UTF-8 text ({@code \xe2\x82\xac}) become the UTF-8 bytes
 * they stood for, so a decoded value compares byte for byte with the UTF-8 form of a rule's literal.
 */
public enum Escaping {
    /** Nothing is escaped ({@code escape=none}, unquoted fields). */
    NONE,
    /** Apache httpd's {@code ap_escape_logitem}: {@code \"}, {@code \\}, {@code \b \n \r \t \v}, {@code \xhh}. */
    APACHE,
    /** nginx's default: {@code \xHH} for control bytes, {@code "}, {@code \} and bytes from 0x7F. */
    NGINX,
    /** JSON string escapes, as nginx {@code escape=json}, Caddy and Traefik write them. */
    JSON;

    /**
     * Decodes {@code src[start..end)} into {@code dst} from {@code dstStart}; returns the end index in {@code dst}.
     * {@code dst} must have room for {@code end - start} bytes (decoding never grows a value).
     */
    public int decode(byte[] src, int start, int end, byte[] dst, int dstStart) {
        int out = dstStart;
        int i = start;
        while (i < end) {
            byte b = src[i];
            if (b != '\\' || this == NONE || i + 1 >= end) {
                dst[out++] = b;
                i++;
                continue;
            }
            byte next = src[i + 1];
            switch (this) {
                case APACHE -> {
                    int consumed = 2;
                    switch (next) {
                        case '"', '\\' -> dst[out++] = next;
                        case 'b' -> dst[out++] = '\b';
                        case 'n' -> dst[out++] = '\n';
                        case 'r' -> dst[out++] = '\r';
                        case 't' -> dst[out++] = '\t';
                        case 'v' -> dst[out++] = 0x0b;
                        case 'x' -> {
                            int value = hexPair(src, i + 2, end);
                            if (value >= 0) {
                                dst[out++] = (byte) value;
                                consumed = 4;
                            } else {
                                dst[out++] = '\\';
                                consumed = 1;
                            }
                        }
                        default -> {
                            dst[out++] = '\\';
                            consumed = 1;
                        }
                    }
                    i += consumed;
                }
                case NGINX -> {
                    int value = next == 'x' ? hexPair(src, i + 2, end) : -1;
                    if (value >= 0) {
                        dst[out++] = (byte) value;
                        i += 4;
                    } else {
                        dst[out++] = '\\';
                        i++;
                    }
                }
                case JSON -> {
                    switch (next) {
                        case '"', '\\', '/' -> {
                            dst[out++] = next;
                            i += 2;
                        }
                        case 'b' -> {
                            dst[out++] = '\b';
                            i += 2;
                        }
                        case 'f' -> {
                            dst[out++] = '\f';
                            i += 2;
                        }
                        case 'n' -> {
                            dst[out++] = '\n';
                            i += 2;
                        }
                        case 'r' -> {
                            dst[out++] = '\r';
                            i += 2;
                        }
                        case 't' -> {
                            dst[out++] = '\t';
                            i += 2;
                        }
                        case 'u' -> {
                            int unit = hexQuad(src, i + 2, end);
                            if (unit < 0) {
                                dst[out++] = '\\';
                                i++;
                                break;
                            }
                            i += 6;
                            int codePoint = unit;
                            if (Character.isHighSurrogate((char) unit) && i + 6 <= end && src[i] == '\\'
                                    && src[i + 1] == 'u') {
                                int low = hexQuad(src, i + 2, end);
                                if (low >= 0 && Character.isLowSurrogate((char) low)) {
                                    codePoint = Character.toCodePoint((char) unit, (char) low);
                                    i += 6;
                                }
                            }
                            out = putUtf8(codePoint, dst, out);
                        }
                        default -> {
                            dst[out++] = '\\';
                            i++;
                        }
                    }
                }
                default -> throw new AssertionError(this);
            }
        }
        return out;
    }

    /** Decodes a whole value to bytes; a convenience for tests and cold paths. */
    public byte[] decode(byte[] src) {
        byte[] dst = new byte[src.length];
        int end = decode(src, 0, src.length, dst, 0);
        return Arrays.copyOf(dst, end);
    }

    private static int hexPair(byte[] src, int at, int end) {
        if (at + 2 > end) {
            return -1;
        }
        int high = hexDigit(src[at]);
        int low = hexDigit(src[at + 1]);
        return high < 0 || low < 0 ? -1 : high << 4 | low;
    }

    private static int hexQuad(byte[] src, int at, int end) {
        if (at + 4 > end) {
            return -1;
        }
        int value = 0;
        for (int k = 0; k < 4; k++) {
            int digit = hexDigit(src[at + k]);
            if (digit < 0) {
                return -1;
            }
            value = value << 4 | digit;
        }
        return value;
    }

    private static int hexDigit(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }

    private static int putUtf8(int codePoint, byte[] dst, int out) {
        if (codePoint < 0x80) {
            dst[out++] = (byte) codePoint;
        } else if (codePoint < 0x800) {
            dst[out++] = (byte) (0xC0 | codePoint >> 6);
            dst[out++] = (byte) (0x80 | codePoint & 0x3F);
        } else if (codePoint < 0x10000) {
            dst[out++] = (byte) (0xE0 | codePoint >> 12);
            dst[out++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
            dst[out++] = (byte) (0x80 | codePoint & 0x3F);
        } else {
            dst[out++] = (byte) (0xF0 | codePoint >> 18);
            dst[out++] = (byte) (0x80 | codePoint >> 12 & 0x3F);
            dst[out++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
            dst[out++] = (byte) (0x80 | codePoint & 0x3F);
        }
        return out;
    }
}
