package io.weblog.check;

/**
 * Exact one-sided tests for "worse than before", so that a check against a baseline fails a release for a real rise
 * and not for noise: Fisher's exact test for a share of hits, and the binomial test of a percentile. Both give the
 * probability of seeing a rise at least this large by chance alone (the p-value).
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
        long highest = Math.min(selected, n1);
        double logFirst = logHypergeometric(x1, n1, selected, total);
        double first = Math.exp(logFirst);
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

    /**
     * The binomial test, one-sided: how likely at least {@code above} of {@code n} values lie above a threshold when
     * at most a fraction {@code expected} of all values do (as at most 5% lie above a true p95).
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
        double logP = Math.log(expected);
        double logQ = Math.log1p(-expected);
        double first = Math.exp(logChoose(n, above) + above * logP + (n - above) * logQ);
        double sum = first;
        double term = first;
        for (long k = above; k < n; k++) {
            term *= (double) (n - k) / (k + 1) * expected / (1 - expected);
            sum += term;
            if (term < sum * NEGLIGIBLE && k > n * expected) {
                break;
            }
        }
        return Math.min(1, sum);
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
