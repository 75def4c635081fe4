package io.sam4j.cli.command;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sam4j.cli.ExitCodes;
import io.sam4j.cli.UserError;
import io.sam4j.cli.report.ReportWriter;
import io.sam4j.cli.spec.ConfigFiles;
import io.sam4j.cli.sweep.Comparison;
import io.sam4j.cli.sweep.RunState;
import io.sam4j.cli.sweep.Sweep;
import io.sam4j.cli.sweep.SweepIndex;
import io.sam4j.cli.sweep.SweepPoint;
import io.sam4j.cli.sweep.SweepRunner;
import io.sam4j.cli.sweep.TrainOptions;
import io.sam4j.core.sam.SamMethod;
import io.sam4j.core.sam.SamMethods;
import io.sam4j.core.util.AtomicFiles;
import io.sam4j.report.model.ReportModel;
import io.sam4j.report.model.TunedComparison;
import io.sam4j.report.run.RunReader;
import io.sam4j.report.run.RunRecord;
import io.sam4j.report.text.CompareTable;
import io.sam4j.report.text.MarkdownReport;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * {@code sam4j compare}: a fair, tuned comparison of training-step methods in one command. Each method's
 * catalog grid is trained on a held-out part of the training set (the tuning sweep), its best point by
 * validation accuracy is trained again on fresh seeds and tested (the test sweep), and the report shows
 * both. Both sweeps resume: running the command again continues where it stopped.
 */
@Command(
        name = "compare",
        footerHeading = "%nExamples:%n",
        footer = {
            "  sam4j compare --methods none,sam,asam --out runs/compare --epochs 5",
            "  sam4j compare --out runs/cmp --jobs 2 --train-limit 2000 --label-noise 0.4"
        },
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Compare methods fairly: tune each on its catalog grid ('sam4j methods list': three points per"
                    + " method, one for none) on a held-out part of the training set, then train each"
                    + " method's best point on fresh seeds and report test error, differences and cost.",
            "Any other flag is a 'sam4j train' flag shared by every run. Run the same command again to"
                    + " continue: finished runs are skipped."
        })
public final class CompareCommand implements Callable<Integer> {

    /** The tuning sweep's directory under {@code --out}. */
    public static final String TUNE_DIR = "tune";

    /** The test sweep's directory under {@code --out}. */
    public static final String TEST_DIR = "test";

    /** The comparison's record: grids, validation results, choices. */
    public static final String RECORD = "compare.json";

    /** The Markdown report. */
    public static final String MARKDOWN = "compare.md";

    /** The HTML report of the test runs. */
    public static final String HTML = "report.html";

    @Mixin
    OutputOptions output;

