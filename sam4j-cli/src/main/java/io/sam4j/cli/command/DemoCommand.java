package io.sam4j.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.sam4j.analysis.ProgressListener;
import io.sam4j.cli.UserError;
import io.sam4j.cli.report.ReportWriter;
import io.sam4j.cli.run.RunDirectory;
import io.sam4j.cli.run.RunHessian;
import io.sam4j.cli.run.TrainedRun;
import io.sam4j.cli.run.Training;
import io.sam4j.cli.spec.ConfigFiles;
import io.sam4j.cli.spec.Origin;
import io.sam4j.cli.spec.RunSpec;
import io.sam4j.cli.spec.SettingValues;
import io.sam4j.cli.spec.Settings;
import io.sam4j.cli.spec.SpecResolver;
import io.sam4j.core.sam.SamMethods;
import io.sam4j.report.model.ReportModel;
import io.sam4j.report.text.Headline;
import io.sam4j.zoo.data.DatasetCatalog;
import io.sam4j.zoo.data.DatasetLocator;
import io.sam4j.zoo.data.EmbeddedSubset;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sam4j demo}: SGD and SAM side by side on Fashion-MNIST with noisy training labels, a few minutes
 * on two cores, then the report that compares them.
 *
 * <p>The default setting is the SAM paper's robustness-to-label-noise test (Foret et al., ICLR 2021, §3.3
 * and Table 4: a share of the CIFAR-10 training labels replaced by wrong ones, ResNet-32) made small enough
 * for a CPU: 40% symmetric noise on 2,000 Fashion-MNIST images, 15 epochs of the small CNN. SGD memorizes the
 * wrong labels, SAM (ρ = 0.1) resists them, and test labels stay clean, so the test error shows which
 * generalizes. {@code --label-noise 0} gives the clean-label comparison.
 *
 * <p>The runs go one after the other in this process (one training at a time per JVM), seed by seed and
 * SGD before SAM, so an interrupted demo still holds matched pairs. After each training the top eigenvalue
 * of the run's training-loss Hessian is measured ({@link RunHessian}, Lanczos on the Hessian of the
 * mean loss over a fixed sample of {@value RunHessian.Sample#DEFAULT_EXAMPLES} training examples with their
 * noisy labels, as {@code sam4j hessian} measures it by default), for the flatness line.
 */
@Command(
        name = "demo",
        footerHeading = "%nExamples:%n",
        footer = {"  sam4j demo", "  sam4j demo --seeds 4-6 --no-hessian"},
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "SGD vs SAM on Fashion-MNIST with 40%% wrong training labels (the SAM paper's label-noise test).",
            "About 3 minutes on 2 quiet cores, then the report: does SAM generalize better, and is its minimum flatter?",
            "Default: the small CNN, " + DemoCommand.DEFAULT_TRAIN_LIMIT + " training and "
                    + DemoCommand.DEFAULT_TEST_LIMIT + " test images, " + DemoCommand.DEFAULT_EPOCHS + " epochs, seeds "
                    + DemoCommand.DEFAULT_SEEDS + "."
        })
public final class DemoCommand implements Callable<Integer> {

    static final int DEFAULT_TRAIN_LIMIT = 2_000;
    static final int DEFAULT_TEST_LIMIT = 1_000;
    static final int DEFAULT_EPOCHS = 15;
    static final String DEFAULT_SEEDS = "1-3";
    static final double DEFAULT_LABEL_NOISE = 0.4;
    static final double DEFAULT_RHO = 0.1;
    static final int MAX_SEEDS = 20;

    private static final Pattern SEED_RANGE = Pattern.compile("(\\d{1,9})(?:-(\\d{1,9}))?");

    @Mixin
    OutputOptions output;

    @Mixin
    RunDataOptions data;

    @Mixin
    EngineOptions engine;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Folder for the runs and report.html (default: runs/demo-TIMESTAMP).")
    Path out;

    @Option(names = "--epochs", description = "Epochs per run (default: " + DEFAULT_EPOCHS + ").")
    int epochs = DEFAULT_EPOCHS;

    @Option(
            names = "--train-limit",
            paramLabel = "N",
            description = "Training images, a seeded class-stratified subset (default: " + DEFAULT_TRAIN_LIMIT + ").")
    int trainLimit = DEFAULT_TRAIN_LIMIT;

    @Option(
            names = "--test-limit",
            paramLabel = "N",
            description = "Test images, a seeded class-stratified subset (default: " + DEFAULT_TEST_LIMIT + ").")
    int testLimit = DEFAULT_TEST_LIMIT;

    @Option(
            names = "--seeds",
            paramLabel = "N|FIRST-LAST",
            description = "Seeds of each method: N means 1-N; three or more give informative 95%% intervals"
                    + " (default: " + DEFAULT_SEEDS + ").")
    String seeds = DEFAULT_SEEDS;

