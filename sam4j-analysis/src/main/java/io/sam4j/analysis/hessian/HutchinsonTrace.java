package io.sam4j.analysis.hessian;

import io.sam4j.core.util.Checks;
import java.util.SplittableRandom;

/**
 * Hutchinson's estimator of the trace (Hutchinson, 1990; Avron &amp; Toledo, 2011): for a vector z
 * of independent Rademacher (±1) entries, E[zᵀAz] = tr(A), with variance 2·∑_{i≠j} Aᵢⱼ² — the
 * smallest of any i.i.d. probe distribution. The estimate is the mean of P probes and its standard
 * error the sample standard deviation over √P.
 */
public final class HutchinsonTrace {

    private HutchinsonTrace() {}

    /**
     * The estimate.
     *
     * @param estimate the mean of zᵀAz over the probes
     * @param standardError the standard error of that mean (NaN for a single probe)
     * @param samples zᵀAz of each probe
     * @param history the running mean after each probe
     */
    public record Result(double estimate, double standardError, double[] samples, double[] history) {
        /** Returns the number of probes. */
        public int probes() {
            return samples.length;
        }
    }

    /**
     * Estimates tr(A).
     *
     * @param operator A
     * @param probes the number of Rademacher probes, at least 1
     * @param seed the seed of the probes
     */
    public static Result estimate(SymmetricOperator operator, int probes, long seed) {
        Checks.checkPositive("probes", probes);
        SplittableRandom random = new SplittableRandom(seed);
        double[] samples = new double[probes];
        double[] history = new double[probes];
        double sum = 0;
        for (int p = 0; p < probes; p++) {
            float[] z = Vectors.rademacher(operator.dimension(), random.split());
            samples[p] = Vectors.dot(z, operator.apply(z));
            sum += samples[p];
            history[p] = sum / (p + 1);
        }
        double mean = sum / probes;
        double standardError = Double.NaN;
        if (probes > 1) {
            double squares = 0;
            for (double s : samples) {
                squares += (s - mean) * (s - mean);
            }
            standardError = Math.sqrt(squares / (probes - 1) / probes);
        }
        return new Result(mean, standardError, samples, history);
    }
}
