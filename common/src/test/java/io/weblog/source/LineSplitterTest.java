package io.weblog.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineSplitterTest {

    /** Records what the splitter hands on. */
    private static final class Recorder implements LineSink {
        final List<String> lines = new ArrayList<>();
        final List<Long> numbers = new ArrayList<>();
        final List<Long> offsets = new ArrayList<>();
        final List<Long> tooLong = new ArrayList<>();
        int stopAfter = Integer.MAX_VALUE;

        @Override
        public boolean line(byte[] buffer, int start, int end, long lineNumber, long byteOffset) {
            lines.add(new String(buffer, start, end - start, StandardCharsets.UTF_8));
            numbers.add(lineNumber);
            offsets.add(byteOffset);
            return lines.size() < stopAfter;
        }

        @Override
        public void tooLong(long lineNumber, long byteOffset) {
            tooLong.add(lineNumber);
        }
    }

    @Test
    void carriesHalfLinesAcrossEveryPossibleChunkBoundary() {
        byte[] input = "alpha\nbeta\r\n\ngamma delta\nlast".getBytes(StandardCharsets.UTF_8);
        for (int cut1 = 0; cut1 <= input.length; cut1++) {
            for (int cut2 = cut1; cut2 <= input.length; cut2++) {
                Recorder recorder = new Recorder();
                LineSplitter splitter = new LineSplitter(recorder, 1024, 0);
                splitter.feed(input, 0, cut1);
                splitter.feed(input, cut1, cut2 - cut1);
                splitter.feed(input, cut2, input.length - cut2);
                assertThat(recorder.lines).containsExactly("alpha", "beta", "", "gamma delta");
                assertThat(splitter.hasPartialLine()).isTrue();
                splitter.finish(true);
                assertThat(recorder.lines).containsExactly("alpha", "beta", "", "gamma delta", "last");
                assertThat(recorder.offsets).containsExactly(0L, 6L, 12L, 13L, 25L);
                assertThat(recorder.numbers).containsExactly(1L, 2L, 3L, 4L, 5L);
            }
        }
    }

    @Test
    void dropsTheUnfinishedLastLineOfALiveLog() {
        Recorder recorder = new Recorder();
        LineSplitter splitter = new LineSplitter(recorder, 1024, 0);
        splitter.feed("one\ntw".getBytes(StandardCharsets.UTF_8), 0, 6);
        splitter.finish(false);
        assertThat(recorder.lines).containsExactly("one");
        assertThat(splitter.consumedOffset()).isEqualTo(4);
    }

    @Test
    void skipsLinesOverTheLimitWhileTheyStreamPastInSmallChunks() {
        Recorder recorder = new Recorder();
        LineSplitter splitter = new LineSplitter(recorder, 300, 1000);
        byte[] input = ("short\n" + "x".repeat(5000) + "\nafter\n" + "y".repeat(300) + "\nz\n")
                .getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < input.length; i += 7) {
            splitter.feed(input, i, Math.min(7, input.length - i));
        }
        assertThat(recorder.lines).containsExactly("short", "after", "y".repeat(300), "z");
        assertThat(recorder.tooLong).containsExactly(2L);
        assertThat(recorder.numbers).containsExactly(1L, 3L, 4L, 5L);
        assertThat(recorder.offsets).containsExactly(1000L, 1000L + 6 + 5001, 1000L + 6 + 5001 + 6,
                1000L + 6 + 5001 + 6 + 301);
    }

    @Test
    void keepsMemoryBoundedByTheLimitForAHugeLine() {
        Recorder recorder = new Recorder();
        LineSplitter splitter = new LineSplitter(recorder, 1024, 0);
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) 'a');
        for (int i = 0; i < 1000; i++) {
            splitter.feed(chunk, 0, chunk.length);
        }
        splitter.feed("\nok\n".getBytes(StandardCharsets.UTF_8), 0, 4);
        assertThat(recorder.tooLong).containsExactly(1L);
        assertThat(recorder.lines).containsExactly("ok");
        assertThat(splitter.bytes()).isEqualTo(1000L * chunk.length + 4);
    }

    @Test
    void stopsWhenTheSinkHasEnough() {
        Recorder recorder = new Recorder();
        recorder.stopAfter = 2;
        LineSplitter splitter = new LineSplitter(recorder, 1024, 0);
        byte[] input = "a\nb\nc\nd\n".getBytes(StandardCharsets.UTF_8);
        assertThat(splitter.feed(input, 0, input.length)).isFalse();
        assertThat(recorder.lines).containsExactly("a", "b");
        assertThat(splitter.stopped()).isTrue();
    }

    @Test
    void forgetsAHalfLineWhenTheFileIsReplaced() {
        Recorder recorder = new Recorder();
        LineSplitter splitter = new LineSplitter(recorder, 1024, 0);
        splitter.feed("old-half".getBytes(StandardCharsets.UTF_8), 0, 8);
        splitter.discardPartialLine();
        splitter.feed("new\n".getBytes(StandardCharsets.UTF_8), 0, 4);
        assertThat(recorder.lines).containsExactly("new");
    }
}
