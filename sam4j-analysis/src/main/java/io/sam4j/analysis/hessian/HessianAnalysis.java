package io.sam4j.analysis.hessian;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.loss.Loss;
import io.sam4j.analysis.ProgressListener;
import io.sam4j.core.random.Seeds;
import io.sam4j.core.train.Batch;
import io.sam4j.core.train.ModelParameters;
import io.sam4j.core.util.Checks;
import java.util.List;

/**
 * The curvature of a model at its current weights: the top eigenvalues of the Hessian of its loss on a
 * fixed sample ({@link TopEigenvalues}: Lanczos, or power iteration with deflation when the Lanczos
 * basis would not fit in a quarter of the heap), and optionally the smallest eigenvalue (Lanczos), the
 * trace (Hutchinson) and the spectral density (stochastic Lanczos quadrature).
 *
 * <p><b>What is estimated.</b> The Hessian ∇²L_S(w) of the mean loss over the sample S, in evaluation mode
 * ({@link EvalLoss}): L_S(w) = (1/|S|) Σ_{x ∈ S} ℓ(x, w). A Hessian-vector product is the size-weighted
 * average of the sample's per-batch products, which is exactly the product of the loss on S taken as one
 * batch (the batch split changes only float rounding). Its eigenvalues are those of this one matrix, not
 * an average of per-batch eigenvalues: the sample's size, not the batch size, sets how closely they
 * follow the Hessian of the whole training loss.
 *
 * <p>Start vectors and probes come from {@link Seeds.Stream#HESSIAN} of {@link Builder#optSeed}, so the
 * same weights, sample and seed give the same figures. The weights, their gradients and BatchNorm
 * statistics are untouched. {@link ProgressListener} hears of every Hessian-vector product, against
 * {@link #plannedProducts()} (parts that converge early finish sooner).
 */
public final class HessianAnalysis {

    private final Block block;
    private final ModelParameters parameters;
    private final Loss loss;
    private final NDManager manager;
    private final int topK;
    private final int iterations;
    private final double tolerance;
    private final boolean min;
    private final boolean trace;
    private final int probes;
    private final boolean density;
    private final int lanczosSteps;
    private final long seed;
    private final long graphMemory;
    private final ProgressListener listener;

    private HessianAnalysis(Builder b) {
        this.block = b.block;
        this.parameters = b.parameters;
        this.loss = b.loss;
        this.manager = b.manager;
        this.topK = b.topK;
        this.iterations = b.iterations;
        this.tolerance = b.tolerance;
        this.min = b.min;
        this.trace = b.trace;
        this.probes = b.probes;
        this.density = b.density;
        this.lanczosSteps = b.lanczosSteps;
        this.seed = b.seed;
        this.graphMemory = b.graphMemory;
        this.listener = b.listener;
    }

    /** Returns a builder: λmax alone, 100 iterations, tolerance 1e-3. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns how many of the largest eigenvalues it finds. */
    public int topK() {
        return topK;
    }

    /** Returns the most Hessian-vector products the parts need, e.g. a progress bar's length. */
    public long plannedProducts() {
        long planned = (long) topK * iterations;
        if (min) {
            planned += iterations;
        }
        if (trace) {
            planned += probes;
        }
        if (density) {
            planned += (long) probes * lanczosSteps;
        }
        return planned;
    }

