package io.sam4j.cli.command;

import io.sam4j.analysis.hessian.DensityPlot;
import io.sam4j.analysis.hessian.EvalLoss;
import io.sam4j.analysis.hessian.HessianOperator;
import io.sam4j.analysis.hessian.HutchinsonTrace;
import io.sam4j.analysis.hessian.PowerIteration;
import io.sam4j.analysis.hessian.SmallestEigenvalue;
import io.sam4j.analysis.hessian.SpectralDensity;
import io.sam4j.analysis.hessian.SymmetricOperator;
import io.sam4j.cli.UserError;
import io.sam4j.cli.run.RunDirectory;
import io.sam4j.cli.run.TrainedRun;
import io.sam4j.core.loss.SmoothedCrossEntropy;
import io.sam4j.core.random.Seeds;
import io.sam4j.core.train.Batch;
import io.sam4j.report.run.RunFiles;
import io.sam4j.report.run.RunKeys;
import java.io.IOException;
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
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sam4j hessian RUN_DIR}: the curvature of a run's last checkpoint — top eigenvalues,
 * smallest eigenvalue, trace and spectral density of the training loss's Hessian — into
 * {@code hessian.json} and {@code hessian-density.png}.
 */
@Command(
        name = "hessian",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Hessian spectrum of a run's checkpoint: top-k eigenvalues (always), and with flags the smallest",
            "eigenvalue, the trace and the spectral density. Writes hessian.json (and hessian-density.png) into RUN_DIR."
        })
public final class HessianCommand implements Callable<Integer> {

    /** The JSON file written into the run directory. */
    public static final String JSON = RunFiles.HESSIAN;
    /** The density plot written into the run directory. */
    public static final String PNG = RunFiles.HESSIAN_DENSITY_PNG;

    @Mixin
    OutputOptions output;

    @Parameters(paramLabel = "RUN_DIR", description = "A run directory written by 'sam4j train'.")
    Path runDir;

    @Option(
            names = "--batches",
            paramLabel = "N",
            description = "Training batches the loss averages over (default: 2).")
    int batches = 2;

    @Option(names = "--batch-size", paramLabel = "B", description = "Examples per batch (default: 128).")
    int batchSize = 128;

    @Option(
            names = "--top-k",
            paramLabel = "K",
            description = "Largest eigenvalues to find by power iteration with deflation (default: 1).")
    int topK = 1;

    @Option(
            names = "--iterations",
            paramLabel = "N",
            description = "Most power-iteration (and --min Lanczos) steps per eigenvalue (default: 100).")
    int iterations = 100;

    @Option(
            names = "--tolerance",
            paramLabel = "T",
            description = "Relative change (residual for --min) that counts as converged (default: 1e-3).")
    double tolerance = 1e-3;

    @Option(names = "--min", description = "Also find the smallest eigenvalue (Lanczos) and the ratio |λmax/λmin|.")
    boolean min;

    @Option(
            names = "--trace",
            description = "Also estimate the trace (Hutchinson, Rademacher probes) with its standard error.")
    boolean trace;

    @Option(
            names = "--probes",
            paramLabel = "P",
            description = "Random probes for --trace and --density (default: 10).")
    int probes = 10;

    @Option(
            names = "--density",
            description = "Also estimate the spectral density (stochastic Lanczos quadrature) and plot it.")
    boolean density;

    @Option(
            names = "--lanczos-steps",
            paramLabel = "S",
            description = "Lanczos steps per --density probe (default: 80; keeps S vectors of the model's size).")
    int lanczosSteps = 80;

    @Mixin
    SeedOption seed;

    @Mixin
    RunDataOptions data;

    @Mixin
    EngineOptions engine;

    @Option(
            names = "--graph-memory",
            paramLabel = "SIZE",
            converter = ByteSizeConverter.class,
            description = {
                "Memory for the batches' gradient graphs kept between products, e.g. 4g; 0 recomputes them for",
                "every product (default: half of the memory available at start)."
            })
    Long graphMemory;

    @Override
    public Integer call() {
        validate();
        engine.apply();
        try (TrainedRun trained = TrainedRun.open(runDir, data.dataDir(), engine.device())) {
            return analyse(trained);
        }
    }

