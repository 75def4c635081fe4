package io.sam4j.cli.sweep;

import io.sam4j.cli.UserError;
import io.sam4j.cli.spec.ConfigFiles;
import io.sam4j.core.run.NativeCrash;
import io.sam4j.core.util.AtomicFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A sweep directory while a sweep runs in it: its index, the lock that keeps a second sweep out, and
 * the bookkeeping executors call when a run starts and ends.
 *
 * <p>On opening, the index is reconciled with the run directories, which are the truth: a run whose
 * {@code summary.json} says complete is done and is never started again; every other run that is not
 * still queued on Slurm is pending, and its worker resumes it from its checkpoint if it has one.
 * Failed runs are thus retried when the sweep is run again.
 */
public final class Sweep implements AutoCloseable {

    static final String LOCK_FILE = ".sweep.lock";
    /** Flags a resumed run still takes; everything else is fixed by its config.json. */
    private static final List<String> RESUME_FLAGS = List.of("epochs", "data-dir", "workers");

    private final Path dir;
    private final SweepIndex index;
    private final TrainOptions options;
    private final PrintStream out;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private Integer threads;

    private Sweep(
            Path dir, SweepIndex index, TrainOptions options, PrintStream out, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.index = index;
        this.options = options;
        this.out = out;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Opens (creating or continuing) the sweep in {@code dir}.
     *
     * @param wanted the index this invocation's arguments describe
     * @throws UserError if another sweep is running there, or {@code dir} holds a different sweep or
     *     something that is not a sweep
     */
    public static Sweep open(Path dir, SweepIndex wanted, TrainOptions options, String executor, PrintStream out) {
        Path index = dir.resolve(SweepIndex.FILE);
        boolean exists = Files.isRegularFile(index);
        if (!exists && Files.isDirectory(dir) && !isEmpty(dir)) {
            throw new UserError("--out " + dir + " exists and is not a sweep directory (it has no " + SweepIndex.FILE
                    + "); choose a new or empty directory");
        }
        FileChannel channel = null;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new UserError("another sweep is running in " + dir + "; wait for it or stop it first");
            }
            SweepIndex current = wanted;
            if (exists) {
                current = SweepIndex.read(dir);
                if (!current.sameSweepAs(wanted)) {
                    throw new UserError(dir + " holds a different sweep (grid '" + current.grid + "', flags "
                            + current.sharedFlags + "); run it with the same arguments or choose another --out");
                }
            }
            current.executor = executor;
            Sweep sweep = new Sweep(dir, current, options, out, channel, lock);
            sweep.reconcile();
            return sweep;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UserError("cannot use sweep directory " + dir + ": " + e.getMessage());
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /** Returns whether {@code dir} is empty but for the lock of a sweep killed before it wrote its index. */
    private static boolean isEmpty(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.allMatch(p -> p.getFileName().toString().equals(LOCK_FILE));
        } catch (IOException e) {
            throw new UserError("cannot list --out " + dir + ": " + e.getMessage());
        }
    }

    private void reconcile() {
        for (RunRecord run : index.runs) {
            RunState state = RunState.of(runDir(run));
            if (state.complete()) {
                if (!RunRecord.DONE.equals(run.status)) {
                    run.status = RunRecord.DONE;
                    run.reason = null;
                }
            } else if (!(RunRecord.RUNNING.equals(run.status) && run.slurmJob != null)) {
                // Slurm jobs may still be queued; the Slurm executor checks them before submitting anything.
                run.status = RunRecord.PENDING;
            }
        }
        save();
    }

    /** Sets the {@code --threads} given to runs whose flags do not set it (null: leave the default). */
    public void setThreads(Integer threads) {
        this.threads = threads;
    }

    /** Returns the {@code --threads} of runs whose flags do not set it, or null for train's default. */
    public Integer threads() {
        return threads;
    }

    /** Returns the sweep directory. */
    public Path dir() {
        return dir;
    }

    /** Returns every run, in grid order. */
    public List<RunRecord> runs() {
        return index.runs;
    }

    /** Returns the runs with the given status. */
    public synchronized List<RunRecord> runs(String status) {
        return index.runs.stream().filter(r -> status.equals(r.status)).toList();
    }

    /** Returns a run's directory. */
    public Path runDir(RunRecord run) {
        return dir.resolve(run.name);
    }

    /** Returns a run's log. */
    public Path log(RunRecord run) {
        return runDir(run).resolve(SweepWorker.LOG_FILE);
    }

