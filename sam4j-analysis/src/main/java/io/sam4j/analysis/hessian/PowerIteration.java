package io.sam4j.analysis.hessian;

import io.sam4j.core.util.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The top eigenvalues of a symmetric operator by power iteration with deflation, as PyHessian (Yao
 * et al., 2020, "PyHessian: Neural Networks Through the Lens of the Hessian") computes the top of a
 * network's Hessian spectrum.
 *
 * <p>Eigenpair i starts from a seeded Gaussian vector and iterates {@code w = P·A·v, λ = v·w,
 * v = w/‖w‖}, where P projects out the eigenvectors already found (deflation by projection, which
 * unlike subtracting λⱼuⱼuⱼᵀ does not depend on the accuracy of λⱼ). It stops when the Rayleigh
 * quotient λ changes by at most {@code tolerance·|λ|} between iterations, or after {@code
 * maxIterations} products. Power iteration converges to the eigenvalue of largest magnitude, so
 * these are the K largest |λ| — for a trained network, whose negative eigenvalues are small, the K
 * largest eigenvalues. Each eigenpair costs one operator product per iteration.
 */
public final class PowerIteration {

    private final SymmetricOperator operator;
    private final int topK;
    private final int maxIterations;
    private final double tolerance;
    private final long seed;

    private PowerIteration(Builder builder) {
        this.operator = builder.operator;
        this.topK = builder.topK;
        this.maxIterations = builder.maxIterations;
        this.tolerance = builder.tolerance;
        this.seed = builder.seed;
    }

    /** Returns a builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Runs the iteration and returns the eigenpairs in the order found (decreasing magnitude). */
    public Result run() {
        List<float[]> vectors = new ArrayList<>();
        List<Eigenpair> pairs = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(seed);
        for (int k = 0; k < topK; k++) {
            float[] v = Vectors.gaussian(operator.dimension(), random.split());
            Vectors.orthogonalize(v, vectors);
            if (Vectors.normalize(v) == 0) {
                break;
            }
            List<Double> history = new ArrayList<>();
            double lambda = Double.NaN;
            boolean converged = false;
            for (int it = 0; it < maxIterations; it++) {
                float[] w = operator.apply(v);
                Vectors.orthogonalize(w, vectors);
                double next = Vectors.dot(v, w);
                history.add(next);
                double norm = Vectors.normalize(w);
                boolean settled = Math.abs(next - lambda) <= tolerance * Math.abs(next);
                lambda = next;
                if (norm == 0) {
                    // v is in the null space of the deflated operator: λ = 0 exactly.
                    converged = true;
                    break;
                }
                v = w;
                if (settled) {
                    converged = true;
                    break;
                }
            }
            vectors.add(v);
            pairs.add(new Eigenpair(
                    lambda, v, history.stream().mapToDouble(Double::doubleValue).toArray(), converged));
        }
        return new Result(pairs);
    }

    /**
     * One eigenpair.
     *
     * @param value the eigenvalue (the last Rayleigh quotient)
     * @param vector the unit eigenvector
     * @param history the Rayleigh quotient after each iteration
     * @param converged whether the relative change fell below the tolerance
     */
    public record Eigenpair(double value, float[] vector, double[] history, boolean converged) {
        /** Returns the number of operator products spent. */
        public int iterations() {
            return history.length;
        }
    }

    /** The eigenpairs found, in the order found. */
    public record Result(List<Eigenpair> pairs) {
        /** Returns the eigenvalues sorted in decreasing order. */
        public double[] descending() {
            return pairs.stream()
                    .mapToDouble(Eigenpair::value)
                    .boxed()
                    .sorted((a, b) -> Double.compare(b, a))
                    .mapToDouble(Double::doubleValue)
                    .toArray();
        }

        /** Returns the eigenvalue of largest magnitude (the first found). */
        public double dominant() {
            return pairs.get(0).value();
        }
    }

    /** Builds a {@link PowerIteration}: {@code setX} required, {@code optX} optional. */
    public static final class Builder {
        private SymmetricOperator operator;
        private int topK = 1;
        private int maxIterations = 100;
        private double tolerance = 1e-3;
        private long seed;

        private Builder() {}

        /** Sets the operator. */
        public Builder setOperator(SymmetricOperator operator) {
            this.operator = operator;
            return this;
        }

        /** Sets how many eigenpairs to find (default 1). */
        public Builder optTopK(int topK) {
            this.topK = Checks.checkPositive("topK", topK);
            return this;
        }

        /** Sets the most iterations per eigenpair (default 100). */
        public Builder optMaxIterations(int maxIterations) {
            this.maxIterations = Checks.checkPositive("maxIterations", maxIterations);
            return this;
        }

        /** Sets the relative change of λ that counts as converged (default 1e-3). */
        public Builder optTolerance(double tolerance) {
            Checks.checkArgument(
                    tolerance > 0 && Double.isFinite(tolerance), "tolerance must be > 0 but was %s", tolerance);
            this.tolerance = tolerance;
            return this;
        }

        /** Sets the seed of the starting vectors (default 0). */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Builds the iteration. */
        public PowerIteration build() {
            Checks.checkArgument(operator != null, "setOperator is required");
            Checks.checkArgument(
                    topK <= operator.dimension(), "topK %s exceeds the dimension %s", topK, operator.dimension());
            return new PowerIteration(this);
        }
    }
}
