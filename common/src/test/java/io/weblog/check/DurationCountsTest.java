package io.weblog.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.weblog.rule.Rule;
import org.junit.jupiter.api.Test;

/** Durations counted one by one where they fit, and within 1% (said so) where they do not. */
class DurationCountsTest {

    @Test
    void theNearestRankIsTheSmallestDurationWithThatShareAtOrBelowIt() {
        DurationCounts counts = new DurationCounts();
        for (long micros : new long[] {300, 100, 200, 400, 100}) {
            counts.record(micros);
        }
        assertThat(counts.latency(50)).isEqualTo(Latency.exact(50, 200, 5));
        assertThat(counts.latency(40)).isEqualTo(Latency.exact(40, 100, 5));
        assertThat(counts.latency(41)).isEqualTo(Latency.exact(41, 200, 5));
        assertThat(counts.latency(100)).isEqualTo(Latency.exact(100, 400, 5));
        assertThat(counts.countAbove(200)).isEqualTo(2);
        assertThat(counts.countBelow(200)).isEqualTo(2);
        assertThat(new DurationCounts().latency(95)).isEqualTo(Latency.none(95));
    }

    @Test
    void partsAddUpToTheWhole() {
        DurationCounts first = new DurationCounts();
        DurationCounts second = new DurationCounts();
        DurationCounts whole = new DurationCounts();
        for (int i = 0; i < 10_000; i++) {
            long micros = (i * 7919L) % 5_000;
            (i % 2 == 0 ? first : second).record(micros);
            whole.record(micros);
        }
        first.add(second);
        assertThat(first.latency(99)).isEqualTo(whole.latency(99));
        assertThat(first.total()).isEqualTo(10_000);
    }

    @Test
    void moreDistinctDurationsThanAreCountedOneByOneAreKnownWithinOnePercentAndSaySo() throws Exception {
        DurationCounts counts = new DurationCounts();
        int n = DurationCounts.MAX_DISTINCT + 1000;
        for (int i = 1; i <= n; i++) {
            counts.record(i);
        }
        assertThat(counts.exact()).isFalse();
        Latency p95 = counts.latency(95);
        long exact = (long) Math.ceil(0.95 * n);
        assertThat(p95.exact()).isFalse();
        assertThat((double) p95.valueMicros()).isBetween(exact * 0.99, exact * 1.01);
        assertThat(p95.lowMicros()).isLessThanOrEqualTo(exact);
        assertThat(p95.highMicros()).isGreaterThanOrEqualTo(exact);
        assertThat(p95.meets(Rule.parse("p95<=" + exact + "us").expectation()))
                .as("a bound within the range the true value can lie in is not taken as broken").isTrue();
        assertThat(p95.meets(Rule.parse("p95<=" + (p95.lowMicros() - 1) + "us").expectation())).isFalse();
    }
}
