package io.weblog.check;

/**
 * Exact one-sided tests for "worse than before", so that a check against a baseline fails a release for a real rise
 * and not for noise: Fisher's exact test of two shares, and the binomial test (of a percentile, or of a ratio of two
 * rates given their sum). Each gives the probability of seeing a rise at least this large by chance alone (the
 * p-value), summed from the observed count outwards, or as one minus the other tail when the count lies below the
 * mean, so that no probability underflows to a false 0.
 */
final class Significance {
    /** The Lanczos coefficients (g = 7, n = 9) for the logarithm of the gamma function. */
    private static final double[] LANCZOS = {
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7};
    private static final double NEGLIGIBLE = 1e-17;

    private Significance() {
    }

    /**
     * Fisher's exact test, one-sided: how likely a share of {@code x1} in {@code n1} at least this far above
     * {@code x0} in {@code n0} is when both come from the same rate, given all the counts (the hypergeometric tail).
     *
     * @return the p-value, 1 when there is nothing to compare
     */
    static double shareRose(long x1, long n1, long x0, long n0) {
        long total = n1 + n0;
        long selected = x1 + x0;
        if (n1 == 0 || n0 == 0 || selected == 0) {
            return 1;
        }
        if (x1 <= (double) selected * n1 / total) {
            return Math.max(0, 1 - hypergeometricBelow(x1 - 1, n1, selected, total));
        }
        long highest = Math.min(selected, n1);
        double first = Math.exp(logHypergeometric(x1, n1, selected, total));
        double sum = first;
        double term = first;
        for (long k = x1; k < highest; k++) {
            term *= (double) (selected - k) * (n1 - k) / ((k + 1) * (double) (total - selected - n1 + k + 1));
            sum += term;
            if (term < sum * NEGLIGIBLE) {
                break;
            }
        }
        return Math.min(1, sum);
    }

    /** The hypergeometric probability of at most {@code k} selected among {@code draws}, summed downwards. */
    private static double hypergeometricBelow(long k, long draws, long successes, long population) {
        long lowest = Math.max(0, draws - (population - successes));
        if (k < lowest) {
            return 0;
        }
        double term = Math.exp(logHypergeometric(k, draws, successes, population));
        double sum = term;
        for (long j = k; j > lowest; j--) {
            term *= (double) j * (population - successes - draws + j)
                    / ((double) (successes - j + 1) * (draws - j + 1));
            sum += term;
            if (term < sum * NEGLIGIBLE) {
                break;
            }
        }
        return Math.min(1, sum);
    }

    /**
     * The binomial test, one-sided: how likely at least {@code above} of {@code n} values lie above a threshold when
     * each does with probability {@code expected} (as at most 5% lie above a true p95). Also the exact conditional
     * test of a ratio of two rates: given {@code n} events in both, how likely {@code above} or more fell in the one
     * whose expected part is {@code expected}.
     *
     * @return the p-value, 1 when there is nothing to test
     */
    static double moreAboveThan(long above, long n, double expected) {
        if (n == 0 || above == 0) {
            return 1;
        }
        if (expected <= 0) {
            return 0;
        }
        if (expected >= 1) {
            return 1;
        }
        if (above <= n * expected) {
            return Math.max(0, 1 - binomialBelow(above - 1, n, expected));
        }
        double first = Math.exp(logBinomial(above, n, expected));
        double sum = first;
        double term = first;
        for (long k = above; k < n; k++) {
            term *= (double) (n - k) / (k + 1) * expected / (1 - expected);
            sum += term;
            if (term < sum * NEGLIGIBLE) {
                break;
            }
        }
        return Math.min(1, sum);
    }

    /** The binomial probability of at most {@code k} of {@code n}, summed downwards from {@code k}. */
    private static double binomialBelow(long k, long n, double p) {
        if (k < 0) {
            return 0;
        }
        double term = Math.exp(logBinomial(k, n, p));
        double sum = term;
        for (long j = k; j > 0; j--) {
            term *= (double) j / (n - j + 1) * (1 - p) / p;
            sum += term;
            if (term < sum * NEGLIGIBLE) {
                break;
            }
        }
        return Math.min(1, sum);
    }

    private static double logBinomial(long k, long n, double p) {
        return logChoose(n, k) + k * Math.log(p) + (n - k) * Math.log1p(-p);
    }

    private static double logHypergeometric(long k, long draws, long successes, long population) {
        return logChoose(successes, k) + logChoose(population - successes, draws - k)
                - logChoose(population, draws);
    }

    private static double logChoose(long n, long k) {
        return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
    }

    private static double logFactorial(long n) {
        return logGamma(n + 1.0);
    }

    /** The natural logarithm of the gamma function, to about 15 significant digits (Lanczos). */
    static double logGamma(double x) {
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        double z = x - 1;
        double sum = LANCZOS[0];
        double t = z + 7.5;
        for (int i = 1; i < LANCZOS.length; i++) {
            sum += LANCZOS[i] / (z + i);
        }
        return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
    }
}
