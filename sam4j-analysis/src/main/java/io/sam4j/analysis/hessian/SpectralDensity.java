package io.sam4j.analysis.hessian;

import io.sam4j.core.util.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The spectral density of a symmetric operator by stochastic Lanczos quadrature (Lin, Saad &amp;
 * Yang, 2016, "Approximating spectral densities of large matrices"; applied to neural-network
 * Hessians by Ghorbani, Krishnan &amp; Xiao, 2019).
 *
 * <p>The density φ(t) = (1/n)∑ᵢ δ(t − λᵢ) satisfies (1/n)tr f(A) = ∫f φ, and for a Rademacher
 * probe z, zᵀf(A)z/n estimates (1/n)tr f(A). Running m Lanczos steps from q₁ = z/‖z‖ turns that
 * quadratic form into an m-node Gauss quadrature: nodes θₖ (the eigenvalues of Tₘ) with weights
 * τₖ = s₁ₖ² (squared first components of its eigenvectors), ∑τₖ = 1. Averaging over P probes and
 * replacing each node by a Gaussian of width σ gives a smooth density:
 * φ(t) ≈ (1/P)∑ₚ∑ₖ τₚₖ·N(t; θₚₖ, σ²). Its mean ∑τθ equals the average of zᵀAz/zᵀz, i.e.
 * Hutchinson's estimate of tr(A)/n.
 *
 * <p>σ is {@code kernelWidth} times the spread of the nodes; the grid spans the nodes plus 5σ on
 * each side and the values are normalized so that the trapezoid rule integrates them to 1.
 */
public final class SpectralDensity {

    private final SymmetricOperator operator;
    private final int steps;
    private final int probes;
    private final int gridPoints;
    private final double kernelWidth;
    private final long seed;

    private SpectralDensity(Builder builder) {
        this.operator = builder.operator;
        this.steps = builder.steps;
        this.probes = builder.probes;
        this.gridPoints = builder.gridPoints;
        this.kernelWidth = builder.kernelWidth;
        this.seed = builder.seed;
    }

    /** Returns a builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The density.
     *
     * @param grid the eigenvalue axis, increasing and evenly spaced
     * @param values the density on the grid, integrating to 1
     * @param sigma the Gaussian kernel's standard deviation
     * @param nodes the quadrature nodes θ of each probe
     * @param weights the quadrature weights τ of each probe (each probe's sum to 1)
     */
    public record Result(double[] grid, double[] values, double sigma, List<double[]> nodes, List<double[]> weights) {

        /** Returns ∫φ by the trapezoid rule on the grid. */
        public double integral() {
            return trapezoid(grid, values, 0);
        }

        /** Returns the mean ∫t·φ(t)dt by the trapezoid rule on the grid. */
        public double mean() {
            return trapezoid(grid, values, 1);
        }

        /** Returns the quadrature's own mean (1/P)∑ₚ∑ₖτθ, an estimate of tr(A)/n. */
        public double quadratureMean() {
            double sum = 0;
            for (int p = 0; p < nodes.size(); p++) {
                for (int k = 0; k < nodes.get(p).length; k++) {
                    sum += weights.get(p)[k] * nodes.get(p)[k];
                }
            }
            return sum / nodes.size();
        }

        private static double trapezoid(double[] t, double[] f, int moment) {
            double sum = 0;
            for (int i = 1; i < t.length; i++) {
                double a = f[i - 1] * Math.pow(t[i - 1], moment);
                double b = f[i] * Math.pow(t[i], moment);
                sum += (a + b) / 2 * (t[i] - t[i - 1]);
            }
            return sum;
        }
    }

    /** Runs the probes and returns the density. */
    public Result run() {
        SplittableRandom random = new SplittableRandom(seed);
        List<double[]> nodes = new ArrayList<>();
        List<double[]> weights = new ArrayList<>();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int p = 0; p < probes; p++) {
            float[] z = Vectors.rademacher(operator.dimension(), random.split());
            Lanczos.Tridiagonal t = Lanczos.run(operator, z, steps, step -> false);
            SymmetricEigen eigen = t.eigen();
            double[] tau = new double[t.steps()];
            for (int k = 0; k < tau.length; k++) {
                tau[k] = eigen.vectors()[0][k] * eigen.vectors()[0][k];
            }
            nodes.add(eigen.values());
            weights.add(tau);
            lo = Math.min(lo, eigen.values()[0]);
            hi = Math.max(hi, eigen.values()[t.steps() - 1]);
        }
        double spread = hi - lo;
        double sigma = kernelWidth * (spread > 0 ? spread : Math.max(Math.abs(hi), 1));
        double start = lo - 5 * sigma;
        double step = (hi + 5 * sigma - start) / (gridPoints - 1);
        double[] grid = new double[gridPoints];
        double[] values = new double[gridPoints];
        for (int i = 0; i < gridPoints; i++) {
            grid[i] = start + i * step;
        }
        double norm = 1 / (probes * sigma * Math.sqrt(2 * Math.PI));
        for (int p = 0; p < probes; p++) {
            double[] theta = nodes.get(p);
            double[] tau = weights.get(p);
            for (int k = 0; k < theta.length; k++) {
                for (int i = 0; i < gridPoints; i++) {
                    double x = (grid[i] - theta[k]) / sigma;
                    values[i] += norm * tau[k] * Math.exp(-0.5 * x * x);
                }
            }
        }
        Result raw = new Result(grid, values, sigma, nodes, weights);
        double integral = raw.integral();
        for (int i = 0; i < gridPoints; i++) {
            values[i] /= integral;
        }
        return new Result(grid, values, sigma, nodes, weights);
    }

    /** Builds a {@link SpectralDensity}: {@code setX} required, {@code optX} optional. */
    public static final class Builder {
        private SymmetricOperator operator;
        private int steps = 80;
        private int probes = 1;
        private int gridPoints = 1000;
        private double kernelWidth = 0.01;
        private long seed;

        private Builder() {}

        /** Sets the operator. */
        public Builder setOperator(SymmetricOperator operator) {
            this.operator = operator;
            return this;
        }

        /** Sets the Lanczos steps per probe (default 80; stores that many vectors). */
        public Builder optSteps(int steps) {
            this.steps = Checks.checkPositive("steps", steps);
            return this;
        }

        /** Sets the number of Rademacher probes (default 1). */
        public Builder optProbes(int probes) {
            this.probes = Checks.checkPositive("probes", probes);
            return this;
        }

        /** Sets the number of grid points (default 1000). */
        public Builder optGridPoints(int gridPoints) {
            Checks.checkArgument(gridPoints >= 2, "gridPoints must be >= 2 but was %s", gridPoints);
            this.gridPoints = gridPoints;
            return this;
        }

        /** Sets σ relative to the spread of the nodes (default 0.01). */
        public Builder optKernelWidth(double kernelWidth) {
            Checks.checkArgument(
                    kernelWidth > 0 && Double.isFinite(kernelWidth),
                    "kernel width must be > 0 but was %s",
                    kernelWidth);
            this.kernelWidth = kernelWidth;
            return this;
        }

        /** Sets the seed of the probes (default 0). */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Builds the estimator. */
        public SpectralDensity build() {
            Checks.checkArgument(operator != null, "setOperator is required");
            return new SpectralDensity(this);
        }
    }
}
