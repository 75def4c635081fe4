package io.sam4j.cli.command;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.sam4j.analysis.landscape.AxisRange;
import io.sam4j.analysis.landscape.Directions;
import io.sam4j.analysis.landscape.IgnoreMode;
import io.sam4j.analysis.landscape.Landscape;
import io.sam4j.analysis.landscape.LandscapeScan;
import io.sam4j.analysis.landscape.ModelWeights;
import io.sam4j.analysis.landscape.SampleEvaluator;
import io.sam4j.analysis.plot.ContourPlot;
import io.sam4j.analysis.plot.LinePlot;
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
import io.sam4j.core.util.AtomicFiles;
import io.sam4j.core.util.Suggestions;
import io.sam4j.report.html.LandscapePage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sam4j landscape RUN_DIR}: the loss landscape around a run's weights along filter-normalized random
 * directions (1-D, 2-D), or along the line to a second run, written as JSON, PNG and an offline HTML page.
 */
@Command(
        name = "landscape",
        footerHeading = "%nExamples:%n",
        footer = {"  sam4j landscape runs/looksam", "  sam4j landscape runs/sgd --mode interp --other runs/looksam"},
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Plot the loss landscape of a run (Li et al. 2018): along one or two filter-normalized"
                    + " random directions, or on the line to another run (--mode interp --other RUN_DIR2).",
            "Writes landscape-MODE.json, landscape-MODE.png and landscape-MODE.html."
        })
public final class LandscapeCommand implements Callable<Integer> {

    static final List<String> MODES = List.of("1d", "2d", "interp");
    static final int CONTOUR_BANDS = 20;

    @Mixin
    OutputOptions output;

    @Mixin
    AnalysisOptions analysis;

    @Option(names = "--mode", description = "1d, 2d or interp (default: 1d).")
    String mode = "1d";

    @Option(
            names = "--range",
            paramLabel = "FROM:TO:N",
            description = "Coordinates along each direction (default: -1:1:51; interp: -0.5:1.5:81).")
    String range;

    @Option(
            names = "--range-y",
            paramLabel = "FROM:TO:N",
            description = "2d only: coordinates along the second direction (default: --range).")
    String rangeY;

    @Option(
            names = "--ignore",
            description = "biasbn (zero biases and BatchNorm parameters in the directions) or none (default: biasbn).")
    String ignore = "biasbn";

    @Option(names = "--other", paramLabel = "RUN_DIR2", description = "interp only: the run at α = 1.")
    Path other;

