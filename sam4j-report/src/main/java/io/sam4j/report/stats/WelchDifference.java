package io.sam4j.report.stats;

import java.util.Arrays;

/**
 * The difference of two groups' means, mean(a) − mean(b), with Welch's 95% interval (Welch, Biometrika
 * 1947): half-width t_{0.975,ν}·√(s_a²/n_a + s_b²/n_b), where ν is the Welch–Satterthwaite degrees of
 * freedom (s_a²/n_a + s_b²/n_b)² / ((s_a²/n_a)²/(n_a−1) + (s_b²/n_b)²/(n_b−1)). It does not assume equal
 * variances. Each group needs two values for an interval; otherwise {@link #halfWidth()} is NaN.
 *
 * @param difference mean(a) − mean(b)
 * @param halfWidth the interval's half-width, NaN without one
 * @param df the Welch–Satterthwaite degrees of freedom, NaN without an interval
 * @param na the number of finite values of a
 * @param nb the number of finite values of b
 */
public record WelchDifference(double difference, double halfWidth, double df, int na, int nb) {

    /** Compares the finite values of {@code a} with those of {@code b}. */
    public static WelchDifference of(double[] a, double[] b) {
        double[] x = Arrays.stream(a).filter(Double::isFinite).toArray();
        double[] y = Arrays.stream(b).filter(Double::isFinite).toArray();
        if (x.length == 0 || y.length == 0) {
            return new WelchDifference(Double.NaN, Double.NaN, Double.NaN, x.length, y.length);
        }
        MeanInterval mx = MeanInterval.of(x);
        MeanInterval my = MeanInterval.of(y);
        double difference = mx.mean() - my.mean();
        if (x.length < 2 || y.length < 2) {
            return new WelchDifference(difference, Double.NaN, Double.NaN, x.length, y.length);
        }
        double vx = mx.sd() * mx.sd() / x.length;
        double vy = my.sd() * my.sd() / y.length;
        double se = Math.sqrt(vx + vy);
        if (se == 0) {
            // Identical values within each group: the difference is exact.
            return new WelchDifference(difference, 0, Double.POSITIVE_INFINITY, x.length, y.length);
        }
        double df = (vx + vy) * (vx + vy) / (vx * vx / (x.length - 1) + vy * vy / (y.length - 1));
        double t = StudentT.quantile(0.5 + MeanInterval.LEVEL / 2, df);
        return new WelchDifference(difference, t * se, df, x.length, y.length);
    }

    /** Returns whether an interval exists. */
    public boolean hasInterval() {
        return !Double.isNaN(halfWidth);
    }

    /** Returns whether the interval excludes zero (a difference at the 95% level). */
    public boolean significant() {
        return hasInterval() && Math.abs(difference) > halfWidth;
    }

    /** Returns this difference with every figure multiplied by {@code factor} (e.g. 100 for points). */
    public WelchDifference scaled(double factor) {
        return new WelchDifference(difference * factor, halfWidth * Math.abs(factor), df, na, nb);
    }
}
