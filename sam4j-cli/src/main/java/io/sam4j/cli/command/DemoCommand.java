package io.sam4j.cli.command;

import io.sam4j.cli.UserError;
import io.sam4j.cli.run.RunDirectory;
import io.sam4j.cli.run.Training;
import io.sam4j.cli.spec.Origin;
import io.sam4j.cli.spec.RunSpec;
import io.sam4j.cli.spec.SettingValues;
import io.sam4j.cli.spec.Settings;
import io.sam4j.cli.spec.SpecResolver;
import io.sam4j.core.sam.SamMethod;
import io.sam4j.core.sam.SamMethods;
import io.sam4j.report.model.ReportModel;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sam4j demo}: trains SGD and SAM side by side on a stratified Fashion-MNIST subset, a few
 * minutes on a laptop, and writes the report that compares them.
 *
 * <p>The runs go one after the other in this process (one training at a time per JVM), seed by seed
 * and SGD before SAM, so an interrupted demo still holds matched pairs.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Train SGD and SAM side by side on Fashion-MNIST for a few minutes, then write the report.",
            "Default: the small CNN, " + DemoCommand.DEFAULT_TRAIN_LIMIT + " training and "
                    + DemoCommand.DEFAULT_TEST_LIMIT + " test images, " + DemoCommand.DEFAULT_EPOCHS + " epochs, "
                    + DemoCommand.DEFAULT_SEEDS + " seeds per method."
        })
public final class DemoCommand implements Callable<Integer> {

    static final int DEFAULT_TRAIN_LIMIT = 10_000;
    static final int DEFAULT_TEST_LIMIT = 5_000;
    static final int DEFAULT_EPOCHS = 3;
    static final int DEFAULT_SEEDS = 2;
    static final int MAX_SEEDS = 20;

    @Mixin
    OutputOptions output;

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
            paramLabel = "N",
            description =
                    "Seeds per method, 1..N; two or more give confidence intervals (default: " + DEFAULT_SEEDS + ").")
    int seeds = DEFAULT_SEEDS;

    @Option(names = "--rho", description = "SAM's radius ρ (default: ${DEFAULT-VALUE}).")
    double rho = Settings.RHO.defaultValue();

    @Option(names = "--dataset", description = "Dataset (default: ${DEFAULT-VALUE}).")
    String dataset = Settings.DATASET.defaultValue();

    @Option(names = "--model", description = "Model (default: ${DEFAULT-VALUE}).")
    String model = Settings.MODEL.defaultValue();

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Root holding one folder per dataset.")
    Path dataDir;

    @Option(names = "--threads", description = "PyTorch intra-op threads (default: 2).")
    Integer threads;

    @Option(
            names = "--hessian",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description = "Measure each run's top Hessian eigenvalue (sam4j hessian), so the report can say which "
                    + "minimum is flatter (default: on; --no-hessian skips it).")
    boolean hessian;

    @Override
    public Integer call() throws IOException {
        if (seeds < 1 || seeds > MAX_SEEDS) {
            throw new UserError("--seeds must be between 1 and " + MAX_SEEDS + " but was " + seeds);
        }
        Path dir = out != null ? out : defaultDir();
        if (Files.exists(dir) && !isEmptyDirectory(dir)) {
            throw new UserError("--out " + dir + " already exists and is not empty; choose another folder");
        }
        // Check every setting before the first minute of training.
        List<RunSpec> configs = new ArrayList<>();
        for (int seed = 1; seed <= seeds; seed++) {
            configs.add(config(SamMethods.named("none"), seed));
            configs.add(config(SamMethods.named("sam"), seed));
        }
        PrintStream console = System.out;
        console.printf(
                Locale.ROOT,
                "sam4j demo: SGD vs SAM (rho %s) on %s, %s, %,d train / %,d test images, %d epochs,"
                        + " %d seed%s each -> %s%n",
                rho,
                dataset,
                model,
                trainLimit,
                testLimit,
                epochs,
                seeds,
                seeds == 1 ? "" : "s",
                dir);
        long start = System.nanoTime();
        for (int i = 0; i < configs.size(); i++) {
            RunSpec config = configs.get(i);
            String method = config.sam().isBase() ? "sgd" : "sam";
            RunDirectory run = new RunDirectory(
                    dir.resolve(method).resolve("seed-" + config.run().seed()));
            run.createNew();
            console.printf(
                    Locale.ROOT,
                    "[%d/%d] %s, seed %d: ",
                    i + 1,
                    configs.size(),
                    method.toUpperCase(Locale.ROOT),
                    config.run().seed());
            console.flush();
            new Training(config, run, false, null, true).run();
            if (hessian) {
                measureSharpness(run, console);
            }
        }
        ReportModel report = ReportCommand.load(List.of(dir));
        ReportCommand.write(report, dir.resolve("report.html"), "sam4j demo: SGD vs SAM on " + dataset, console);
        long seconds = Math.round((System.nanoTime() - start) / 1e9);
        console.printf(
                Locale.ROOT,
                "demo took %d min %02d s; open %s in a browser%n",
                seconds / 60,
                seconds % 60,
                dir.resolve("report.html").toAbsolutePath());
        return 0;
    }

    /** Runs {@code sam4j hessian} on a finished run: its λmax goes into hessian.json for the report. */
    private void measureSharpness(RunDirectory run, PrintStream console) {
        List<String> args = new ArrayList<>(List.of("hessian", run.root().toString()));
        if (dataDir != null) {
            args.addAll(List.of("--data-dir", dataDir.toString()));
        }
        if (threads != null) {
            args.addAll(List.of("--threads", threads.toString()));
        }
        console.print("  Hessian: ");
        console.flush();
        int code = io.sam4j.cli.Sam4j.execute(args.toArray(String[]::new));
        if (code != 0) {
            throw new io.sam4j.cli.TrainingFailure(
                    "sam4j hessian " + run.root() + " failed with exit code " + code, null);
        }
    }

    private RunSpec config(SamMethod sam, int seed) {
        SettingValues values = SettingValues.empty()
                .with(Settings.SAM, sam, Origin.FLAG)
                .with(Settings.RHO, rho, Origin.FLAG)
                .with(Settings.SEED, (long) seed, Origin.FLAG)
                .with(Settings.EPOCHS, epochs, Origin.FLAG)
                .with(Settings.TRAIN_LIMIT, trainLimit, Origin.FLAG)
                .with(Settings.TEST_LIMIT, testLimit, Origin.FLAG)
                .with(Settings.DATASET, dataset, Origin.FLAG)
                .with(Settings.MODEL, model, Origin.FLAG);
        if (dataDir != null) {
            values = values.with(Settings.DATA_DIR, dataDir, Origin.FLAG);
        }
        if (threads != null) {
            values = values.with(Settings.THREADS, threads, Origin.FLAG);
        }
        return SpecResolver.newRun(SpecResolver.Given.flags(values));
    }

    private static Path defaultDir() {
        return Path.of("runs", "demo-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