    @Option(
            names = "--label-noise",
            paramLabel = "P",
            description = "Share of training labels replaced by a random other class; 0 compares on clean labels"
                    + " (default: " + DEFAULT_LABEL_NOISE + ").")
    double labelNoise = DEFAULT_LABEL_NOISE;

    @Option(names = "--rho", description = "SAM's radius ρ (default: " + DEFAULT_RHO + ").")
    double rho = DEFAULT_RHO;

    @Option(names = "--dataset", description = "Dataset (default: ${DEFAULT-VALUE}).")
    String dataset = Settings.DATASET.defaultValue();

    @Option(names = "--model", description = "Model (default: ${DEFAULT-VALUE}).")
    String model = Settings.MODEL.defaultValue();

    @Option(
            names = "--hessian",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description = "Measure each run's top Hessian eigenvalue λmax, so the report can say which minimum is"
                    + " flatter (default: on; --no-hessian skips it).")
    boolean hessian;

    @Override
    public Integer call() throws IOException {
        List<Long> seedList = parseSeeds(seeds);
        Path dir = out != null ? out : defaultDir();
        if (Files.exists(dir) && !RunDirectory.isEmptyDirectory(dir)) {
            throw new UserError("--out " + dir + " already exists and is not empty; choose another folder");
        }
        // Check every setting before the first minute of training.
        List<RunSpec> configs = new ArrayList<>();
        for (long seed : seedList) {
            configs.add(config("none", seed));
            configs.add(config("sam", seed));
        }
        PrintStream console = System.out;
        printHeader(console, seedList, dir);
        // Training and the Hessian print nothing: the demo reports each run in one line.
        PrintStream silent = new PrintStream(OutputStream.nullOutputStream());
        // The default sample of 'sam4j hessian', the same for every run (its seed is the run's), so the
        // comparison of SGD's and SAM's λmax is like for like and a second 'sam4j hessian RUN' repeats it.
        RunHessian curvature = new RunHessian(RunHessian.Sample.DEFAULT, null, b -> b, null, engine.threads());
        long start = System.nanoTime();
        for (int i = 0; i < configs.size(); i++) {
            RunSpec config = configs.get(i);
            String method = method(config);
            RunDirectory run = new RunDirectory(
                    dir.resolve(method).resolve("seed-" + config.run().seed()));
            run.createNew();
            long runStart = System.nanoTime();
            new Training(config, run, false, null, true, silent).run();
            String lambdaMax = "";
            if (hessian) {
                try (TrainedRun trained = TrainedRun.open(run.root(), data.choice(), engine.device())) {
                    lambdaMax = String.format(
                            Locale.ROOT,
                            "  λmax %6.1f",
                            curvature.run(trained, null, ProgressListener.NONE).lambdaMax());
                }
            }
            JsonNode summary =
                    ConfigFiles.JSON.readTree(run.file(RunDirectory.SUMMARY).toFile());
            console.printf(
                    Locale.ROOT,
                    "[%d/%d] %-3s seed %-2d  test %5.1f%%  train %5.1f%%%s  %4.0f s%n",
                    i + 1,
                    configs.size(),
                    method.toUpperCase(Locale.ROOT),
                    config.run().seed(),
                    100 * summary.path("test_accuracy").asDouble(),
                    100 * summary.path("train_accuracy").asDouble(),
                    lambdaMax,
                    (System.nanoTime() - runStart) / 1e9);
        }
        Path page = dir.resolve("report.html");
        ReportModel report = ReportWriter.load(List.of(dir));
        // The report names the task from the runs' configs: methods, dataset, size, label noise, epochs.
        ReportWriter.writeHtml(report, page, null);
        printResult(console, report, page, start);
        return 0;
    }

    /** The demo's runs: only the method and the seed differ; resolved as 'sam4j train' resolves its flags. */
    private RunSpec config(String sam, long seed) {
        SettingValues values = SettingValues.empty()
                .with(Settings.SAM, SamMethods.named(sam), Origin.FLAG)
                .with(Settings.SEED, seed, Origin.FLAG)
                .with(Settings.EPOCHS, epochs, Origin.FLAG)
                .with(Settings.TRAIN_LIMIT, trainLimit, Origin.FLAG)
                .with(Settings.TEST_LIMIT, testLimit, Origin.FLAG)
                .with(Settings.LABEL_NOISE, labelNoise, Origin.FLAG)
                .with(Settings.DATASET, Settings.DATASET.parse(dataset, Origin.FLAG), Origin.FLAG)
                .with(Settings.MODEL, Settings.MODEL.parse(model, Origin.FLAG), Origin.FLAG)
                .with(Settings.THREADS, engine.threads(), Origin.FLAG);
        if (SamMethods.named(sam).parameters().stream().anyMatch(p -> p.name().equals(Settings.RHO.name()))) {
            // SGD's run reads no rho: giving it one would print a note and record nothing.
            values = values.with(Settings.RHO, rho, Origin.FLAG);
        }
        if (data.dataDir() != null) {
            values = values.with(Settings.DATA_DIR, data.dataDir(), Origin.FLAG);
        }
        if (engine.device() != null) {
            values = values.with(Settings.DEVICE, Settings.DEVICE.parse(engine.device(), Origin.FLAG), Origin.FLAG);
        }
        return SpecResolver.newRun(SpecResolver.Given.flags(values));
    }

