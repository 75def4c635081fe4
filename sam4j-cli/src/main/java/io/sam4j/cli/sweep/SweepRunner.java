package io.sam4j.cli.sweep;

import io.sam4j.cli.UserError;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Runs an opened {@link Sweep}'s pending runs on an executor, this machine's or Slurm's, then prints its
 * status table: what {@code sam4j sweep} and each phase of {@code sam4j compare} do with their runs.
 */
public final class SweepRunner {

    private SweepRunner() {}

    /**
     * Where and how many runs at once.
     *
     * @param mode {@code local} or {@code slurm}
     * @param jobs runs at once (local default 1; Slurm default no limit), or null
     * @param slurmSettings the Slurm settings (used with {@code slurm})
     */
    public record Executor(String mode, Integer jobs, SlurmExecutor.Settings slurmSettings) {

        /**
         * Checks the choice.
         *
         * @throws UserError naming the flag for an unknown executor or a bad job count
         */
        public Executor {
            mode = mode.toLowerCase(Locale.ROOT);
            if (!mode.equals("local") && !mode.equals("slurm")) {
                throw new UserError("--executor must be local or slurm but was '" + mode + "'");
            }
            if (jobs != null && jobs < 1) {
                throw new UserError("--jobs must be >= 1 but was " + jobs);
            }
        }

        /** Returns whether runs go to Slurm. */
        public boolean onSlurm() {
            return mode.equals("slurm");
        }
    }

    /**
     * Runs every pending run of {@code sweep} and prints the status table.
     *
     * @param threadsGiven whether the runs' flags set {@code --threads} (else the executor divides the
     *     machine's cores among the local jobs, or gives each Slurm run its CPUs)
     * @return whether every run of the sweep is done
     */
    public static boolean run(Sweep sweep, Executor executor, boolean threadsGiven, PrintStream console)
            throws IOException, InterruptedException {
        Path dir = sweep.dir();
        int done = sweep.runs(RunRecord.DONE).size();
        int total = sweep.runs().size();
        if (!executor.onSlurm()) {
            int n = executor.jobs() == null ? 1 : executor.jobs();
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
            Integer cpus = executor.slurmSettings().cpus();
            sweep.setThreads(threadsGiven ? null : cpus == null ? 1 : cpus);
            console.printf(
                    Locale.ROOT, "sweep %s: %d runs, %d done, %d to run on Slurm%n", dir, total, done, total - done);
            new SlurmExecutor(executor.slurmSettings(), console).run(sweep);
        }
        console.println();
        console.print(StatusTable.render(sweep.snapshot(), sweep::runDir));
        console.flush();
        return sweep.allDone();
    }
}
