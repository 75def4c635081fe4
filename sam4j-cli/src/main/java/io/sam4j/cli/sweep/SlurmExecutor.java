package io.sam4j.cli.sweep;

import io.sam4j.cli.UserError;
import io.sam4j.cli.spec.ConfigFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a sweep on a Slurm cluster: the pending runs become one {@code sbatch} job array, each task
 * running one run's {@link SweepWorker} with the same {@code java} and class path as this process
 * (so both, and {@code --out}, must be on a file system every node sees). The sweep then polls
 * {@code squeue} until its tasks are gone and judges each run by its directory, as locally.
 *
 * <p>A task's exit code comes from the worker's {@code sweep-exit.json}, which works without Slurm
 * accounting; a task killed before writing it (time limit, memory) is explained by {@code sacct}
 * when the cluster keeps accounting, else by its absence. If the sweep itself is stopped, the jobs
 * keep running; the next sweep with the same arguments finds them in {@code squeue} and waits for
 * them instead of submitting them again.
 */
public final class SlurmExecutor {

    /** What each task asks Slurm for, and how the sweep watches. */
    public record Settings(
            String partition,
            String time,
            Integer cpus,
            Integer gpus,
            List<String> extraArgs,
            Integer jobs,
            long pollMillis) {}

    private static final int SQUEUE_RETRIES = 5;
    private static final long COMMAND_TIMEOUT_SECONDS = 60;

    private final Settings settings;
    private final PrintStream out;

