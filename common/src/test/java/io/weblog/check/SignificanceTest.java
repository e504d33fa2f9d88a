package io.weblog.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The exact tests against values worked out with exact integer arithmetic (sums of binomial coefficients). */
class SignificanceTest {

    @Test
    void logGammaMatchesFactorials() {
        assertThat(Significance.logGamma(1)).isCloseTo(0, within(1e-12));
        assertThat(Significance.logGamma(6)).isCloseTo(Math.log(120), within(1e-12));
        assertThat(Significance.logGamma(101)).isCloseTo(363.73937555556347, within(1e-9));
    }

    @Test
    void aBlipOfOneInTwentyAgainstNoneInAThousandIsTooSmallToSay() {
        // One error among 1,020 hits lands in the 20 of the window with probability 20/1020.
        assertThat(Significance.shareRose(1, 20, 0, 1000)).isCloseTo(20.0 / 1020, within(1e-12));
    }

    @Test
    void fishersExactTestMatchesR() {
        // sum over k >= x1 of C(K, k) C(N - K, n1 - k) / C(N, n1)
        assertThat(Significance.shareRose(10, 200, 1, 1000)).isCloseTo(1.284690939943435e-07, within(1e-15));
        assertThat(Significance.shareRose(3, 10, 1, 10)).isCloseTo(0.29102167182662536, within(1e-12));
        assertThat(Significance.shareRose(0, 100, 5, 100)).isCloseTo(1, within(1e-12));
        assertThat(Significance.shareRose(5, 100, 0, 0)).isEqualTo(1);
    }

    @Test
    void largeCountsAreExactAndFast() {
        double p = Significance.shareRose(6_000, 1_000_000, 5_000, 1_000_000);
        assertThat(p).isBetween(1e-30, 1e-15);
        assertThat(Significance.shareRose(5_010, 1_000_000, 5_000, 1_000_000)).isBetween(0.4, 0.5);
    }

    @Test
    void theBinomialTestMatchesR() {
        // sum over i >= k of C(n, i) p^i (1 - p)^(n - i)
        assertThat(Significance.moreAboveThan(12, 100, 0.05)).isCloseTo(0.004274182466365913, within(1e-13));
        assertThat(Significance.moreAboveThan(2, 10, 0.05)).isCloseTo(0.08613835589931641, within(1e-13));
        assertThat(Significance.moreAboveThan(0, 10, 0.05)).isEqualTo(1);
    }

    @Test
    void aCountBelowTheMeanIsNoRiseAndNeverUnderflowsToAFalseZero() {
        assertThat(Significance.moreAboveThan(40_000, 1_000_000, 0.05)).isCloseTo(1, within(1e-12));
        assertThat(Significance.moreAboveThan(45, 1000, 0.05)).isCloseTo(0.7853170780140892, within(1e-9));
        assertThat(Significance.shareRose(2, 100, 20, 100)).isCloseTo(0.9999981203910987, within(1e-12));
        assertThat(Significance.shareRose(5, 1000, 50, 1000)).isCloseTo(1, within(1e-9));
        assertThat(Significance.shareRose(0, 1_000_000, 40_000, 1_000_000)).isCloseTo(1, within(1e-12));
    }
}
