package io.sam4j.cli.command;

import io.sam4j.cli.UserError;
import io.sam4j.cli.sweep.SlurmExecutor;
import io.sam4j.cli.sweep.SweepRunner;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Where the runs of {@code sweep} and {@code compare} train: this machine or Slurm, and how many at once. */
public final class ExecutorOptions {

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

    /**
     * Returns the checked choice.
     *
     * @throws UserError naming the flag of a bad value or of a Slurm option without {@code --executor slurm}
     */
    public SweepRunner.Executor executor() {
        SweepRunner.Executor choice = new SweepRunner.Executor(executor, jobs, slurmSettings());
        boolean anySlurm = slurmPartition != null
                || slurmTime != null
                || slurmCpus != null
                || slurmGpus != null
                || !slurmArgs.isEmpty();
        if (anySlurm && !choice.onSlurm()) {
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
        return choice;
    }

    private SlurmExecutor.Settings slurmSettings() {
        return new SlurmExecutor.Settings(
                slurmPartition, slurmTime, slurmCpus, slurmGpus, List.copyOf(slurmArgs), jobs, (long)
                        (pollSeconds * 1000));
    }
}
