package io.sam4j.report.stats;

/**
 * The Student-t distribution with ν degrees of freedom (ν may be fractional, as Welch's approximation
 * gives).
 *
 * <p>The CDF is P(T ≤ t) = 1 − ½·I_{ν/(ν+t²)}(ν/2, ½) for t ≥ 0 (Abramowitz &amp; Stegun 26.7.1 with
 * 26.5.27), and the quantile inverts it by bisection, which is slow by the standards of numerical
 * libraries but exact to double precision and never fails to converge.
 */
public final class StudentT {

    private StudentT() {}

    /** Returns P(T ≤ t) for ν = {@code df} degrees of freedom. */
    public static double cdf(double t, double df) {
        checkDf(df);
        if (Double.isNaN(t)) {
            return Double.NaN;
        }
        if (Double.isInfinite(t)) {
            return t > 0 ? 1 : 0;
        }
        double tail = 0.5 * SpecialFunctions.regularizedBeta(df / (df + t * t), df / 2, 0.5);
        return t >= 0 ? 1 - tail : tail;
    }

    /** Returns the {@code p}-quantile t_{p,ν}, e.g. {@code quantile(0.975, 2)} = 4.302653. */
    public static double quantile(double p, double df) {
        checkDf(df);
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("quantile needs 0 < p < 1 but p was " + p);
        }
        if (p < 0.5) {
            return -quantile(1 - p, df);
        }
        if (p == 0.5) {
            return 0;
        }
        double lo = 0;
        double hi = 1;
        while (cdf(hi, df) < p) {
            lo = hi;
            hi *= 2;
        }
        for (int i = 0; i < 200 && hi - lo > 1e-15 * hi; i++) {
            double mid = 0.5 * (lo + hi);
            if (cdf(mid, df) < p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    private static void checkDf(double df) {
        if (!(df > 0) || Double.isInfinite(df)) {
            throw new IllegalArgumentException("degrees of freedom must be positive and finite but were " + df);
        }
    }
}
