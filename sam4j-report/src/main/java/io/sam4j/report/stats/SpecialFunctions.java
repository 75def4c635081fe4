package io.sam4j.report.stats;

/** The log-gamma and regularized incomplete beta functions behind the Student-t distribution. */
final class SpecialFunctions {

    /** Lanczos coefficients for g = 7, n = 9 (Godfrey's set), accurate to about 15 digits for x > 0. */
    private static final double[] LANCZOS = {
        0.99999999999980993,
        676.5203681218851,
        -1259.1392167224028,
        771.32342877765313,
        -176.61502916214059,
        12.507343278686905,
        -0.13857109526572012,
        9.9843695780195716e-6,
        1.5056327351493116e-7
    };

    private static final double LANCZOS_G = 7;
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
    private static final double TINY = 1e-300;
    private static final double EPSILON = 1e-15;
    private static final int MAX_TERMS = 10_000;

    private SpecialFunctions() {}

    /** Returns ln Γ(x) for x &gt; 0 by the Lanczos approximation (Lanczos, SIAM J. Numer. Anal. B 1, 1964). */
    static double logGamma(double x) {
        if (!(x > 0)) {
            throw new IllegalArgumentException("logGamma needs x > 0 but x was " + x);
        }
        if (x < 0.5) {
            // Reflection: Γ(x)Γ(1−x) = π / sin(πx) keeps the series in its accurate range.
            return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
        }
        double z = x - 1;
        double sum = LANCZOS[0];
        for (int i = 1; i < LANCZOS.length; i++) {
            sum += LANCZOS[i] / (z + i);
        }
        double t = z + LANCZOS_G + 0.5;
        return HALF_LOG_TWO_PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
    }

    /**
     * Returns the regularized incomplete beta function I_x(a, b).
     *
     * <p>Uses the continued fraction of I_x(a, b) (Abramowitz &amp; Stegun 26.5.8), evaluated by the modified
     * Lentz method, on the side of the symmetry I_x(a, b) = 1 − I_{1−x}(b, a) where it converges fast
     * (x &lt; (a+1)/(a+b+2)).
     */
    static double regularizedBeta(double x, double a, double b) {
        if (!(a > 0) || !(b > 0)) {
            throw new IllegalArgumentException("regularizedBeta needs a, b > 0 but they were " + a + ", " + b);
        }
        if (!(x >= 0 && x <= 1)) {
            throw new IllegalArgumentException("regularizedBeta needs 0 <= x <= 1 but x was " + x);
        }
        if (x == 0 || x == 1) {
            return x;
        }
        if (x > (a + 1) / (a + b + 2)) {
            return 1 - regularizedBeta(1 - x, b, a);
        }
        double logFront =
                a * Math.log(x) + b * Math.log1p(-x) - (logGamma(a) + logGamma(b) - logGamma(a + b)) - Math.log(a);
        return Math.exp(logFront) * continuedFraction(x, a, b);
    }

    /** The continued fraction 1/(1+ d1/(1+ d2/(1+ ...))) of A&amp;S 26.5.8 by the modified Lentz method. */
    private static double continuedFraction(double x, double a, double b) {
        double c = 1;
        double d = 1 - (a + b) * x / (a + 1);
        d = 1 / nonZero(d);
        double result = d;
        for (int m = 1; m <= MAX_TERMS; m++) {
            // Even term d_{2m}.
            double even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
            d = 1 / nonZero(1 + even * d);
            c = nonZero(1 + even / c);
            result *= d * c;
            // Odd term d_{2m+1}.
            double odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
            d = 1 / nonZero(1 + odd * d);
            c = nonZero(1 + odd / c);
            double delta = d * c;
            result *= delta;
            if (Math.abs(delta - 1) < EPSILON) {
                return result;
            }
        }
        throw new ArithmeticException(
                "incomplete beta continued fraction did not converge for x=" + x + ", a=" + a + ", b=" + b);
    }

    private static double nonZero(double v) {
        return Math.abs(v) < TINY ? TINY : v;
    }
}
