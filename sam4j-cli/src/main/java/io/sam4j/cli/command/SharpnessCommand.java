package io.sam4j.cli.command;

import ai.djl.ndarray.NDManager;
import io.sam4j.analysis.sharpness.EpsilonSharpness;
import io.sam4j.analysis.sharpness.SharpnessResult;
import io.sam4j.cli.UserError;
import io.sam4j.cli.run.AnalysisProgress;
import io.sam4j.cli.run.RunDirectory;
import io.sam4j.cli.run.TrainedRun;
import io.sam4j.cli.spec.RunSpec;
import io.sam4j.core.loss.SmoothedCrossEntropy;
import io.sam4j.core.random.Seeds;
import io.sam4j.core.run.RunFiles;
import io.sam4j.core.run.RunKeys;
import io.sam4j.core.train.Batch;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sam4j sharpness RUN_DIR}: the ε-sharpness of a run's weights, max over the ball ‖δ‖ ≤ ρ (or ASAM's
 * adaptive ball) of L(w + δ) − L(w), by projected gradient ascent, optionally as m-sharpness.
 */
@Command(
        name = "sharpness",
        footerHeading = "%nExamples:%n",
        footer = {"  sam4j sharpness runs/looksam", "  sam4j sharpness runs/looksam --rho 0.1 --adaptive"},
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Measure the epsilon-sharpness of a run: max over ||delta|| <= rho of L(w + delta) - L(w),"
                    + " by projected gradient ascent (Keskar et al. 2017; m-sharpness of Foret et al. 2021; the"
                    + " adaptive ball of ASAM, Kwon et al. 2021).",
            "Writes sharpness.json."
        })
public final class SharpnessCommand implements Callable<Integer> {

    @Mixin
    OutputOptions output;

    @Mixin
    AnalysisOptions analysis;

    @Option(names = "--rho", description = "Radius of the ball (default: 0.05).")
    double rho = 0.05;

    @Option(names = "--steps", description = "Projected gradient ascent steps (default: 10).")
    int steps = 10;

    @Option(
            names = "--step-size",
            paramLabel = "FRACTION",
            description = "Length of each step as a fraction of rho (default: 1, the first step is SAM's).")
    double stepSize = 1;

    @Option(
            names = "--m",
            paramLabel = "M",
            description =
                    "m-sharpness: the mean over groups of M examples (M <= --batch-size; default: one group, the whole sample).")
    int m;

    @Option(names = "--adaptive", description = "Use ASAM's adaptive ball ||delta / (|w| + eta)|| <= rho.")
    boolean adaptive;

    @Option(names = "--eta", description = "Eta of the adaptive ball (default: 0.01).")
    double eta = 0.01;

    @Override
    public Integer call() {
        analysis.validate();
        if (!(rho > 0) || !Double.isFinite(rho)) {
            throw new UserError("--rho must be > 0 but was " + rho);
        }
        AnalysisOptions.atLeast("--steps", steps, 1);
        AnalysisOptions.atLeast("--m", m, 0);
        if (!(stepSize > 0) || !Double.isFinite(stepSize)) {
            throw new UserError("--step-size must be > 0 but was " + stepSize);
        }
        if (!(eta >= 0) || !Double.isFinite(eta)) {
            throw new UserError("--eta must be >= 0 but was " + eta);
        }
        if (m > analysis.batchSize) {
            throw new UserError("--m " + m + " must be at most --batch-size " + analysis.batchSize
                    + " (groups are cut from batches)");
        }
        if (m > analysis.samples) {
            throw new UserError("--m " + m + " must be at most --samples " + analysis.samples);
        }
        analysis.applyThreads();
        try (TrainedRun trained = TrainedRun.open(analysis.runDir, analysis.data.choice(), analysis.engine.device());
                NDManager manager = NDManager.newBaseManager()) {
            RunSpec config = trained.spec();
            long seed = analysis.seed.orElse(config.run().seed());
            Seeds seeds = new Seeds(seed);
            List<Batch> sample = trained.data()
                    .trainSample(analysis.samples, analysis.batchSize, seeds.of(Seeds.Stream.ANALYSIS, 0));
            long start = System.nanoTime();
            SharpnessResult result;
            try (AnalysisProgress progress = AnalysisProgress.onConsole("sharpness", output.quiet())) {
                result = EpsilonSharpness.builder()
                        .setBlock(trained.block())
                        .setParameters(trained.parameters())
                        .setLoss(new SmoothedCrossEntropy(0))
                        .setManager(manager)
                        .optRho(rho)
                        .optSteps(steps)
                        .optStepSize(stepSize)
                        .optAdaptive(adaptive)
                        .optEta(eta)
                        .optGroupSize(m)
                        .optSeed(seeds.of(Seeds.Stream.ANALYSIS, 2))
                        .optListener(progress)
                        .build()
                        .measure(sample);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            int examples = sample.stream().mapToInt(Batch::size).sum();
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("sharpness", result.sharpness());
            json.put("loss", result.loss());
            json.put("max_loss", result.maxLoss());
            json.put("keskar_percent", result.keskarPercent());
            json.put("groups", result.groups());
            json.put("group_size", result.groupSize());
            json.put("per_group", result.perGroup());
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("run", analysis.runDir.toString());
            settings.put("model", config.model().name());
            settings.put("dataset", config.data().dataset());
            settings.put("epoch", trained.epoch());
            settings.put("data", trained.dataRecord());
            settings.put("ball", adaptive ? "adaptive" : "l2");
            settings.put("rho", rho);
            if (adaptive) {
                settings.put("eta", eta);
            }
            settings.put("steps", steps);
            settings.put("step_size", stepSize);
            settings.put("m", m > 0 ? m : null);
            settings.put("samples", examples);
            settings.put("batch_size", analysis.batchSize);
            settings.put("seed", seed);
            settings.put("threads", analysis.engine.threads());
            json.put(RunKeys.Sharpness.SETTINGS, settings);
            json.put(RunKeys.Sharpness.SECONDS, seconds);
            new RunDirectory(analysis.outDir()).writeJson(RunFiles.SHARPNESS, json);
            System.out.printf(
                    Locale.ROOT,
                    "sharpness (%s ball, rho %s, %d steps%s) on %d examples: %.5f (loss %.4f -> %.4f) in %.1f s -> %s%n",
                    adaptive ? "adaptive" : "l2",
                    rho,
                    steps,
                    m > 0 ? ", m " + m + ", " + result.groups() + " groups" : "",
                    examples,
                    result.sharpness(),
                    result.loss(),
                    result.maxLoss(),
                    seconds,
                    analysis.outDir().resolve(RunFiles.SHARPNESS));
            return 0;
        }
    }
}
