package io.weblog.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BytesTest {

    private static int naiveIndexOf(byte[] a, int from, int to, byte b1, byte b2) {
        for (int i = from; i < to; i++) {
            if (a[i] == b1 || a[i] == b2) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void findsTheFirstMatchAtEveryPositionForEveryByteValue() {
        Random random = new Random(42);
        byte[] a = new byte[64];
        for (int round = 0; round < 20_000; round++) {
            for (int i = 0; i < a.length; i++) {
                a[i] = (byte) random.nextInt(256);
            }
            byte sought = (byte) random.nextInt(256);
            byte other = (byte) random.nextInt(256);
            int from = random.nextInt(a.length);
            int to = from + random.nextInt(a.length - from + 1);
            assertThat(Bytes.indexOf(a, from, to, sought)).isEqualTo(naiveIndexOf(a, from, to, sought, sought));
            assertThat(Bytes.indexOfEither(a, from, to, sought, other))
                    .isEqualTo(naiveIndexOf(a, from, to, sought, other));
        }
    }

    @Test
    void findsBytesAfterARunOfTheSameByteMinusOne() {
        byte[] a = {'!', '!', '"', 0, 0, 0, 0, 0, '"', '\\'};
        assertThat(Bytes.indexOf(a, 0, a.length, (byte) '"')).isEqualTo(2);
        assertThat(Bytes.indexOf(a, 3, a.length, (byte) '"')).isEqualTo(8);
        assertThat(Bytes.indexOfEither(a, 3, a.length, (byte) '\\', (byte) '"')).isEqualTo(8);
    }

    @Test
    void comparesRangesOfAnyLength() {
        byte[] a = "10/Oct/2024:13:55:36 +0200 and more".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] b = "xx10/Oct/2024:13:55:36 +0200".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int length = 0; length <= 26; length++) {
            assertThat(Bytes.equals(a, 0, b, 2, length)).isTrue();
        }
        b[20] = '7';
        assertThat(Bytes.equals(a, 0, b, 2, 26)).isFalse();
    }
}