    @Override
    public Integer call() {
        if (!MODES.contains(mode)) {
            throw new UserError("--mode must be one of 1d, 2d, interp but was '" + mode + "'"
                    + Suggestions.didYouMean(mode, MODES));
        }
        analysis.validate();
        AxisRange xRange =
                parseRange("--range", range != null ? range : mode.equals("interp") ? "-0.5:1.5:81" : "-1:1:51");
        AxisRange yRange = null;
        if (mode.equals("2d")) {
            yRange = rangeY != null ? parseRange("--range-y", rangeY) : xRange;
        } else if (rangeY != null) {
            throw new UserError("--range-y applies only to --mode 2d, not " + mode);
        }
        IgnoreMode ignoreMode;
        try {
            ignoreMode = IgnoreMode.parse(ignore);
        } catch (IllegalArgumentException e) {
            throw new UserError("--ignore " + e.getMessage());
        }
        if (mode.equals("interp") && other == null) {
            throw new UserError("--mode interp needs --other RUN_DIR2, the run at α = 1");
        }
        if (!mode.equals("interp") && other != null) {
            throw new UserError("--other applies only to --mode interp, not " + mode);
        }
        analysis.applyThreads();
        long loadStart = System.nanoTime();
        try (NDManager manager = NDManager.newBaseManager()) {
            OtherRun second = mode.equals("interp") ? loadOther(manager) : null;
            try (TrainedRun trained =
                    TrainedRun.open(analysis.runDir, analysis.data.choice(), analysis.engine.device())) {
                RunSpec config = trained.spec();
                if (second != null) {
                    checkSameTask(config, second.spec());
                }
                long seed = analysis.seed.orElse(config.run().seed());
                Seeds seeds = new Seeds(seed);
                List<Batch> sample = trained.data()
                        .trainSample(analysis.samples, analysis.batchSize, seeds.of(Seeds.Stream.ANALYSIS, 0));
                double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
                try (SampleEvaluator evaluator =
                                new SampleEvaluator(trained.block(), new SmoothedCrossEntropy(0), sample, manager);
                        AnalysisProgress progress = AnalysisProgress.onConsole("landscape " + mode, output.quiet())) {
                    LandscapeScan scan = LandscapeScan.builder()
                            .setParameters(trained.parameters())
                            .setEvaluator(evaluator)
                            .setManager(manager)
                            .optListener(progress)
                            .build();
                    long scanStart = System.nanoTime();
                    double cpuStart = processCpuSeconds();
                    Landscape landscape;
                    if (second != null) {
                        ModelWeights first = ModelWeights.copyOf(trained.parameters(), manager);
                        try {
                            second.weights().checkFits(trained.parameters());
                        } catch (IllegalArgumentException e) {
                            throw new UserError("--other " + other + " cannot be interpolated with " + analysis.runDir
                                    + ": " + e.getMessage());
                        }
                        landscape = scan.interpolation(first, second.weights(), xRange);
                    } else {
                        NDList theta = trained.parameters().copyTrainable(manager);
                        NDList d1 = Directions.randomFilterNormalized(
                                theta, seeds.of(Seeds.Stream.ANALYSIS, 1, 0), ignoreMode, manager);
                        if (mode.equals("1d")) {
                            landscape = scan.line(d1, xRange);
                        } else {
                            NDList d2 = Directions.randomFilterNormalized(
                                    theta, seeds.of(Seeds.Stream.ANALYSIS, 1, 1), ignoreMode, manager);
                            landscape = scan.plane(d1, d2, xRange, yRange);
                        }
                    }
                    double scanSeconds = (System.nanoTime() - scanStart) / 1e9;
                    double scanCpuSeconds = processCpuSeconds() - cpuStart;
                    progress.close();
                    Map<String, Object> settings =
                            settings(trained, config, xRange, yRange, ignoreMode, seed, evaluator.examples());
                    write(landscape, settings, loadSeconds, scanSeconds, scanCpuSeconds);
                    summarize(landscape, evaluator.examples(), scanSeconds);
                }
            }
        }
        return 0;
    }

    private record OtherRun(RunSpec spec, ModelWeights weights, int epoch) {}

    /** Copies the other run's weights out of its model, so that only one model is alive at a time. */
    private OtherRun loadOther(NDManager manager) {
        try (TrainedRun run = TrainedRun.open(other, analysis.data.choice(), analysis.engine.device())) {
            return new OtherRun(run.spec(), ModelWeights.copyOf(run.parameters(), manager), run.epoch());
        }
    }

    private void checkSameTask(RunSpec first, RunSpec second) {
        String firstModel = first.model().name();
        String secondModel = second.model().name();
        String firstData = first.data().dataset();
        String secondData = second.data().dataset();
        if (!firstModel.equals(secondModel) || !firstData.equals(secondData)) {
            throw new UserError("--other " + other + " trained " + secondModel + " on " + secondData + " but "
                    + analysis.runDir + " trained " + firstModel + " on " + firstData
                    + "; interpolation needs the same model and dataset");
        }
    }

    private static AxisRange parseRange(String flag, String text) {
        try {
            return AxisRange.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UserError(flag + " " + e.getMessage());
        }
    }

