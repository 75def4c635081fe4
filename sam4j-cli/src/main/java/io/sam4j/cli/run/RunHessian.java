package io.sam4j.cli.run;

import io.sam4j.analysis.ProgressListener;
import io.sam4j.analysis.hessian.DensityPlot;
import io.sam4j.analysis.hessian.HessianAnalysis;
import io.sam4j.analysis.hessian.HessianResult;
import io.sam4j.analysis.hessian.HutchinsonTrace;
import io.sam4j.analysis.hessian.SmallestEigenvalue;
import io.sam4j.analysis.hessian.SpectralDensity;
import io.sam4j.analysis.hessian.TopEigenvalues;
import io.sam4j.cli.UserError;
import io.sam4j.core.loss.SmoothedCrossEntropy;
import io.sam4j.core.random.Seeds;
import io.sam4j.core.run.RunFiles;
import io.sam4j.core.run.RunKeys;
import io.sam4j.core.train.Batch;
import io.sam4j.core.util.Hashing;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The Hessian of one trained run, written down: draws the run's sample, has sam4j-analysis's {@link
 * HessianAnalysis} measure it at the run's last checkpoint, and writes {@value #JSON} (and {@value #PNG})
 * into the run directory and a few lines for a person. What {@code sam4j hessian} does for one run, and
 * what {@code sam4j demo} measures after each training.
 *
 * <p>The loss is the cross-entropy (with the run's label smoothing, without weight decay) in eval mode,
 * averaged over a {@link Sample} of the run's training examples (its own labels, noisy where the run's
 * are), so λmax is that of the Hessian of the mean loss over that fixed sample.
 */
public final class RunHessian {

    /** The JSON file written into the run directory. */
    public static final String JSON = RunFiles.HESSIAN;
    /** The density plot written into the run directory. */
    public static final String PNG = RunFiles.HESSIAN_DENSITY_PNG;

    /**
     * Which training examples the loss averages over: a seeded, class-stratified subset (all of them when
     * the training set is not larger), cut into batches.
     *
     * @param examples the sample's size
     * @param batchSize examples per batch (memory per kept gradient graph; the sum does not depend on it)
     * @param seed selects the examples through {@link Seeds.Stream#HESSIAN}; null for the analysis's seed
     */
    public record Sample(int examples, int batchSize, Long seed) {

        /**
         * The default size, chosen by measurement (BENCHMARKS.md, "λmax and the sample"): on a SAM run with the
         * demo's settings, three sample seeds moved λmax by under 5% at this size, against 9 to 11% with
         * one batch of 128 (which also overestimated it by about 11%).
         */
        public static final int DEFAULT_EXAMPLES = 1024;
        /** The default batch size. */
        public static final int DEFAULT_BATCH_SIZE = 128;

        /** The default sample, seeded like the analysis. */
        public static final Sample DEFAULT = new Sample(DEFAULT_EXAMPLES, DEFAULT_BATCH_SIZE, null);

        public Sample {
            if (examples < 1) {
                throw new IllegalArgumentException("sample size must be >= 1 but was " + examples);
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be >= 1 but was " + batchSize);
            }
        }
    }

    /**
     * @param result the analysis's figures
     * @param json the file written
     */
    public record Result(HessianResult result, Path json) {
        /** @return the largest eigenvalue, λmax */
        public double lambdaMax() {
            return result.lambdaMax();
        }
    }

    private final Sample sample;
    private final Long seed;
    private final UnaryOperator<HessianAnalysis.Builder> settings;
    private final Long graphMemory;
    private final int threads;

    /**
     * @param sample the examples the loss averages over
     * @param seed the seed of the start vectors and probes (and of the sample unless it has its own); null
     *     for the run's
     * @param settings the analysis's optional settings (top-k, λmin, trace, density...)
     * @param graphMemory bytes for kept gradient graphs, or null for the analysis's default
     * @param threads the PyTorch intra-op threads, recorded in the settings
     */
    public RunHessian(
            Sample sample, Long seed, UnaryOperator<HessianAnalysis.Builder> settings, Long graphMemory, int threads) {
        this.sample = sample;
        this.seed = seed;
        this.settings = settings;
        this.graphMemory = graphMemory;
        this.threads = threads;
    }