    private void printHeader(PrintStream console, List<Long> seedList, Path dir) {
        String seedText = seedList.size() == 1
                ? "seed " + seedList.get(0)
                : "seeds " + seedList.get(0) + "-" + seedList.get(seedList.size() - 1);
        if (labelNoise > 0) {
            console.printf(
                    Locale.ROOT,
                    "sam4j demo: does SAM (rho %s) generalize better than SGD when %s%% of the training labels are"
                            + " wrong?%n",
                    rho,
                    percent(labelNoise));
            console.printf(
                    Locale.ROOT,
                    "  The SAM paper's label-noise test (Table 4, CIFAR-10) at CPU size: %s on %,d %s images whose"
                            + " labels are%n  %s%% replaced by a random other class, %d epochs, %s; test labels"
                            + " stay clean. Train accuracy%n  is on the noisy labels: near 100%% means the wrong"
                            + " ones were memorized.%n",
                    model,
                    trainLimit,
                    dataset,
                    percent(labelNoise),
                    epochs,
                    seedText);
        } else {
            console.printf(
                    Locale.ROOT,
                    "sam4j demo: SGD vs SAM (rho %s) on %s with clean labels: %s, %,d training images, %d epochs,"
                            + " %s.%n  Short runs on clean labels often show no significant difference; the"
                            + " paper's gains come from long training.%n",
                    rho,
                    dataset,
                    model,
                    trainLimit,
                    epochs,
                    seedText);
        }
        if (hessian) {
            console.println("  λmax, the largest eigenvalue of the training loss's Hessian, measures how sharp each"
                    + " minimum is.");
        }
        dataNote().ifPresent(note -> console.println("  " + note));
        console.println("  -> " + dir);
    }

    /** One line when the runs will train on the subset shipped in the jar. */
    private Optional<String> dataNote() {
        if (!DatasetCatalog.contains(dataset)) {
            return Optional.empty();
        }
        return DatasetLocator.fromSystem()
                .find(DatasetCatalog.get(dataset), data.dataDir())
                .flatMap(EmbeddedSubset::in)
                .map(subset -> "data: " + dataset + " (" + subset.describe() + "), shipped with sam4j because no"
                        + " full copy is installed");
    }

    private static void printResult(PrintStream console, ReportModel report, Path page, long start) {
        Headline headline = Headline.of(report);
        console.println();
        headline.verdicts().forEach(console::println);
        List<String> details = headline.details();
        if (!report.comparisons().isEmpty()) {
            console.println("  " + details.get(0));
        }
        // The flatness sentence is always the last detail.
        console.println(details.get(details.size() - 1));
        long seconds = Math.round((System.nanoTime() - start) / 1e9);
        console.printf(
                Locale.ROOT,
                "report: %s (open it in a browser); the demo took %d min %02d s%n",
                page.toAbsolutePath(),
                seconds / 60,
                seconds % 60);
        Path dir = page.toAbsolutePath().getParent();
        console.println("next: tensorboard --logdir " + dir + "   or   sam4j report " + dir + " --markdown");
    }

    /**
     * @param text {@code N} (seeds 1 to N) or {@code FIRST-LAST}
     * @return the seeds in order
     * @throws UserError for anything else, a first seed below 1 or more than {@value #MAX_SEEDS} seeds
     */
    static List<Long> parseSeeds(String text) {
        Matcher m = SEED_RANGE.matcher(text.strip());
        if (!m.matches()) {
            throw new UserError("--seeds must be N or FIRST-LAST (e.g. 3 or 4-6) but was '" + text + "'");
        }
        long first = m.group(2) == null ? 1 : Long.parseLong(m.group(1));
        long last = Long.parseLong(m.group(m.group(2) == null ? 1 : 2));
        if (first < 1 || last < first || last - first + 1 > MAX_SEEDS) {
            throw new UserError(
                    "--seeds must name 1 to " + MAX_SEEDS + " seeds from 1 up (e.g. 3 or 4-6) but was '" + text + "'");
        }
        List<Long> list = new ArrayList<>();
        for (long s = first; s <= last; s++) {
            list.add(s);
        }
        return list;
    }

    private static String method(RunSpec config) {
        return config.sam().isBase() ? "sgd" : config.sam().method().name();
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f", 100 * share);
    }

    private static Path defaultDir() {
        return Path.of("runs", "demo-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }
}
