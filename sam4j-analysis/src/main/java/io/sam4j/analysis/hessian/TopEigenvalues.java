package io.sam4j.analysis.hessian;

import io.sam4j.core.util.Checks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The k largest eigenvalues of a symmetric operator, by Lanczos with full reorthogonalization where
 * its basis fits in memory, and by power iteration with deflation ({@link PowerIteration}, PyHessian's
 * method) where it does not.
 *
 * <p><b>Why Lanczos first.</b> Power iteration converges as (λ₂/λ₁)ᵗ, and a network's top eigenvalues
 * are often close: on the demo's SGD run it needed 178 products to settle to 1e-5, and its stop rule (a
 * relative change of 1e-3 between iterations) stopped 2.5% below the converged value, which made
 * λmax move with the start vector as much as with the sample. Lanczos reaches the same value in a
 * few tens of products (Golub &amp; Van Loan, §10.1.5: Kaniel–Paige convergence), and its stop rule
 * bounds the error itself: it stops when each of the k largest Ritz values θ has a residual bound
 * βₘ|sₘ| ≤ {@code tolerance·|θ|}, and a symmetric matrix has an eigenvalue within that bound of θ.
 *
 * <p><b>Memory.</b> Lanczos keeps its m basis vectors: {@code maxSteps·n} floats. When that exceeds
 * {@code memoryBudget} bytes, power iteration runs instead (k + 1 vectors). {@link Result#method()}
 * says which ran.
 *
 * <p>Power iteration returns the k largest |λ|, Lanczos the k largest λ: for a trained network, whose
 * negative eigenvalues are small, the same numbers.
 */
public final class TopEigenvalues {

    /** The method that found the eigenvalues. */
    public enum Method {
        /** Lanczos with full reorthogonalization; stopped on the residual bound. */
        LANCZOS,
        /** Power iteration with deflation; stopped on the relative change of the Rayleigh quotient. */
        POWER_ITERATION
    }

    private TopEigenvalues() {}

    /** Returns the default budget of the Lanczos basis: a quarter of the heap, where the vectors live. */
    public static long heapBudget() {
        return Runtime.getRuntime().maxMemory() / 4;
    }

    /**
     * One eigenvalue.
     *
     * @param value the estimate (a Ritz value, or the last Rayleigh quotient)
     * @param residual the residual bound ‖A·y − θy‖ of the Ritz pair (an eigenvalue lies within it),
     *     or NaN for power iteration
     * @param history the estimate after each operator product it took
     * @param converged whether it met the tolerance (or the Krylov space became invariant)
     */
    public record Estimate(double value, double residual, double[] history, boolean converged) {
        /** Returns the operator products its method spent up to it. */
        public int iterations() {
            return history.length;
        }
    }

    /**
     * The eigenvalues found.
     *
     * @param method the method that ran
     * @param estimates the eigenvalues, largest first
     */
    public record Result(Method method, List<Estimate> estimates) {
        /** Returns the eigenvalues sorted in decreasing order. */
        public double[] descending() {
            double[] values = estimates.stream().mapToDouble(Estimate::value).toArray();
            Arrays.sort(values);
            for (int i = 0, j = values.length - 1; i < j; i++, j--) {
                double t = values[i];
                values[i] = values[j];
                values[j] = t;
            }
            return values;
        }

        /** Returns the largest eigenvalue. */
        public double largest() {
            return descending()[0];
        }
    }

    /**
     * Finds the k largest eigenvalues.
     *
     * @param operator the operator
     * @param k how many
     * @param maxSteps the most Lanczos steps, or power iterations per eigenvalue
     * @param tolerance the relative residual bound (Lanczos) or relative change (power iteration)
     * @param memoryBudget the most bytes the Lanczos basis may take
     * @param seed the seed of the start vectors
     */
    public static Result find(
            SymmetricOperator operator, int k, int maxSteps, double tolerance, long memoryBudget, long seed) {
        Checks.checkPositive("k", k);
        Checks.checkPositive("maxSteps", maxSteps);
        Checks.checkArgument(
                tolerance > 0 && Double.isFinite(tolerance), "tolerance must be > 0 but was %s", tolerance);
        Checks.checkArgument(k <= operator.dimension(), "top-k %s exceeds the dimension %s", k, operator.dimension());
        long basisBytes = (long) Math.min(Math.max(maxSteps, k), operator.dimension()) * operator.dimension() * 4;
        return basisBytes <= memoryBudget
                ? lanczos(operator, k, Math.max(maxSteps, k), tolerance, seed)
                : powerIteration(operator, k, maxSteps, tolerance, seed);
    }

    /** Finds the k largest eigenvalues by Lanczos from a seeded Rademacher start vector. */
    public static Result lanczos(SymmetricOperator operator, int k, int maxSteps, double tolerance, long seed) {
        return new Result(Method.LANCZOS, ritzValues(operator, k, true, maxSteps, tolerance, seed));
    }

    /**
     * The k Ritz values at one end of the spectrum, each with its residual bound, by Lanczos from a
     * seeded Rademacher start vector; stops when all k meet {@code tolerance} relative to themselves.
     * {@link SmallestEigenvalue#lanczos} is the other end.
     */
    static List<Estimate> ritzValues(
            SymmetricOperator operator, int k, boolean largest, int maxSteps, double tolerance, long seed) {
        float[] start = Vectors.rademacher(operator.dimension(), new SplittableRandom(seed));
        List<List<Double>> histories = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            histories.add(new ArrayList<>());
        }
        Lanczos.Tridiagonal t = Lanczos.run(operator, start, maxSteps, step -> {
            record(step, largest, histories);
            return step.steps() > k && converged(step, step.eigen(), k, largest, tolerance);
        });
        if (histories.get(0).size() < t.steps()) {
            // The final step (invariant space or step limit) returns without asking the stop rule.
            record(t, largest, histories);
        }
        SymmetricEigen eigen = t.eigen();
        int m = t.steps();
        List<Estimate> estimates = new ArrayList<>();
        for (int i = 0; i < Math.min(k, m); i++) {
            int index = index(m, i, largest);
            double theta = eigen.values()[index];
            double residual = t.residual(eigen, index);
            double[] history =
                    histories.get(i).stream().mapToDouble(Double::doubleValue).toArray();
            boolean ok = t.invariant() || residual <= tolerance * Math.abs(theta);
            estimates.add(new Estimate(theta, residual, history, ok));
        }
        return estimates;
    }

    /** Finds the k largest-magnitude eigenvalues by {@link PowerIteration}. */
    public static Result powerIteration(
            SymmetricOperator operator, int k, int maxIterations, double tolerance, long seed) {
        PowerIteration.Result pi = PowerIteration.builder()
                .setOperator(operator)
                .optTopK(k)
                .optMaxIterations(maxIterations)
                .optTolerance(tolerance)
                .optSeed(seed)
                .build()
                .run();
        List<Estimate> estimates = pi.pairs().stream()
                .map(p -> new Estimate(p.value(), Double.NaN, p.history(), p.converged()))
                .sorted((a, b) -> Double.compare(b.value(), a.value()))
                .toList();
        return new Result(Method.POWER_ITERATION, estimates);
    }

    /** Where the i-th value from the chosen end sits among m ascending Ritz values (clamped in the first steps). */
    private static int index(int m, int i, boolean largest) {
        return largest ? Math.max(0, m - 1 - i) : Math.min(m - 1, i);
    }

    /** Appends the k Ritz values at the chosen end of this step (before step k, the far end stands in). */
    private static void record(Lanczos.Tridiagonal step, boolean largest, List<List<Double>> histories) {
        double[] values = step.eigen().values();
        for (int i = 0; i < histories.size(); i++) {
            histories.get(i).add(values[index(values.length, i, largest)]);
        }
    }

    private static boolean converged(
            Lanczos.Tridiagonal step, SymmetricEigen eigen, int k, boolean largest, double tolerance) {
        for (int i = 0; i < k; i++) {
            int index = index(step.steps(), i, largest);
            if (step.residual(eigen, index) > tolerance * Math.abs(eigen.values()[index])) {
                return false;
            }
        }
        return true;
    }
}