    /**
     * Measures the run and writes {@value #JSON} (and {@value #PNG} with the density) into its directory.
     *
     * @param trained the run, with its checkpoint's weights loaded
     * @param log where the lines a person reads go, or {@code null} for none
     * @param listener hears of each Hessian-vector product
     * @return the figures and the file
     * @throws UserError if top-k exceeds the model's parameter count
     */
    public Result run(TrainedRun trained, PrintStream log, ProgressListener listener) {
        PrintStream out = log != null ? log : new PrintStream(OutputStream.nullOutputStream());
        long runSeed = seed != null ? seed : trained.seeds().runSeed();
        long sampleSeed = sample.seed() != null ? sample.seed() : runSeed;
        long selection = new Seeds(sampleSeed).of(Seeds.Stream.HESSIAN);
        TaskData data = trained.data();
        List<Batch> batches = data.trainSample(sample.examples(), sample.batchSize(), selection);
        int[] indices = data.trainSampleIndices(sample.examples(), selection);
        double smoothing = trained.spec().optimization().labelSmoothing();
        HessianAnalysis.Builder builder = settings.apply(HessianAnalysis.builder())
                .setBlock(trained.block())
                .setParameters(trained.parameters())
                .setLoss(new SmoothedCrossEntropy((float) smoothing))
                .setManager(trained.manager())
                .optSeed(runSeed)
                .optListener(listener);
        if (graphMemory != null) {
            builder.optGraphMemory(graphMemory);
        }
        HessianAnalysis analysis = builder.build();
        long n = trained.parameters().trainableSize();
        if (analysis.topK() > n) {
            throw new UserError("--top-k " + analysis.topK() + " exceeds the model's " + n + " parameters");
        }
        RunDirectory run = trained.directory();
        out.printf(
                Locale.ROOT,
                "hessian of %s (epoch %d, %,d parameters) on %,d training examples (sample seed %d) in %d batches,"
                        + " eval mode%n",
                run.root(),
                trained.epoch(),
                n,
                indices.length,
                sampleSeed,
                batches.size());
        HessianResult r = analysis.measure(batches);
        print(out, r);

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("run", run.root().toString());
        json.put("epoch", trained.epoch());
        json.put("model", trained.spec().model().name());
        json.put("dataset", trained.spec().data().dataset());
        json.put("data", trained.dataRecord());
        json.put("parameters", r.parameters());
        json.put("seed", runSeed);
        json.put("sample", sampleJson(data, r, sampleSeed, indices));
        json.put("settings", settingsJson(r, smoothing));
        json.put("date", OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString());
        json.put("loss", r.loss());
        double[] eigenvalues = r.eigenvalues();
        int topK = eigenvalues.length;
        json.put(RunKeys.Hessian.EIGENVALUES, eigenvalues);
        json.put(RunKeys.Hessian.LAMBDA_MAX, eigenvalues[0]);
        if (topK > 1) {
            json.put("lambda_k", eigenvalues[topK - 1]);
            json.put("lambda_max_over_lambda_k", eigenvalues[0] / eigenvalues[topK - 1]);
        }
        json.put("top_k_convergence", topJson(r.top()));
        r.smallestEigenvalue().ifPresent(s -> {
            json.put(RunKeys.Hessian.LAMBDA_MIN, s.value());
            json.put("lambda_max_over_lambda_min", Math.abs(eigenvalues[0] / s.value()));
            json.put("lambda_min_convergence", smallestJson(s));
        });
        r.traceEstimate().ifPresent(t -> json.put(RunKeys.Hessian.TRACE, traceJson(t)));
        r.spectralDensity().ifPresent(d -> {
            json.put(RunKeys.Hessian.DENSITY, densityJson(d, r.settings()));
            writePng(d, run, trained.spec().model().name(), trained.epoch());
        });
        json.put("timings", timingsJson(r.cost()));
        run.writeJson(JSON, json);
        out.printf(
                Locale.ROOT,
                "%d Hessian-vector products in %.1f s -> %s%s%n",
                r.cost().products(),
                r.cost().totalSeconds(),
                run.file(JSON),
                r.density() != null ? ", " + run.file(PNG) : "");
        return new Result(r, run.file(JSON));
    }

