package io.weblog.generate;

/**
 * SplitMix64, written out here so that a seed gives the same log byte for byte on every JVM: the JDK does not promise
 * {@link java.util.SplittableRandom}'s sequence, and {@link java.util.Random}'s is slower and weaker.
 */
final class Rng {
    private long state;

    Rng(long seed) {
        this.state = seed;
    }

    long nextLong() {
        long z = state += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in {@code [0, bound)}; {@code bound} must be positive. */
    int nextInt(int bound) {
        return (int) (((nextLong() >>> 33) * bound) >>> 31);
    }

    /** Uniform in {@code [low, high]}. */
    int between(int low, int high) {
        return low + nextInt(high - low + 1);
    }

    /** Uniform in {@code [0, 1)}. */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    boolean chance(double probability) {
        return nextDouble() < probability;
    }

    /** In {@code [low, high]}, most values near {@code low}: a cheap long tail for sizes and durations. */
    long skewed(long low, long high) {
        double u = nextDouble();
        return low + (long) ((high - low) * u * u * u);
    }

    /** An index in {@code [0, size)} that favours small indexes, as a few clients make most requests. */
    int popular(int size) {
        double u = nextDouble();
        return (int) (size * u * u);
    }

    /** Exponentially distributed with the given mean, as the gaps between independent arrivals are. */
    double exponential(double mean) {
        return -mean * StrictMath.log(1.0 - nextDouble());
    }

    <T> T pick(T[] values) {
        return values[nextInt(values.length)];
    }
}
