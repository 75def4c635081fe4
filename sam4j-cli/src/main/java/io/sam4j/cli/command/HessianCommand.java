package io.sam4j.cli.command;

import io.sam4j.cli.UserError;
import io.sam4j.cli.run.AnalysisProgress;
import io.sam4j.cli.run.RunHessian;
import io.sam4j.cli.run.TrainedRun;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sam4j hessian RUN_DIR}: the curvature of a run's last checkpoint — top eigenvalues,
 * smallest eigenvalue, trace and spectral density of the training loss's Hessian — into
 * {@code hessian.json} and {@code hessian-density.png}. The measurement is {@link RunHessian}'s; this command
 * reads the flags and draws the progress bar.
 */
@Command(
        name = "hessian",
        footerHeading = "%nExamples:%n",
        footer = {
            "  sam4j hessian runs/looksam --sample-seed 2",
            "  sam4j hessian runs/looksam --top-k 5 --min --trace --density"
        },
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
            names = "--examples",
            paramLabel = "N",
            description = "Training examples the loss averages over, a seeded class-stratified sample (all of"
                    + " them if fewer; default: " + RunHessian.Sample.DEFAULT_EXAMPLES + ").")
    int examples = RunHessian.Sample.DEFAULT_EXAMPLES;

    @Option(
            names = "--batch-size",
            paramLabel = "B",
            description = "Examples per batch; the memory of a kept graph, not the figures (default: "
                    + RunHessian.Sample.DEFAULT_BATCH_SIZE + ").")
    int batchSize = RunHessian.Sample.DEFAULT_BATCH_SIZE;

    @Option(
            names = "--sample-seed",
            paramLabel = "S",
            description = "Seed of the sample alone: another S draws other examples (default: --seed).")
    Long sampleSeed;

    @Option(names = "--top-k", paramLabel = "K", description = "Largest eigenvalues to find, by Lanczos (default: 1).")
    int topK = 1;

    @Option(
            names = "--iterations",
            paramLabel = "N",
            description = "Most Lanczos steps, for the top-K and for --min (default: 100).")
    int iterations = 100;

    @Option(
            names = "--tolerance",
            paramLabel = "T",
            description = "Residual bound, relative to the eigenvalue, that counts as converged (default: 1e-3).")
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
        RunHessian hessian = new RunHessian(
                new RunHessian.Sample(examples, batchSize, sampleSeed),
                seed.given(),
                b -> b.optTopK(topK)
                        .optIterations(iterations)
                        .optTolerance(tolerance)
                        .optMin(min)
                        .optTrace(trace)
                        .optProbes(probes)
                        .optDensity(density)
                        .optLanczosSteps(lanczosSteps),
                graphMemory,
                engine.threads());
        engine.apply();
        try (TrainedRun trained = TrainedRun.open(runDir, data.choice(), engine.device());
                AnalysisProgress bar = AnalysisProgress.onConsole("hessian", output.quiet())) {
            hessian.run(trained, System.out, bar);
            return 0;
        }
    }

    private void validate() {
        atLeast("--examples", examples, 1);
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
}
