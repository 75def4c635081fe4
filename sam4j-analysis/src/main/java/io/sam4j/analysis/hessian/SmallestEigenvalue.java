package io.sam4j.analysis.hessian;

import io.sam4j.core.util.Checks;

/**
 * The smallest (most negative) eigenvalue of a symmetric operator by Lanczos with full
 * reorthogonalization: the smallest Ritz value of Tₘ after each step, stopped when its residual bound
 * βₘ|sₘ| falls below {@code tolerance·|θ|}. Lanczos finds both ends of the spectrum at once and far
 * faster than power iteration on the shifted operator A − λmax·I, whose convergence ratio is close
 * to 1 whenever the spectrum crowds near zero, as a network's does.
 *
 * <p>{@link #shiftedPowerIteration} offers that classic alternative for comparison.
 */
public final class SmallestEigenvalue {

    private SmallestEigenvalue() {}

    /**
     * The result.
     *
     * @param value the smallest Ritz value
     * @param residual its residual bound (an upper bound on the distance to an eigenvalue)
     * @param history the smallest Ritz value after each step
     * @param converged whether the residual met the tolerance (or the Krylov space became invariant)
     */
    public record Result(double value, double residual, double[] history, boolean converged) {
        /** Returns the number of operator products spent. */
        public int iterations() {
            return history.length;
        }
    }

    /**
     * Finds λmin by Lanczos from a seeded Rademacher start vector.
     *
     * @param operator the operator
     * @param maxSteps the most Lanczos steps (stores that many vectors)
     * @param tolerance the relative residual that counts as converged
     * @param seed the seed of the start vector
     */
    public static Result lanczos(SymmetricOperator operator, int maxSteps, double tolerance, long seed) {
        Checks.checkArgument(tolerance > 0, "tolerance must be > 0 but was %s", tolerance);
        TopEigenvalues.Estimate e = TopEigenvalues.ritzValues(operator, 1, false, maxSteps, tolerance, seed)
                .get(0);
        return new Result(e.value(), e.residual(), e.history(), e.converged());
    }

    /**
     * Finds λmin by power iteration on A − σI with σ = {@code lambdaMax}: all its eigenvalues are
     * ≤ 0 and the dominant one is λmin − σ.
     */
    public static Result shiftedPowerIteration(
            SymmetricOperator operator, double lambdaMax, int maxIterations, double tolerance, long seed) {
        PowerIteration.Eigenpair pair = PowerIteration.builder()
                .setOperator(operator.shifted(lambdaMax))
                .optMaxIterations(maxIterations)
                .optTolerance(tolerance)
                .optSeed(seed)
                .build()
                .run()
                .pairs()
                .get(0);
        double[] history = pair.history().clone();
        for (int i = 0; i < history.length; i++) {
            history[i] += lambdaMax;
        }
        return new Result(pair.value() + lambdaMax, Double.NaN, history, pair.converged());
    }
}