    /** Submits with {@code settings}, reporting to {@code out}. */
    public SlurmExecutor(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    /** Submits the pending runs of {@code sweep} and returns when every submitted task has ended. */
    public void run(Sweep sweep) throws IOException, InterruptedException {
        Map<RunRecord, String> tracked = new IdentityHashMap<>();
        List<RunRecord> earlier = sweep.runs(RunRecord.RUNNING);
        if (!earlier.isEmpty()) {
            Set<String> live = liveTasks();
            for (RunRecord run : earlier) {
                if (live.contains(run.slurmJob)) {
                    tracked.put(run, run.slurmJob);
                    sweep.announce(run, "still on Slurm as job " + run.slurmJob + ", waiting for it");
                } else {
                    run.status = RunRecord.PENDING; // ended while no sweep watched; its worker resumes it
                }
            }
            sweep.save();
        }
        List<RunRecord> pending = sweep.runs(RunRecord.PENDING);
        if (!pending.isEmpty()) {
            tracked.putAll(submit(sweep, pending));
        }
        int squeueFailures = 0;
        while (!tracked.isEmpty()) {
            Thread.sleep(settings.pollMillis());
            Set<String> live;
            try {
                live = liveTasks();
                squeueFailures = 0;
            } catch (UserError e) {
                if (++squeueFailures >= SQUEUE_RETRIES) {
                    throw e;
                }
                continue;
            }
            for (RunRecord run : new ArrayList<>(tracked.keySet())) {
                String job = tracked.get(run);
                if (!live.contains(job)) {
                    tracked.remove(run);
                    Integer code = exitCode(sweep.runDir(run));
                    sweep.finished(run, code, code == null ? whyNoExitRecord(sweep, job) : null);
                }
            }
        }
    }

    private Map<RunRecord, String> submit(Sweep sweep, List<RunRecord> runs) throws IOException {
        for (RunRecord run : runs) {
            sweep.begin(run);
        }
        Path slurmDir = sweep.dir().resolve("slurm");
        Files.createDirectories(slurmDir);
        Path script = slurmDir.resolve("sweep-" + System.currentTimeMillis() + ".sbatch");
        Files.writeString(script, script(sweep, runs, slurmDir), StandardCharsets.UTF_8);
        CommandResult result = exec(List.of("sbatch", "--parsable", script.toString()));
        Map<RunRecord, String> jobs = new LinkedHashMap<>();
        if (result.code() != 0) {
            String why = "sbatch failed: " + firstLine(result.err().isBlank() ? result.out() : result.err());
            for (RunRecord run : runs) {
                sweep.finished(run, null, why);
            }
            return Map.of();
        }
        String arrayId = result.out().strip().split(";")[0];
        for (int i = 0; i < runs.size(); i++) {
            jobs.put(runs.get(i), arrayId + "_" + i);
        }
        sweep.submitted(jobs);
        out.printf("submitted %d runs as Slurm job array %s (%s)%n", runs.size(), arrayId, script);
        for (RunRecord run : runs) {
            sweep.announce(run, "submitted as job " + jobs.get(run));
        }
        return new IdentityHashMap<>(jobs);
    }

    /** The script's variable holding the task's run directory. */
    private static final String RUN_VARIABLE = "$run";

    /** Writes the job array script: task i runs the worker of the i-th run, appending to its log. */
    String script(Sweep sweep, List<RunRecord> runs, Path slurmDir) {
        StringBuilder s = new StringBuilder("#!/bin/bash\n");
        s.append("#SBATCH --job-name=sam4j-sweep\n");
        s.append("#SBATCH --array=0-")
                .append(runs.size() - 1)
                .append(settings.jobs() == null ? "" : "%" + settings.jobs())
                .append('\n');
        s.append("#SBATCH --output=").append(slurmDir.resolve("%A_%a.out")).append('\n');
        if (settings.partition() != null) {
            s.append("#SBATCH --partition=").append(settings.partition()).append('\n');
        }
        if (settings.time() != null) {
            s.append("#SBATCH --time=").append(settings.time()).append('\n');
        }
        if (settings.cpus() != null) {
            s.append("#SBATCH --cpus-per-task=").append(settings.cpus()).append('\n');
        }
        if (settings.gpus() != null && settings.gpus() > 0) {
            s.append("#SBATCH --gres=gpu:").append(settings.gpus()).append('\n');
        }
        for (String arg : settings.extraArgs()) {
            s.append("#SBATCH ").append(arg).append('\n');
        }
        s.append("# Written by 'sam4j sweep' for ").append(sweep.dir()).append("; one task per run.\n");
        s.append("set -u\nruns=(\n");
        for (RunRecord run : runs) {
            s.append("  ").append(quote(sweep.runDir(run).toString())).append('\n');
        }
        s.append(")\nrun=\"${runs[$SLURM_ARRAY_TASK_ID]}\"\n");
        int threads = sweep.threads() == null ? 2 : sweep.threads();
        ChildJvm.environment(threads)
                .forEach((k, v) -> s.append("export ")
                        .append(k)
                        .append('=')
                        .append(quote(v))
                        .append('\n'));
        s.append("exec");
        for (String part : ChildJvm.workerJava(RUN_VARIABLE)) {
            // The run directory is the shell's: double quotes let it expand, the rest is literal.
            s.append(' ').append(part.contains(RUN_VARIABLE) ? '"' + part + '"' : quote(part));
        }
        s.append(" \"$run\"");
        s.append(" >> \"$run/").append(SweepWorker.LOG_FILE).append("\" 2>&1\n");
        return s.toString();
    }

    private static Integer exitCode(Path runDir) {
        Path file = runDir.resolve(SweepWorker.EXIT_FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return ConfigFiles.JSON.readTree(file.toFile()).path("exit_code").asInt(1);
        } catch (IOException e) {
            return null;
        }
    }

    private String whyNoExitRecord(Sweep sweep, String job) {
        try {
            CommandResult sacct = exec(List.of("sacct", "-n", "-X", "-P", "-j", job, "-o", "State,ExitCode"));
            String line = firstLine(sacct.out());
            if (sacct.code() == 0 && !line.isBlank()) {
                return "Slurm job " + job + " ended " + line.replace('|', ' ') + "; see "
                        + sweep.dir().resolve("slurm");
            }
        } catch (UserError e) {
            // No accounting on this cluster: say what we know.
        }
        return "Slurm job " + job + " ended without an exit record (cancelled, out of time or memory?); see "
                + sweep.dir().resolve("slurm").resolve(job + ".out");
    }

    /** Returns the ids ({@code ARRAY_TASK}) of every job Slurm still has queued or running. */
    private static Set<String> liveTasks() {
        CommandResult result = exec(List.of("squeue", "-h", "-r", "-o", "%i"));
        if (result.code() != 0) {
            throw new UserError("squeue failed: " + firstLine(result.err()));
        }
        Set<String> live = new HashSet<>();
        result.out().lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(live::add);
        return live;
    }

    record CommandResult(int code, String out, String err) {}

    static CommandResult exec(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).start();
            process.getOutputStream().close();
            // squeue lists every job of a cluster: drain both pipes while it runs, or it could block on a full one.
            CompletableFuture<String> stderrText =
                    CompletableFuture.supplyAsync(() -> readQuietly(process.getErrorStream()));
            String stdout = readQuietly(process.getInputStream());
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new UserError(command.get(0) + " did not answer within " + COMMAND_TIMEOUT_SECONDS + " s");
            }
            String stderr = stderrText.join();
            return new CommandResult(process.exitValue(), stdout, stderr);
        } catch (IOException e) {
            throw new UserError(
                    "cannot run " + command.get(0) + " (is Slurm installed and on the PATH?): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError(command.get(0) + " was interrupted");
        }
    }

    private static String readQuietly(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String firstLine(String text) {
        return text.lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty())
                .findFirst()
                .orElse("");
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
