package io.sam4j.cli.command;

import io.sam4j.cli.UserError;
import io.sam4j.cli.run.HessianAnalysis;
import io.sam4j.cli.run.TrainedRun;
import java.nio.file.Path;
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
 * {@code hessian.json} and {@code hessian-density.png}. The measurement is {@link HessianAnalysis}'s; this
 * command reads the flags and draws the progress bar.
 */
@Command(
        name = "hessian",
        footerHeading = "%nExamples:%n",
        footer = {"  sam4j hessian runs/looksam", "  sam4j hessian runs/looksam --top-k 5 --min --trace --density"},
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Hessian spectrum of a run's checkpoint: top-k eigenvalues (always), and with flags the smallest"
                    + " eigenvalue, the trace and the spectral density.",
            "Writes hessian.json (and hessian-density.png) into RUN_DIR."
        })
public final class HessianCommand implements Callable<Integer> {

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
        HessianAnalysis analysis = HessianAnalysis.builder()
                .optBatches(batches)
                .optBatchSize(batchSize)
                .optTopK(topK)
                .optIterations(iterations)
                .optTolerance(tolerance)
                .optMin(min)
                .optTrace(trace)
                .optProbes(probes)
                .optDensity(density)
                .optLanczosSteps(lanczosSteps)
                .optSeed(seed.given())
                .optGraphMemory(graphMemory)
                .optThreads(engine.threads())
                .build();
        engine.apply();
        try (TrainedRun trained = TrainedRun.open(runDir, data.choice(), engine.device());
                ProgressBar bar = output.quiet() ? null : progressBar(analysis.plannedProducts())) {
            analysis.run(trained, System.out, observer(bar));
            return 0;
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

    /** A bar as long as the most products the parts need (parts that converge early finish it sooner). */
    private static ProgressBar progressBar(long plannedProducts) {
        if (System.console() == null) {
            return null;
        }
        return new ProgressBarBuilder()
                .setTaskName("hessian")
                .setInitialMax(plannedProducts)
                .setStyle(ProgressBarStyle.ASCII)
                .setUnit(" Hv", 1)
                .setUpdateIntervalMillis(500)
                .continuousUpdate()
                .build();
    }

    private static HessianAnalysis.Observer observer(ProgressBar bar) {
        if (bar == null) {
            return HessianAnalysis.Observer.none();
        }
        return new HessianAnalysis.Observer() {
            @Override
            public void task(String name) {
                bar.setExtraMessage(" " + name);
            }

            @Override
            public void product() {
                bar.step();
            }
        };
    }
}