    private Map<String, Object> settings(
            TrainedRun trained,
            RunSpec config,
            AxisRange xRange,
            AxisRange yRange,
            IgnoreMode ignoreMode,
            long seed,
            int examples) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("run", analysis.runDir.toString());
        if (other != null) {
            s.put("other", other.toString());
        }
        s.put("model", config.model().name());
        s.put("dataset", config.data().dataset());
        s.put("epoch", trained.epoch());
        s.put("data", trained.dataRecord());
        s.put("range", xRange.toString());
        if (yRange != null) {
            s.put("range_y", yRange.toString());
        }
        if (!mode.equals("interp")) {
            s.put("ignore", ignoreMode.label());
            s.put("normalization", "filter");
        }
        s.put("samples", examples);
        s.put("batch_size", analysis.batchSize);
        s.put("seed", seed);
        s.put("threads", analysis.engine.threads());
        return s;
    }

    private void write(
            Landscape landscape,
            Map<String, Object> settings,
            double loadSeconds,
            double scanSeconds,
            double scanCpuSeconds) {
        Path dir = analysis.outDir();
        String base = RunFiles.landscape(mode);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put(RunKeys.Landscape.MODE, mode);
        json.put(RunKeys.Landscape.X, LandscapePage.finite(landscape.x()));
        if (landscape.isPlane()) {
            json.put(RunKeys.Landscape.Y, LandscapePage.finite(landscape.y()));
            json.put(RunKeys.Landscape.LOSS, LandscapePage.finite(landscape.loss()));
            json.put(RunKeys.Landscape.ACCURACY, LandscapePage.finite(landscape.accuracy()));
        } else {
            json.put(RunKeys.Landscape.LOSS, LandscapePage.finite(landscape.lossLine()));
            json.put(RunKeys.Landscape.ACCURACY, LandscapePage.finite(landscape.accuracyLine()));
        }
        json.put(RunKeys.Landscape.SETTINGS, settings);
        int points = landscape.x().length * (landscape.isPlane() ? landscape.y().length : 1);
        Map<String, Object> timings = new LinkedHashMap<>();
        timings.put("load_seconds", loadSeconds);
        timings.put("scan_seconds", scanSeconds);
        // CPU time of the whole process (all PyTorch threads) during the scan: on a shared machine it
        // says what the scan costs when wall time says mostly how busy the neighbours were.
        timings.put("scan_cpu_seconds", scanCpuSeconds);
        timings.put("points", points);
        timings.put("seconds_per_point", scanSeconds / points);
        json.put(RunKeys.Landscape.TIMINGS, timings);
        new RunDirectory(dir).writeJson(base + ".json", json);

        String title = switch (mode) {
            case "1d" -> "loss along a filter-normalized random direction";
            case "2d" -> "loss around the trained weights (filter-normalized directions)";
            default ->
                "loss on the line from " + analysis.runDir.getFileName() + " (α = 0) to " + other.getFileName()
                        + " (α = 1)";
        };
        byte[] png;
        String html;
        if (landscape.isPlane()) {
            png = ContourPlot.png(title, landscape.x(), landscape.y(), landscape.loss(), CONTOUR_BANDS);
            html = LandscapePage.surface(
                    title, landscape.x(), landscape.y(), landscape.loss(), landscape.accuracy(), settings);
        } else {
            png = LinePlot.png(title, "α", landscape.x(), landscape.lossLine(), landscape.accuracyLine());
            html = LandscapePage.line(
                    title, "α", landscape.x(), landscape.lossLine(), landscape.accuracyLine(), settings);
        }
        try {
            AtomicFiles.write(dir.resolve(base + ".png"), o -> o.write(png));
            AtomicFiles.writeString(dir.resolve(base + ".html"), html);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(base + ".*"), e);
        }
    }

    private void summarize(Landscape landscape, int examples, double seconds) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int points = 0;
        for (double[] row : landscape.loss()) {
            for (double v : row) {
                min = Math.min(min, v);
                max = Math.max(max, v);
                points++;
            }
        }
        System.out.printf(
                Locale.ROOT,
                "landscape %s: %d points on %d examples in %.1f s; loss from %.4f to %.4f -> %s%n",
                mode,
                points,
                examples,
                seconds,
                min,
                max,
                analysis.outDir().resolve(RunFiles.landscape(mode) + ".{json,png,html}"));
    }

    /** Returns the CPU time of this process, or NaN where the JVM does not report it. */
    static double processCpuSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long nanos = os.getProcessCpuTime();
            return nanos >= 0 ? nanos / 1e9 : Double.NaN;
        }
        return Double.NaN;
    }
}