    private static void print(PrintStream out, HessianResult r) {
        double[] eigenvalues = r.eigenvalues();
        TopEigenvalues.Estimate first = r.top().estimates().get(0);
        out.printf(
                Locale.ROOT,
                "top-%d eigenvalues: %s (%s, %d products%s)%n",
                eigenvalues.length,
                format(eigenvalues),
                r.top().method() == TopEigenvalues.Method.LANCZOS ? "Lanczos" : "power iteration",
                first.iterations(),
                r.top().estimates().stream().allMatch(TopEigenvalues.Estimate::converged) ? "" : ", not converged");
        r.smallestEigenvalue()
                .ifPresent(s -> out.printf(
                        Locale.ROOT,
                        "lambda_min %.6g, |lambda_max/lambda_min| %.4g%s%n",
                        s.value(),
                        Math.abs(eigenvalues[0] / s.value()),
                        s.converged() ? "" : " (not converged)"));
        r.traceEstimate()
                .ifPresent(t -> out.printf(
                        Locale.ROOT, "trace %.6g ± %.3g (%d probes)%n", t.estimate(), t.standardError(), t.probes()));
        HessianResult.Cost cost = r.cost();
        out.printf(
                Locale.ROOT,
                "kept the gradient graphs of %d of %d batches between products%s%n",
                cost.retainedGraphs(),
                r.batches(),
                cost.graphBytes().isPresent()
                        ? String.format(
                                Locale.ROOT,
                                " (about %,d MiB each, budget %,d MiB)",
                                cost.graphBytes().getAsLong() >> 20,
                                cost.graphBudget() >> 20)
                        : "");
    }

