package io.sam4j.cli.command;

import io.sam4j.cli.ExitCodes;
import io.sam4j.cli.sweep.Grid;
import io.sam4j.cli.sweep.Sweep;
import io.sam4j.cli.sweep.SweepIndex;
import io.sam4j.cli.sweep.SweepPoint;
import io.sam4j.cli.sweep.SweepRunner;
import io.sam4j.cli.sweep.TrainOptions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * {@code sam4j sweep}: trains every point of a grid, each run in its own JVM, locally or on Slurm;
 * running it again continues where it stopped.
 */
@Command(
        name = "sweep",
        footerHeading = "%nExamples:%n",
        footer = {
            "  sam4j sweep --grid 'sam=none,sam rho=0.05,0.1 seed=1,2,3' --out runs/rho",
            "  sam4j sweep --grid 'seed=1,2,3' --executor slurm --out runs/seeds --epochs 5"
        },
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Train every point of a grid of 'sam4j train' settings, one run directory and one JVM each. "
                    + "Any other flag is a 'sam4j train' flag shared by every run.",
            "Run the same command again to continue: finished runs are skipped, interrupted ones resumed from their checkpoints."
        })
public final class SweepCommand implements Callable<Integer> {

    @Mixin
    OutputOptions output;

    @Option(
            names = "--grid",
            required = true,
            paramLabel = "'AXIS=V1,V2 ...'",
            description = "Axes ('sam4j train' option names) and their values; runs are every combination. "
                    + "Axes that do not apply collapse (rho, m without SAM; eta without ASAM). Repeatable.")
    List<String> grid;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "DIR",
            description = "Sweep directory: sweep.json and one run directory per point.")
    Path out;

    @Mixin
    ExecutorOptions executor;

    @Unmatched
    List<String> trainFlags = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        SweepRunner.Executor choice = executor.executor();
        TrainOptions options = TrainOptions.of(() -> new CommandLine(new TrainCommand()));
        Map<String, String> shared = options.parseShared(trainFlags);
        Grid parsed = Grid.parse(grid, options);
        List<SweepPoint> points = parsed.expand(shared, options::resolve);
        Path dir = out.toAbsolutePath().normalize();
        PrintStream console = System.out;
        try (Sweep sweep =
                Sweep.open(dir, SweepIndex.create(parsed, shared, points, dir), options, choice.mode(), console)) {
            boolean threadsGiven = shared.containsKey("threads")
                    || parsed.axes().stream().anyMatch(a -> a.name().equals("threads"));
            return SweepRunner.run(sweep, choice, threadsGiven, console) ? 0 : ExitCodes.FAILURE;
        }
    }
}
