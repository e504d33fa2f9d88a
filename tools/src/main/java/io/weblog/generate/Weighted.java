package io.weblog.generate;

import java.util.Arrays;
import java.util.function.Function;

/** Values with weights, picked in proportion to them. */
final class Weighted<T> {
    private final T[] values;
    private final double[] cumulative;

    private Weighted(T[] values, double[] weights) {
        this.values = values;
        this.cumulative = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            cumulative[i] = sum;
        }
        for (int i = 0; i < cumulative.length; i++) {
            cumulative[i] /= sum;
        }
    }

    /** From rows of {@code {weight, value}}, with {@code map} turning each row's second column into the value. */
    @SuppressWarnings("unchecked")
    static <T> Weighted<T> of(Object[][] rows, Function<Object[], T> map) {
        Object[] values = new Object[rows.length];
        double[] weights = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            weights[i] = ((Number) rows[i][0]).doubleValue();
            values[i] = map.apply(rows[i]);
        }
        return new Weighted<>((T[]) values, weights);
    }

    T pick(Rng rng) {
        double u = rng.nextDouble();
        double[] c = cumulative;
        for (int i = 0; i < c.length - 1; i++) {
            if (u < c[i]) {
                return values[i];
            }
        }
        return values[c.length - 1];
    }

    @Override
    public String toString() {
        return Arrays.toString(values);
    }
}