    /**
     * Counts an attempt of {@code run} and writes its worker's instructions; call just before
     * starting or submitting its worker.
     */
    public synchronized void begin(RunRecord run) {
        run.attempts++;
        run.status = RunRecord.RUNNING;
        run.started = Instant.now().toString();
        run.ended = null;
        run.exitCode = null;
        run.reason = null;
        run.slurmJob = null;
        Path runDir = runDir(run);
        SweepWorker.Instructions instructions = new SweepWorker.Instructions();
        instructions.train.addAll(options.toArgs(run.flags));
        if (threads != null && !run.flags.containsKey("threads")) {
            instructions.train.addAll(List.of("--threads", threads.toString()));
        }
        Map<String, String> resume = new LinkedHashMap<>();
        for (String flag : RESUME_FLAGS) {
            if (run.flags.containsKey(flag)) {
                resume.put(flag, run.flags.get(flag));
            }
        }
        instructions.resume.addAll(options.toArgs(resume));
        instructions.attempt = run.attempts;
        try {
            Files.createDirectories(runDir);
            Files.deleteIfExists(runDir.resolve(SweepWorker.EXIT_FILE));
            AtomicFiles.writeString(
                    runDir.resolve(SweepWorker.RUN_FILE), ConfigFiles.JSON.writeValueAsString(instructions) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare run directory " + runDir, e);
        }
        save();
    }

    /** Records the Slurm job ids of submitted runs. */
    public synchronized void submitted(Map<RunRecord, String> jobs) {
        jobs.forEach((run, job) -> run.slurmJob = job);
        save();
    }

    /** Announces a started run. */
    public synchronized void announce(RunRecord run, String how) {
        out.printf(Locale.ROOT, "[%s] %s %s (attempt %d)%n", progress(), run.name, how, run.attempts);
        out.flush();
    }

    /**
     * Records the end of a run's attempt, judging it by its run directory: done if complete, else
     * failed with {@code reason}, or if that is null the last error of the run's log.
     *
     * @param exitCode the worker's exit code, or null when unknown
     */
    public synchronized void finished(RunRecord run, Integer exitCode, String reason) {
        run.exitCode = exitCode;
        run.ended = Instant.now().toString();
        RunState state = RunState.of(runDir(run));
        if (state.complete() && (exitCode == null || exitCode == 0)) {
            run.status = RunRecord.DONE;
            run.reason = null;
        } else {
            run.status = RunRecord.FAILED;
            Optional<NativeCrash> crash = NativeCrash.find(runDir(run)).filter(c -> since(c, run.started));
            run.reason = reason != null
                    ? reason
                    : crash.isPresent()
                            ? crash.get().describe()
                            : LogTail.reason(
                                    log(run),
                                    exitCode != null && exitCode == 0
                                            ? "ended without completing its epochs"
                                            : "exit code " + exitCode);
        }
        save();
        String what = RunRecord.DONE.equals(run.status)
                ? String.format(
                        Locale.ROOT,
                        "done, test accuracy %s after %d epochs",
                        StatusTable.percent(state),
                        state.epochs())
                : "FAILED: " + run.reason;
        out.printf(Locale.ROOT, "[%s] %s %s%n", progress(), run.name, what);
        out.flush();
    }

    /** Whether the crash happened in this attempt (an older error file is a past attempt's). */
    private static boolean since(NativeCrash crash, String started) {
        if (started == null) {
            return true;
        }
        try {
            return !Files.getLastModifiedTime(crash.errorFile()).toInstant().isBefore(Instant.parse(started));
        } catch (IOException e) {
            return true;
        }
    }

    private String progress() {
        long ended = index.runs.stream()
                .filter(r -> RunRecord.DONE.equals(r.status) || RunRecord.FAILED.equals(r.status))
                .count();
        return ended + "/" + index.runs.size();
    }

    /** Writes sweep.json. */
    public synchronized void save() {
        index.write(dir);
    }

    /** Returns whether every run is done. */
    public synchronized boolean allDone() {
        return index.runs.stream().allMatch(r -> RunRecord.DONE.equals(r.status));
    }

    /** Returns a copy of the runs for reporting. */
    public synchronized List<RunRecord> snapshot() {
        return new ArrayList<>(index.runs);
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // Closing the channel below releases it too.
        }
        closeQuietly(lockChannel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Nothing was written through it.
            }
        }
    }
}