    private void validate() {
        atLeast("--batches", batches, 1);
        atLeast("--batch-size", batchSize, 1);
        atLeast("--top-k", topK, 1);
        atLeast("--iterations", iterations, 1);
        atLeast("--probes", probes, 1);
        atLeast("--lanczos-steps", lanczosSteps, 1);
        if (!(tolerance > 0 && tolerance < 1)) {
            throw new UserError("--tolerance must be in (0, 1) but was " + tolerance);
        }
        if (trace && probes < 2) {
            throw new UserError("--trace needs --probes >= 2 for a standard error but was " + probes);
        }
    }

    private static void atLeast(String flag, long value, long least) {
        if (value < least) {
            throw new UserError(flag + " must be >= " + least + " but was " + value);
        }
    }

    private int analyse(TrainedRun trained) {
        long runSeed = seed.orElse(trained.seeds().runSeed());
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
        System.out.printf(
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
        json.put("parameters", n);
        json.put("seed", runSeed);
        json.put("settings", settings(loss, smoothing));
        json.put("date", OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString());
        Map<String, Object> timings = new LinkedHashMap<>();
        long[] products = {0};
        long totalStart = System.nanoTime();
        try (ProgressBar bar = progressBar();
                HessianOperator operator = loss.openHessian()) {
            SymmetricOperator hessian = operator.observed(() -> {
                products[0]++;
                if (bar != null) {
                    bar.step();
                }
            });
            long start = System.nanoTime();
            json.put("loss", loss.value());

            task(bar, "top-" + topK);
            PowerIteration.Result top = PowerIteration.builder()
                    .setOperator(hessian)
                    .optTopK(topK)
                    .optMaxIterations(iterations)
                    .optTolerance(tolerance)
                    .optSeed(seeds.of(Seeds.Stream.HESSIAN, 1))
                    .build()
                    .run();
            double[] eigenvalues = top.descending();
            json.put(RunKeys.Hessian.EIGENVALUES, eigenvalues);
            json.put(RunKeys.Hessian.LAMBDA_MAX, eigenvalues[0]);
            if (topK > 1) {
                json.put("lambda_k", eigenvalues[topK - 1]);
                json.put("lambda_max_over_lambda_k", eigenvalues[0] / eigenvalues[topK - 1]);
            }
            json.put("power_iteration", powerIteration(top));
            timings.put("top_k_seconds", seconds(start));
            System.out.printf(Locale.ROOT, "top-%d eigenvalues: %s%n", topK, format(eigenvalues));

            if (min) {
                start = System.nanoTime();
                task(bar, "lambda min");
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
                System.out.printf(
                        Locale.ROOT,
                        "lambda_min %.6g, |lambda_max/lambda_min| %.4g%s%n",
                        smallest.value(),
                        Math.abs(eigenvalues[0] / smallest.value()),
                        smallest.converged() ? "" : " (not converged)");
            }
            if (trace) {
                start = System.nanoTime();
                task(bar, "trace");
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
                System.out.printf(
                        Locale.ROOT, "trace %.6g ± %.3g (%d probes)%n", t.estimate(), t.standardError(), t.probes());
            }
            if (density) {
                start = System.nanoTime();
                task(bar, "density");
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
            System.out.printf(
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
        timings.put("total_seconds", seconds(totalStart));
        timings.put("hessian_vector_products", products[0]);
        timings.put("seconds_per_product", products[0] == 0 ? null : seconds(totalStart) / products[0]);
        json.put("timings", timings);
        run.writeJson(JSON, json);
        System.out.printf(
                Locale.ROOT,
                "%d Hessian-vector products in %.1f s -> %s%s%n",
                products[0],
                seconds(totalStart),
                run.file(JSON),
                density ? ", " + run.file(PNG) : "");
        return 0;
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
        s.put("threads", engine.threads());
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

    /** The number of products each part needs at most: the bar's length (parts that converge early finish it sooner). */
    private long plannedProducts() {
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

    private ProgressBar progressBar() {
        if (System.console() == null) {
            return null;
        }
        return new ProgressBarBuilder()
                .setTaskName("hessian")
                .setInitialMax(plannedProducts())
                .setStyle(ProgressBarStyle.ASCII)
                .setUnit(" Hv", 1)
                .setUpdateIntervalMillis(500)
                .continuousUpdate()
                .build();
    }

    private static void task(ProgressBar bar, String name) {
        if (bar != null) {
            bar.setExtraMessage(" " + name);
        }
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
}
