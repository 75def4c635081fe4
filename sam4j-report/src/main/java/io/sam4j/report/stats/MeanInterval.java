package io.sam4j.report.stats;

import java.util.Arrays;

/**
 * A sample's mean with its two-sided 95% Student-t confidence interval, mean ± t_{0.975,n−1}·s/√n,
 * where s is the sample standard deviation (n − 1 in the denominator). With one value there is no
 * interval: {@link #halfWidth()} is NaN.
 *
 * @param mean the sample mean
 * @param halfWidth the interval's half-width, NaN when n &lt; 2
 * @param sd the sample standard deviation, NaN when n &lt; 2
 * @param n the number of finite values
 */
public record MeanInterval(double mean, double halfWidth, double sd, int n) {

    /** The interval's confidence level. */
    public static final double LEVEL = 0.95;

    /** Summarizes the finite values among {@code values} (NaN marks a missing one). */
    public static MeanInterval of(double... values) {
        double[] finite = Arrays.stream(values).filter(Double::isFinite).toArray();
        int n = finite.length;
        if (n == 0) {
            return new MeanInterval(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double mean = Arrays.stream(finite).sum() / n;
        if (n == 1) {
            return new MeanInterval(mean, Double.NaN, Double.NaN, 1);
        }
        double sd = Math.sqrt(sumOfSquares(finite, mean) / (n - 1));
        double t = StudentT.quantile(0.5 + LEVEL / 2, n - 1);
        return new MeanInterval(mean, t * sd / Math.sqrt(n), sd, n);
    }

    /** Returns whether the sample had at least one value. */
    public boolean present() {
        return n > 0;
    }

    /** Returns whether an interval exists (n ≥ 2). */
    public boolean hasInterval() {
        return n >= 2;
    }

    /** Returns this interval with every figure multiplied by {@code factor} (e.g. 100 for percent). */
    public MeanInterval scaled(double factor) {
        return new MeanInterval(mean * factor, halfWidth * Math.abs(factor), sd * Math.abs(factor), n);
    }

    static double sumOfSquares(double[] values, double mean) {
        double s = 0;
        for (double v : values) {
            s += (v - mean) * (v - mean);
        }
        return s;
    }
}
