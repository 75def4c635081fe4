package io.sam4j.cli.run;

import io.sam4j.analysis.hessian.DensityPlot;
import io.sam4j.analysis.hessian.EvalLoss;
import io.sam4j.analysis.hessian.HessianOperator;
import io.sam4j.analysis.hessian.HutchinsonTrace;
import io.sam4j.analysis.hessian.PowerIteration;
import io.sam4j.analysis.hessian.SmallestEigenvalue;
import io.sam4j.analysis.hessian.SpectralDensity;
import io.sam4j.analysis.hessian.SymmetricOperator;
import io.sam4j.cli.UserError;
import io.sam4j.core.loss.SmoothedCrossEntropy;
import io.sam4j.core.random.Seeds;
import io.sam4j.core.run.RunFiles;
import io.sam4j.core.run.RunKeys;
import io.sam4j.core.train.Batch;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The curvature of one trained run: the top eigenvalues of the training loss's Hessian at the run's
 * last checkpoint (power iteration with deflation), and optionally the smallest eigenvalue (Lanczos), the
 * trace (Hutchinson) and the spectral density (stochastic Lanczos quadrature), written into the run's
 * {@value #JSON} (and {@value #PNG}). What {@code sam4j hessian} does for one run, and what {@code sam4j
 * demo} measures after each training.
 *
 * <p>The loss is the cross-entropy (with the run's label smoothing, without weight decay) in eval mode,
 * averaged over {@code batches × batchSize} training examples drawn from the run's
 * {@link Seeds.Stream#HESSIAN} stream, so the same run and settings give the same sample.
 */
public final class HessianAnalysis {

    /** The JSON file written into the run directory. */
    public static final String JSON = RunFiles.HESSIAN;
    /** The density plot written into the run directory. */
    public static final String PNG = RunFiles.HESSIAN_DENSITY_PNG;

    /** What a caller may watch: each part as it starts, and each Hessian-vector product. */
    public interface Observer {
        /** A part ({@code top-k}, {@code lambda min}, {@code trace}, {@code density}) starts. */
        void task(String name);

        /** One Hessian-vector product finished. */
        void product();

        /** @return an observer that ignores everything */
        static Observer none() {
            return new Observer() {
                @Override
                public void task(String name) {}

                @Override
                public void product() {}
            };
        }
    }

    /**
     * @param eigenvalues the top-k eigenvalues, descending
     * @param products the Hessian-vector products computed
     * @param seconds the wall-clock time of the analysis
     * @param json the file written
     */
    public record Result(double[] eigenvalues, long products, double seconds, Path json) {
        /** @return the largest eigenvalue, λmax */
        public double lambdaMax() {
            return eigenvalues[0];
        }
    }

    private final int batches;
    private final int batchSize;
    private final int topK;
    private final int iterations;
    private final double tolerance;
    private final boolean min;
    private final boolean trace;
    private final int probes;
    private final boolean density;
    private final int lanczosSteps;
    private final Long seed;
    private final Long graphMemory;
    private final int threads;

    private HessianAnalysis(Builder b) {
        this.batches = b.batches;
        this.batchSize = b.batchSize;
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
        this.threads = b.threads;
    }

    /** @return a builder with the defaults of {@code sam4j hessian} (λmax alone, 2 batches of 128) */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return the most Hessian-vector products the parts need (parts that converge early need fewer), e.g.
     *     a progress bar's length
     */
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
     * Measures the run and writes {@value #JSON} (and {@value #PNG} with the density) into its directory.
     *
     * @param trained the run, with its checkpoint's weights loaded
     * @param log where the lines a person reads go, or {@code null} for none
     * @param observer told of each part and product
     * @return the top eigenvalues and the cost
     * @throws UserError if {@code topK} exceeds the model's parameter count
     */
    public Result run(TrainedRun trained, PrintStream log, Observer observer) {
        PrintStream out = log != null ? log : new PrintStream(OutputStream.nullOutputStream());
        long runSeed = seed != null ? seed : trained.seeds().runSeed();
        Seeds seeds = new Seeds(runSeed);
        List<Batch> sample = trained.data().trainSample(batches * batchSize, batchSize, seeds.of(Seeds.Stream.HESSIAN));
        double smoothing = trained.spec().optimization().labelSmoothing();
        EvalLoss.Builder builder = EvalLoss.builder()
                .setBlock(trained.block())
                .setParameters(trained.parameters())
                .setLoss(new SmoothedCrossEntropy((float) smoothing))
                .setBatches(sample)
                .setManager(trained.manager());
        if (graphMemory != null) {
            builder.optGraphMemory(graphMemory);
        }
        EvalLoss loss = builder.build();
        int n = loss.dimension();
        if (topK > n) {
            throw new UserError("--top-k " + topK + " exceeds the model's " + n + " parameters");
        }
        RunDirectory run = trained.directory();
        out.printf(
                Locale.ROOT,
                "hessian of %s (epoch %d, %,d parameters) on %,d training examples in %d batches, eval mode%n",
                run.root(),
                trained.epoch(),
                n,
                loss.examples(),
                sample.size());

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("run", run.root().toString());
        json.put("epoch", trained.epoch());
        json.put("model", trained.spec().model().name());
        json.put("dataset", trained.spec().data().dataset());
        json.put("data", trained.dataRecord());
        json.put("parameters", n);
        json.put("seed", runSeed);
        json.put("settings", settings(loss, smoothing));
        json.put("date", OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString());
        Map<String, Object> timings = new LinkedHashMap<>();
        long[] products = {0};
        long totalStart = System.nanoTime();
        double[] eigenvalues;
        try (HessianOperator operator = loss.openHessian()) {
            SymmetricOperator hessian = operator.observed(() -> {
                products[0]++;
                observer.product();
            });
            long start = System.nanoTime();
            json.put("loss", loss.value());

            observer.task("top-" + topK);
            PowerIteration.Result top = PowerIteration.builder()
                    .setOperator(hessian)
                    .optTopK(topK)
                    .optMaxIterations(iterations)
                    .optTolerance(tolerance)
                    .optSeed(seeds.of(Seeds.Stream.HESSIAN, 1))
                    .build()
                    .run();
            eigenvalues = top.descending();
            json.put(RunKeys.Hessian.EIGENVALUES, eigenvalues);
            json.put(RunKeys.Hessian.LAMBDA_MAX, eigenvalues[0]);
            if (topK > 1) {
                json.put("lambda_k", eigenvalues[topK - 1]);
                json.put("lambda_max_over_lambda_k", eigenvalues[0] / eigenvalues[topK - 1]);
            }
            json.put("power_iteration", powerIteration(top));
            timings.put("top_k_seconds", seconds(start));
            out.printf(Locale.ROOT, "top-%d eigenvalues: %s%n", topK, format(eigenvalues));

            if (min) {
                start = System.nanoTime();
                observer.task("lambda min");
                SmallestEigenvalue.Result smallest =
                        SmallestEigenvalue.lanczos(hessian, iterations, tolerance, seeds.of(Seeds.Stream.HESSIAN, 2));
                json.put(RunKeys.Hessian.LAMBDA_MIN, smallest.value());
                json.put("lambda_max_over_lambda_min", Math.abs(eigenvalues[0] / smallest.value()));
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("method", "Lanczos with full reorthogonalization");
                detail.put("residual_bound", smallest.residual());
                detail.put("iterations", smallest.iterations());
                detail.put("converged", smallest.converged());
                detail.put("history", smallest.history());
                json.put("lambda_min_convergence", detail);
                timings.put("lambda_min_seconds", seconds(start));
                out.printf(
                        Locale.ROOT,
                        "lambda_min %.6g, |lambda_max/lambda_min| %.4g%s%n",
                        smallest.value(),
                        Math.abs(eigenvalues[0] / smallest.value()),
                        smallest.converged() ? "" : " (not converged)");
            }
            if (trace) {
                start = System.nanoTime();
                observer.task("trace");
                HutchinsonTrace.Result t = HutchinsonTrace.estimate(hessian, probes, seeds.of(Seeds.Stream.HESSIAN, 3));
                Map<String, Object> node = new LinkedHashMap<>();
                node.put(RunKeys.Hessian.ESTIMATE, t.estimate());
                node.put(RunKeys.Hessian.STANDARD_ERROR, t.standardError());
                node.put("probes", t.probes());
                node.put("method", "Hutchinson, Rademacher probes");
                node.put("samples", t.samples());
                node.put("history", t.history());
                json.put(RunKeys.Hessian.TRACE, node);
                timings.put("trace_seconds", seconds(start));
                out.printf(Locale.ROOT, "trace %.6g ± %.3g (%d probes)%n", t.estimate(), t.standardError(), t.probes());
            }
            if (density) {
                start = System.nanoTime();
                observer.task("density");
                SpectralDensity.Result d = SpectralDensity.builder()
                        .setOperator(hessian)
                        .optSteps(lanczosSteps)
                        .optProbes(probes)
                        .optSeed(seeds.of(Seeds.Stream.HESSIAN, 4))
                        .build()
                        .run();
                Map<String, Object> node = new LinkedHashMap<>();
                node.put("method", "stochastic Lanczos quadrature, full reorthogonalization, Gaussian kernel");
                node.put("probes", probes);
                node.put("lanczos_steps", lanczosSteps);
                node.put("sigma", d.sigma());
                node.put("mean", d.mean());
                node.put(RunKeys.Hessian.GRID, d.grid());
                node.put(RunKeys.Hessian.VALUES, d.values());
                node.put("nodes", d.nodes());
                node.put("weights", d.weights());
                json.put(RunKeys.Hessian.DENSITY, node);
                timings.put("density_seconds", seconds(start));
                writePng(d, run, trained.spec().model().name(), trained.epoch());
            }
            timings.put("retained_graphs", operator.retainedGraphs());
            out.printf(
                    Locale.ROOT,
                    "kept the gradient graphs of %d of %d batches between products%s%n",
                    operator.retainedGraphs(),
                    sample.size(),
                    operator.graphBytes().isPresent()
                            ? String.format(
                                    Locale.ROOT,
                                    " (about %,d MiB each, budget %,d MiB)",
                                    operator.graphBytes().getAsLong() >> 20,
                                    operator.budget() >> 20)
                            : "");
            timings.put(
                    "graph_bytes",
                    operator.graphBytes().isPresent() ? operator.graphBytes().getAsLong() : null);
            timings.put("graph_memory_budget_bytes", operator.budget());
        }
        double total = seconds(totalStart);
        timings.put("total_seconds", total);
        timings.put("hessian_vector_products", products[0]);
        timings.put("seconds_per_product", products[0] == 0 ? null : total / products[0]);
        json.put("timings", timings);
        run.writeJson(JSON, json);
        out.printf(
                Locale.ROOT,
                "%d Hessian-vector products in %.1f s -> %s%s%n",
                products[0],
                total,
                run.file(JSON),
                density ? ", " + run.file(PNG) : "");
        return new Result(eigenvalues, products[0], total, run.file(JSON));
    }

    private Map<String, Object> settings(EvalLoss loss, double smoothing) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("batches", batches);
        s.put("batch_size", batchSize);
        s.put("examples", loss.examples());
        s.put("mode", "eval (BatchNorm on running statistics, no dropout)");
        s.put(
                "loss",
                "cross-entropy" + (smoothing > 0 ? " with label smoothing " + smoothing : "") + ", no weight decay");
        s.put("top_k", topK);
        s.put("iterations", iterations);
        s.put("tolerance", tolerance);
        s.put("min", min);
        s.put("trace", trace);
        s.put("density", density);
        s.put("probes", probes);
        s.put("lanczos_steps", lanczosSteps);
        s.put("threads", threads);
        return s;
    }

    private static List<Map<String, Object>> powerIteration(PowerIteration.Result top) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (PowerIteration.Eigenpair pair : top.pairs()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("eigenvalue", pair.value());
            m.put("iterations", pair.iterations());
            m.put("converged", pair.converged());
            m.put("history", pair.history());
            out.add(m);
        }
        return out;
    }

    private static void writePng(SpectralDensity.Result d, RunDirectory run, String model, int epoch) {
        try {
            DensityPlot.write(d, "Hessian spectral density: " + model + ", epoch " + epoch, run.file(PNG));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + run.file(PNG), e);
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static String format(double[] values) {
        return Arrays.stream(values)
                .mapToObj(v -> String.format(Locale.ROOT, "%.6g", v))
                .reduce((a, b) -> a + ", " + b)
                .orElse("");
    }

    /** Settings of an analysis; the defaults are those of {@code sam4j hessian}. */
    public static final class Builder {
        private int batches = 2;
        private int batchSize = 128;
        private int topK = 1;
        private int iterations = 100;
        private double tolerance = 1e-3;
        private boolean min;
        private boolean trace;
        private int probes = 10;
        private boolean density;
        private int lanczosSteps = 80;
        private Long seed;
        private Long graphMemory;
        private int threads = 2;

        private Builder() {}

        /** Training batches the loss averages over (default 2). */
        public Builder optBatches(int batches) {
            this.batches = atLeast("batches", batches, 1);
            return this;
        }

        /** Examples per batch (default 128). */
        public Builder optBatchSize(int batchSize) {
            this.batchSize = atLeast("batch size", batchSize, 1);
            return this;
        }

        /** Largest eigenvalues to find (default 1). */
        public Builder optTopK(int topK) {
            this.topK = atLeast("top-k", topK, 1);
            return this;
        }

        /** Most power-iteration (and Lanczos) steps per eigenvalue (default 100). */
        public Builder optIterations(int iterations) {
            this.iterations = atLeast("iterations", iterations, 1);
            return this;
        }

        /** Relative change (residual for λmin) that counts as converged, in (0, 1) (default 1e-3). */
        public Builder optTolerance(double tolerance) {
            if (!(tolerance > 0 && tolerance < 1)) {
                throw new IllegalArgumentException("tolerance must be in (0, 1) but was " + tolerance);
            }
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
            this.probes = atLeast("probes", probes, 1);
            return this;
        }

        /** Also estimate the spectral density and plot it. */
        public Builder optDensity(boolean density) {
            this.density = density;
            return this;
        }

        /** Lanczos steps per density probe (default 80). */
        public Builder optLanczosSteps(int lanczosSteps) {
            this.lanczosSteps = atLeast("Lanczos steps", lanczosSteps, 1);
            return this;
        }

        /** Seed of the sample, start vectors and probes (default: the run's seed). */
        public Builder optSeed(Long seed) {
            this.seed = seed;
            return this;
        }

        /** Bytes for gradient graphs kept between products (default: {@link EvalLoss}'s). */
        public Builder optGraphMemory(Long graphMemory) {
            this.graphMemory = graphMemory;
            return this;
        }

        /** The PyTorch intra-op threads, recorded in the settings (default 2). */
        public Builder optThreads(int threads) {
            this.threads = atLeast("threads", threads, 1);
            return this;
        }

        /**
         * @return the analysis
         * @throws IllegalArgumentException if the trace is asked for with fewer than 2 probes
         */
        public HessianAnalysis build() {
            if (trace && probes < 2) {
                throw new IllegalArgumentException(
                        "the trace needs at least 2 probes for a standard error but has " + probes);
            }
            return new HessianAnalysis(this);
        }

        private static int atLeast(String name, int value, int least) {
            if (value < least) {
                throw new IllegalArgumentException(name + " must be >= " + least + " but was " + value);
            }
            return value;
        }
    }
}
