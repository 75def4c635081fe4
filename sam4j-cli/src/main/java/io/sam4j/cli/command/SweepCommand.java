package io.sam4j.cli.command;

import io.sam4j.cli.ExitCodes;
import io.sam4j.cli.UserError;
import io.sam4j.cli.spec.RunSpec;
import io.sam4j.cli.spec.SpecResolver;
import io.sam4j.cli.sweep.Grid;
import io.sam4j.cli.sweep.LocalExecutor;
import io.sam4j.cli.sweep.RunRecord;
import io.sam4j.cli.sweep.SlurmExecutor;
import io.sam4j.cli.sweep.StatusTable;
import io.sam4j.cli.sweep.Sweep;
import io.sam4j.cli.sweep.SweepIndex;
import io.sam4j.cli.sweep.SweepPoint;
import io.sam4j.cli.sweep.TrainOptions;
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

    @Option(
            names = "--jobs",
            paramLabel = "N",
            description = "Runs at once (local default: 1; Slurm default: no limit).")
    Integer jobs;

    @Option(
            names = "--executor",
            paramLabel = "local|slurm",
            description = "local (default) or slurm (sbatch job array; --out must be on a shared file system).")
    String executor = "local";

    @Option(names = "--slurm-partition", paramLabel = "NAME", description = "Slurm partition.")
    String slurmPartition;

    @Option(names = "--slurm-time", paramLabel = "TIME", description = "Slurm time limit per run, e.g. 2:00:00.")
    String slurmTime;

    @Option(names = "--slurm-cpus", paramLabel = "N", description = "CPUs per run (also its --threads unless given).")
    Integer slurmCpus;

    @Option(names = "--slurm-gpus", paramLabel = "N", description = "GPUs per run (--gres=gpu:N).")
    Integer slurmGpus;

    @Option(
            names = "--slurm-arg",
            paramLabel = "ARG",
            description = "Extra sbatch option, e.g. --slurm-arg=--mem=8G. Repeatable.")
    List<String> slurmArgs = new ArrayList<>();

    @Option(
            names = "--poll-seconds",
            paramLabel = "S",
            description = "How often to ask Slurm about the jobs (default: 10).")
    double pollSeconds = 10;

    @Unmatched
    List<String> trainFlags = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        String mode = executor.toLowerCase(Locale.ROOT);
        if (!mode.equals("local") && !mode.equals("slurm")) {
            throw new UserError("--executor must be local or slurm but was '" + executor + "'");
        }
        if (jobs != null && jobs < 1) {
            throw new UserError("--jobs must be >= 1 but was " + jobs);
        }
        checkSlurmFlags(mode);
        TrainOptions options = TrainOptions.of(() -> new CommandLine(new TrainCommand()));
        Map<String, String> shared = options.parseShared(trainFlags);
        Grid parsed = Grid.parse(grid, options);
        List<SweepPoint> points = parsed.expand(shared, flags -> resolve(options, flags));
        Path dir = out.toAbsolutePath().normalize();
        PrintStream console = System.out;
        try (Sweep sweep = Sweep.open(dir, SweepIndex.create(parsed, shared, points, dir), options, mode, console)) {
            boolean threadsGiven = shared.containsKey("threads")
                    || parsed.axes().stream().anyMatch(a -> a.name().equals("threads"));
            int done = sweep.runs(RunRecord.DONE).size();
            int total = sweep.runs().size();
            if (mode.equals("local")) {
                int n = jobs == null ? 1 : jobs;
                sweep.setThreads(
                        threadsGiven ? null : Math.max(1, Runtime.getRuntime().availableProcessors() / n));
                console.printf(
                        Locale.ROOT,
                        "sweep %s: %d runs, %d done, %d to run, %d at once%n",
                        dir,
                        total,
                        done,
                        total - done,
                        n);
                new LocalExecutor(n).run(sweep);
            } else {
                sweep.setThreads(threadsGiven ? null : slurmCpus == null ? 1 : slurmCpus);
                console.printf(
                        Locale.ROOT,
                        "sweep %s: %d runs, %d done, %d to run on Slurm%n",
                        dir,
                        total,
                        done,
                        total - done);
                new SlurmExecutor(slurmSettings(), console).run(sweep);
            }
            console.println();
            console.print(StatusTable.render(sweep.snapshot(), sweep::runDir));
            console.flush();
            return sweep.allDone() ? 0 : ExitCodes.FAILURE;
        }
    }

    private void checkSlurmFlags(String mode) {
        boolean anySlurm = slurmPartition != null
                || slurmTime != null
                || slurmCpus != null
                || slurmGpus != null
                || !slurmArgs.isEmpty();
        if (anySlurm && !mode.equals("slurm")) {
            throw new UserError("--slurm-* options need --executor slurm");
        }
        if (slurmCpus != null && slurmCpus < 1) {
            throw new UserError("--slurm-cpus must be >= 1 but was " + slurmCpus);
        }
        if (slurmGpus != null && slurmGpus < 0) {
            throw new UserError("--slurm-gpus must be >= 0 but was " + slurmGpus);
        }
        if (!(pollSeconds > 0)) {
            throw new UserError("--poll-seconds must be > 0 but was " + pollSeconds);
        }
    }

    private SlurmExecutor.Settings slurmSettings() {
        return new SlurmExecutor.Settings(
                slurmPartition, slurmTime, slurmCpus, slurmGpus, List.copyOf(slurmArgs), jobs, (long)
                        (pollSeconds * 1000));
    }

    /** Resolves a point's flags exactly as {@code train} would, so a bad value fails before any run starts. */
    private static RunSpec resolve(TrainOptions options, Map<String, String> flags) {
        CommandLine train = new CommandLine(new TrainCommand());
        try {
            train.parseArgs(options.toArgs(flags).toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new UserError(e.getMessage());
        }
        return SpecResolver.newRun(TrainCommand.given(train.getParseResult()));
    }
}