    @Option(
            names = "--methods",
            split = ",",
            paramLabel = "M,M,...",
            description = "Methods to compare (default: every method of the catalog).")
    List<String> methods;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "DIR",
            description = "Comparison directory: tune/ and test/ sweeps, compare.json, compare.md, report.html.")
    Path out;

    @Option(names = "--seeds", paramLabel = "K", description = "Fresh seeds per method for the test runs (default: 3).")
    int seeds = 3;

    @Option(
            names = "--tune-seeds",
            paramLabel = "T",
            description = "Seeds per grid point for the tuning runs, 1..T; the test seeds follow (default: 1).")
    int tuneSeeds = 1;

    @Option(
            names = "--tune-split",
            paramLabel = "F",
            description = "Share of the training set the tuning runs hold out and are validated on, labels as"
                    + " noisy as the rest (default: " + Comparison.DEFAULT_TUNE_SPLIT + ").")
    double tuneSplit = Comparison.DEFAULT_TUNE_SPLIT;

    @Mixin
    ExecutorOptions executor;

    @Unmatched
    List<String> trainFlags = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        SweepRunner.Executor choice = executor.executor();
        if (seeds < 2) {
            throw new UserError("--seeds must be >= 2 (a 95% interval needs two seeds) but was " + seeds);
        }
        if (tuneSeeds < 1) {
            throw new UserError("--tune-seeds must be >= 1 but was " + tuneSeeds);
        }
        if (!(tuneSplit > 0 && tuneSplit < 1)) {
            throw new UserError("--tune-split must be in (0, 1) but was " + tuneSplit);
        }
        List<SamMethod> compared = methods();
        TrainOptions options = TrainOptions.of(() -> new CommandLine(new TrainCommand()));
        Map<String, String> shared = options.parseShared(trainFlags);
        Comparison comparison = Comparison.plan(compared, shared, tuneSeeds, seeds, tuneSplit);
        Path dir = out.toAbsolutePath().normalize();
        PrintStream console = System.out;
        boolean threadsGiven = shared.containsKey("threads");

        // Phase 1: every grid point on the hold-out.
        List<SweepPoint> tuning = validated(comparison.tuningRuns(), options);
        Path tuneDir = dir.resolve(TUNE_DIR);
        try (Sweep sweep = Sweep.open(
                tuneDir,
                SweepIndex.create(comparison.tuningDescription(), Comparison.axes(tuning), shared, tuning, tuneDir),
                options,
                choice.mode(),
                console)) {
            console.println("compare: tuning " + compared.size() + " methods on "
                    + comparison.gridPoints().size() + " grid points");
            if (!SweepRunner.run(sweep, choice, threadsGiven, console)) {
                console.println("compare: some tuning runs did not finish; run the same command again to continue");
                return ExitCodes.FAILURE;
            }
        }

        // The choice: each method's best point by validation accuracy.
        List<Comparison.GridPoint> chosen = new ArrayList<>();
        List<List<double[]>> validation = new ArrayList<>();
        for (SamMethod method : compared) {
            List<Comparison.GridPoint> grid = comparison.gridPoints().stream()
                    .filter(p -> p.method() == method)
                    .toList();
            List<double[]> accuracies = new ArrayList<>();
            for (Comparison.GridPoint point : grid) {
                accuracies.add(comparison.tuningRuns(point).stream()
                        .mapToDouble(r -> RunState.of(tuneDir.resolve(r.name()))
                                .testAccuracy()
                                .orElse(Double.NaN))
                        .toArray());
            }
            validation.add(accuracies);
            chosen.add(grid.get(Comparison.best(accuracies)));
        }

        // Phase 2: the chosen points on fresh seeds, on the test set.
        List<SweepPoint> test = validated(comparison.testRuns(chosen), options);
        Path testDir = dir.resolve(TEST_DIR);
        try (Sweep sweep = Sweep.open(
                testDir,
                SweepIndex.create(comparison.testDescription(chosen), Comparison.axes(test), shared, test, testDir),
                options,
                choice.mode(),
                console)) {
            console.println("compare: testing " + comparison.testDescription(chosen));
            if (!SweepRunner.run(sweep, choice, threadsGiven, console)) {
                console.println("compare: some test runs did not finish; run the same command again to continue");
                return ExitCodes.FAILURE;
            }
        }

        TunedComparison result = result(comparison, chosen, validation, testDir);
        writeRecord(dir, comparison, chosen, validation);
        ReportModel testRuns = ReportWriter.load(List.of(testDir));
        String table = CompareTable.markdown(result);
        AtomicFiles.writeString(
                dir.resolve(MARKDOWN),
                "# Tuned comparison\n\n## Summary\n\n"
                        + CompareTable.summary(result)
                        + "\n## Every grid point\n\n"
                        + table
                        + "\n## The test runs\n\n"
                        + MarkdownReport.of(testRuns));
        ReportWriter.writeHtml(testRuns, dir.resolve(HTML), "sam4j compare: the tuned test runs");
        console.println();
        console.print(table);
        console.printf(
                Locale.ROOT,
                "%ncompare: %s (table and every test run), %s, %s%n",
                dir.resolve(MARKDOWN),
                dir.resolve(HTML),
                dir.resolve(RECORD));
        return 0;
    }

    private List<SamMethod> methods() {
        if (methods == null || methods.isEmpty()) {
            return SamMethods.all();
        }
        List<SamMethod> named = new ArrayList<>();
        for (String name : methods) {
            SamMethod method;
            try {
                method = SamMethods.named(name.trim().toLowerCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new UserError("--methods: " + e.getMessage());
            }
            if (named.contains(method)) {
                throw new UserError("--methods lists " + method.name() + " twice");
            }
            named.add(method);
        }
        return named;
    }

    /** Resolves every run's flags as {@code train} would before any run starts. */
    private static List<SweepPoint> validated(List<SweepPoint> runs, TrainOptions options) {
        for (SweepPoint run : runs) {
            try {
                options.resolve(run.flags());
            } catch (UserError e) {
                throw new UserError("compare run " + run.name() + ": " + e.getMessage());
            }
        }
        return runs;
    }

    private static TunedComparison result(
            Comparison comparison, List<Comparison.GridPoint> chosen, List<List<double[]>> validation, Path testDir) {
        List<TunedComparison.Method> methods = new ArrayList<>();
        List<SweepPoint> test = comparison.testRuns(chosen);
        for (int m = 0; m < chosen.size(); m++) {
            Comparison.GridPoint pick = chosen.get(m);
            List<Comparison.GridPoint> grid = comparison.gridPoints().stream()
                    .filter(p -> p.method() == pick.method())
                    .toList();
            List<TunedComparison.GridPoint> points = new ArrayList<>();
            for (int i = 0; i < grid.size(); i++) {
                points.add(new TunedComparison.GridPoint(
                        grid.get(i).label(), validation.get(m).get(i)));
            }
            List<RunRecord> runs = new ArrayList<>();
            for (SweepPoint run : test) {
                if (run.flags().get("sam").equals(pick.method().name())) {
                    runs.add(RunReader.read(run.name(), testDir.resolve(run.name())));
                }
            }
            methods.add(new TunedComparison.Method(pick.method().name(), points, pick.index(), runs));
        }
        return new TunedComparison(methods);
    }

    private static void writeRecord(
            Path dir, Comparison comparison, List<Comparison.GridPoint> chosen, List<List<double[]>> validation)
            throws java.io.IOException {
        ObjectNode root = ConfigFiles.JSON.createObjectNode();
        root.put("tune_split", comparison.tuneSplit());
        comparison.tuneSeeds().forEach(root.putArray("tune_seeds")::add);
        comparison.testSeeds().forEach(root.putArray("test_seeds")::add);
        ObjectNode shared = root.putObject("shared_flags");
        comparison.shared().forEach(shared::put);
        ArrayNode methods = root.putArray("methods");
        for (int m = 0; m < chosen.size(); m++) {
            Comparison.GridPoint pick = chosen.get(m);
            ObjectNode node = methods.addObject().put("name", pick.method().name());
            node.put("grid_source", pick.method().authors().gridSource());
            ArrayNode grid = node.putArray("grid");
            List<Comparison.GridPoint> points = comparison.gridPoints().stream()
                    .filter(p -> p.method() == pick.method())
                    .toList();
            for (int i = 0; i < points.size(); i++) {
                ObjectNode point = grid.addObject();
                ObjectNode values = point.putObject("values");
                points.get(i).values().forEach(values::put);
                ArrayNode runs = point.putArray("runs");
                comparison.tuningRuns(points.get(i)).forEach(r -> runs.add(TUNE_DIR + "/" + r.name()));
                ArrayNode accuracy = point.putArray("validation_accuracy");
                for (double a : validation.get(m).get(i)) {
                    accuracy.add(a);
                }
            }
            node.put("chosen", pick.index());
            ArrayNode runs = node.putArray("test_runs");
            comparison.testRuns(List.of(pick)).forEach(r -> runs.add(TEST_DIR + "/" + r.name()));
        }
        AtomicFiles.writeString(dir.resolve(RECORD), ConfigFiles.JSON.writeValueAsString(root) + "\n");
    }
}