    /** The sample, so that another run of the analysis can be told apart or repeated. */
    private Map<String, Object> sampleJson(TaskData data, HessianResult r, long sampleSeed, int[] indices) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("seed", sampleSeed);
        s.put("examples", r.examples());
        s.put("requested_examples", sample.examples());
        s.put("batch_size", sample.batchSize());
        s.put("batches", r.batches());
        s.put("labels", data.noisyTrainLabels() ? "noisy (the run's training labels, --label-noise)" : "clean");
        s.put("noisy_labels", data.noisyTrainLabels());
        s.put("indices_sha256", indicesSha256(indices));
        s.put(
                "indices_of",
                "positions in the run's training set (after --train-limit), ascending; the hash is of their"
                        + " decimal digits, one per line");
        s.put("loss", r.loss());
        s.put(
                "estimates",
                "the Hessian of the mean loss over these examples: per-batch Hessian-vector products averaged"
                        + " by batch size");
        return s;
    }

    /** Returns the SHA-256 of the indices as decimal text, one per line: {@code printf '%d\n' ... | sha256sum}. */
    static String indicesSha256(int[] indices) {
        StringBuilder text = new StringBuilder();
        for (int i : indices) {
            text.append(i).append('\n');
        }
        return Hashing.sha256Hex(text.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private Map<String, Object> settingsJson(HessianResult r, double smoothing) {
        HessianResult.Settings set = r.settings();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("batches", r.batches());
        s.put("batch_size", sample.batchSize());
        s.put("examples", r.examples());
        s.put("mode", "eval (BatchNorm on running statistics, no dropout)");
        s.put(
                "loss",
                "cross-entropy" + (smoothing > 0 ? " with label smoothing " + smoothing : "") + ", no weight decay");
        s.put("top_k", set.topK());
        s.put("iterations", set.iterations());
        s.put("tolerance", set.tolerance());
        s.put("min", set.min());
        s.put("trace", set.trace());
        s.put("density", set.density());
        s.put("probes", set.probes());
        s.put("lanczos_steps", set.lanczosSteps());
        s.put("threads", threads);
        return s;
    }

    private static Map<String, Object> topJson(TopEigenvalues.Result top) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put(
                "method",
                top.method() == TopEigenvalues.Method.LANCZOS
                        ? "Lanczos with full reorthogonalization"
                        : "power iteration with deflation");
        List<Map<String, Object>> eigenvalues = new ArrayList<>();
        for (TopEigenvalues.Estimate e : top.estimates()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("eigenvalue", e.value());
            if (!Double.isNaN(e.residual())) {
                m.put("residual_bound", e.residual());
            }
            m.put("iterations", e.iterations());
            m.put("converged", e.converged());
            m.put("history", e.history());
            eigenvalues.add(m);
        }
        node.put("eigenvalues", eigenvalues);
        return node;
    }

    private static Map<String, Object> smallestJson(SmallestEigenvalue.Result smallest) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("method", "Lanczos with full reorthogonalization");
        detail.put("residual_bound", smallest.residual());
        detail.put("iterations", smallest.iterations());
        detail.put("converged", smallest.converged());
        detail.put("history", smallest.history());
        return detail;
    }

    private static Map<String, Object> traceJson(HutchinsonTrace.Result t) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put(RunKeys.Hessian.ESTIMATE, t.estimate());
        node.put(RunKeys.Hessian.STANDARD_ERROR, t.standardError());
        node.put("probes", t.probes());
        node.put("method", "Hutchinson, Rademacher probes");
        node.put("samples", t.samples());
        node.put("history", t.history());
        return node;
    }

    private static Map<String, Object> densityJson(SpectralDensity.Result d, HessianResult.Settings set) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("method", "stochastic Lanczos quadrature, full reorthogonalization, Gaussian kernel");
        node.put("probes", set.probes());
        node.put("lanczos_steps", set.lanczosSteps());
        node.put("sigma", d.sigma());
        node.put("mean", d.mean());
        node.put(RunKeys.Hessian.GRID, d.grid());
        node.put(RunKeys.Hessian.VALUES, d.values());
        node.put("nodes", d.nodes());
        node.put("weights", d.weights());
        return node;
    }

    private static Map<String, Object> timingsJson(HessianResult.Cost cost) {
        Map<String, Object> timings = new LinkedHashMap<>();
        timings.put("top_k_seconds", cost.topKSeconds());
        putIfRan(timings, "lambda_min_seconds", cost.minSeconds());
        putIfRan(timings, "trace_seconds", cost.traceSeconds());
        putIfRan(timings, "density_seconds", cost.densitySeconds());
        timings.put("retained_graphs", cost.retainedGraphs());
        timings.put(
                "graph_bytes", cost.graphBytes().isPresent() ? cost.graphBytes().getAsLong() : null);
        timings.put("graph_memory_budget_bytes", cost.graphBudget());
        timings.put("total_seconds", cost.totalSeconds());
        timings.put("hessian_vector_products", cost.products());
        timings.put("seconds_per_product", cost.products() == 0 ? null : cost.totalSeconds() / cost.products());
        return timings;
    }

    private static void putIfRan(Map<String, Object> timings, String key, double seconds) {
        if (!Double.isNaN(seconds)) {
            timings.put(key, seconds);
        }
    }

    private static void writePng(SpectralDensity.Result d, RunDirectory run, String model, int epoch) {
        try {
            DensityPlot.write(d, "Hessian spectral density: " + model + ", epoch " + epoch, run.file(PNG));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + run.file(PNG), e);
        }
    }

    private static String format(double[] values) {
        return Arrays.stream(values)
                .mapToObj(v -> String.format(Locale.ROOT, "%.6g", v))
                .reduce((a, b) -> a + ", " + b)
                .orElse("");
    }
}