    /**
     * Measures the Hessian of the mean loss over {@code sample}.
     *
     * @param sample the fixed batches; each weighs by its size
     * @return every figure asked for, with its cost
     * @throws IllegalArgumentException if the sample is empty, or top-k exceeds the model's parameters
     */
    public HessianResult measure(List<Batch> sample) {
        EvalLoss.Builder builder = EvalLoss.builder()
                .setBlock(block)
                .setParameters(parameters)
                .setLoss(loss)
                .setBatches(sample)
                .setManager(manager);
        if (graphMemory >= 0) {
            builder.optGraphMemory(graphMemory);
        }
        EvalLoss evalLoss = builder.build();
        int n = evalLoss.dimension();
        Checks.checkArgument(topK <= n, "top-k " + topK + " exceeds the model's " + n + " parameters");
        Seeds seeds = new Seeds(seed);
        long planned = plannedProducts();
        long[] products = {0};
        long totalStart = System.nanoTime();
        try (HessianOperator operator = evalLoss.openHessian()) {
            SymmetricOperator hessian = operator.observed(() -> listener.onProgress(++products[0], planned));
            double value = evalLoss.value();

            long start = System.nanoTime();
            TopEigenvalues.Result top = TopEigenvalues.find(
                    hessian,
                    topK,
                    iterations,
                    tolerance,
                    TopEigenvalues.heapBudget(),
                    seeds.of(Seeds.Stream.HESSIAN, 1));
            double topSeconds = seconds(start);

            SmallestEigenvalue.Result smallest = null;
            double minSeconds = Double.NaN;
            if (min) {
                start = System.nanoTime();
                smallest =
                        SmallestEigenvalue.lanczos(hessian, iterations, tolerance, seeds.of(Seeds.Stream.HESSIAN, 2));
                minSeconds = seconds(start);
            }
            HutchinsonTrace.Result traceResult = null;
            double traceSeconds = Double.NaN;
            if (trace) {
                start = System.nanoTime();
                traceResult = HutchinsonTrace.estimate(hessian, probes, seeds.of(Seeds.Stream.HESSIAN, 3));
                traceSeconds = seconds(start);
            }
            SpectralDensity.Result densityResult = null;
            double densitySeconds = Double.NaN;
            if (density) {
                start = System.nanoTime();
                densityResult = SpectralDensity.builder()
                        .setOperator(hessian)
                        .optSteps(lanczosSteps)
                        .optProbes(probes)
                        .optSeed(seeds.of(Seeds.Stream.HESSIAN, 4))
                        .build()
                        .run();
                densitySeconds = seconds(start);
            }
            HessianResult.Cost cost = new HessianResult.Cost(
                    products[0],
                    seconds(totalStart),
                    topSeconds,
                    minSeconds,
                    traceSeconds,
                    densitySeconds,
                    operator.retainedGraphs(),
                    operator.graphBytes(),
                    operator.budget());
            return new HessianResult(
                    n,
                    evalLoss.examples(),
                    sample.size(),
                    value,
                    top,
                    smallest,
                    traceResult,
                    densityResult,
                    new HessianResult.Settings(
                            topK, iterations, tolerance, min, trace, probes, density, lanczosSteps, seed),
                    cost);
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /** Builds a {@link HessianAnalysis}: {@code setX} required, {@code optX} optional. */
    public static final class Builder {
        private Block block;
        private ModelParameters parameters;
        private Loss loss;
        private NDManager manager;
        private int topK = 1;
        private int iterations = 100;
        private double tolerance = 1e-3;
        private boolean min;
        private boolean trace;
        private int probes = 10;
        private boolean density;
        private int lanczosSteps = 80;
        private long seed;
        private long graphMemory = -1;
        private ProgressListener listener = ProgressListener.NONE;

        private Builder() {}

        /** Sets the initialized block. */
        public Builder setBlock(Block block) {
            this.block = block;
            return this;
        }

        /** Sets the block's parameters (only the trainable ones are variables). */
        public Builder setParameters(ModelParameters parameters) {
            this.parameters = parameters;
            return this;
        }

        /** Sets the loss, averaged over a batch (e.g. the run's cross-entropy, without weight decay). */
        public Builder setLoss(Loss loss) {
            this.loss = loss;
            return this;
        }

        /** Sets the manager under which each pass opens its sub-manager. */
        public Builder setManager(NDManager manager) {
            this.manager = manager;
            return this;
        }

        /** Largest eigenvalues to find (default 1). */
        public Builder optTopK(int topK) {
            this.topK = Checks.checkPositive("top-k", topK);
            return this;
        }

        /** Most Lanczos steps for the top-k and for λmin (power iterations per eigenvalue, if it falls back) (default 100). */
        public Builder optIterations(int iterations) {
            this.iterations = Checks.checkPositive("iterations", iterations);
            return this;
        }

        /** Relative residual bound that counts as converged (relative change, if power iteration runs), in (0, 1) (default 1e-3). */
        public Builder optTolerance(double tolerance) {
            Checks.checkArgument(tolerance > 0 && tolerance < 1, "tolerance must be in (0, 1) but was " + tolerance);
            this.tolerance = tolerance;
            return this;
        }

        /** Also find the smallest eigenvalue. */
        public Builder optMin(boolean min) {
            this.min = min;
            return this;
        }

        /** Also estimate the trace; needs at least 2 probes. */
        public Builder optTrace(boolean trace) {
            this.trace = trace;
            return this;
        }

        /** Random probes of the trace and the density (default 10). */
        public Builder optProbes(int probes) {
            this.probes = Checks.checkPositive("probes", probes);
            return this;
        }

        /** Also estimate the spectral density. */
        public Builder optDensity(boolean density) {
            this.density = density;
            return this;
        }

        /** Lanczos steps per density probe (default 80). */
        public Builder optLanczosSteps(int lanczosSteps) {
            this.lanczosSteps = Checks.checkPositive("Lanczos steps", lanczosSteps);
            return this;
        }

        /** Seed of the start vectors and probes, through {@link Seeds.Stream#HESSIAN} (default 0). */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Bytes for gradient graphs kept between products (default: {@link EvalLoss}'s). */
        public Builder optGraphMemory(long bytes) {
            this.graphMemory = Checks.checkNonNegative("graph memory", bytes);
            return this;
        }

        /** Hears of each Hessian-vector product (default: nobody). */
        public Builder optListener(ProgressListener listener) {
            this.listener = listener == null ? ProgressListener.NONE : listener;
            return this;
        }

        /**
         * @return the analysis
         * @throws IllegalArgumentException if a required value is missing, or the trace is asked for
         *     with fewer than 2 probes
         */
        public HessianAnalysis build() {
            Checks.checkArgument(block != null, "setBlock is required");
            Checks.checkArgument(parameters != null, "setParameters is required");
            Checks.checkArgument(loss != null, "setLoss is required");
            Checks.checkArgument(manager != null, "setManager is required");
            Checks.checkArgument(
                    !trace || probes >= 2, "the trace needs at least 2 probes for a standard error but has " + probes);
            return new HessianAnalysis(this);
        }
    }
}
