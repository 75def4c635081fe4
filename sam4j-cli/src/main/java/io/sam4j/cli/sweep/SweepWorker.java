package io.sam4j.cli.sweep;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sam4j.cli.DjlOffline;
import io.sam4j.cli.ExitCodes;
import io.sam4j.cli.Failures;
import io.sam4j.cli.run.RunDirectory;
import io.sam4j.cli.run.RunLock;
import io.sam4j.cli.run.TrainingRequest;
import io.sam4j.cli.spec.ConfigFiles;
import io.sam4j.core.util.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The process of one sweep run: {@code java -cp ... io.sam4j.cli.sweep.SweepWorker RUN_DIR
 * [--watch-parent SWEEP_PID]}, started by the local executor or by a Slurm job.
 *
 * <p>It decides at start, from the run directory itself, what to do: nothing if the run is complete,
 * {@code train --resume} if it has a checkpoint or a recorded config (train then restarts an attempt that
 * died before its first checkpoint in place), else {@code train --out}. Deciding here rather than in the sweep makes a Slurm
 * job that starts long after submission still do the right thing.
 *
 * <p>Two guards make sure no run is ever trained by two processes at once, which would log an epoch
 * twice: the worker holds the run's {@link RunLock} while it lives, the same lock
 * {@code train} takes (the kernel releases it when the process dies, even by {@code kill -9}), and
 * waits for it if an earlier process still holds it; and with {@code --watch-parent} it ends itself as soon as the sweep that
 * started it is gone, so killing a local sweep with {@code kill -9} does not leave orphans training
 * on. An orphan loses at most its current epoch, which the restarted sweep redoes from the checkpoint.
 */
public final class SweepWorker {

    /** The worker's instructions, written by the sweep. */
    public static final String RUN_FILE = "sweep-run.json";
    /** How the worker ended, for executors that cannot see its exit code (Slurm without accounting). */
    public static final String EXIT_FILE = "sweep-exit.json";
    /** The console output of every attempt, appended. */
    public static final String LOG_FILE = "sweep.log";

    private static final long PARENT_POLL_MILLIS = 250;

    /** {@code sweep-run.json}: the arguments of a new run and of a resumed one, and the attempt number. */
    public static final class Instructions {
        @JsonProperty("train")
        public List<String> train = new ArrayList<>();

        @JsonProperty("resume")
        public List<String> resume = new ArrayList<>();

        @JsonProperty("attempt")
        public int attempt;
    }

    private SweepWorker() {}

    public static void main(String[] args) {
        if (!(args.length == 1 || (args.length == 3 && args[1].equals("--watch-parent") && args[2].matches("\\d+")))) {
            System.err.println("sam4j: error: usage: SweepWorker RUN_DIR [--watch-parent PID]");
            System.exit(ExitCodes.USAGE);
        }
        // As the command line does, before any DJL class loads.
        DjlOffline.configure();
        Path dir = Path.of(args[0]);
        if (args.length == 3) {
            watchParent(Long.parseLong(args[2]));
        }
        int code;
        try (RunLock lock = RunLock.acquireWaiting(dir, () -> {
            System.out.println("sam4j sweep: waiting for an earlier process of this run to end");
            System.out.flush();
        })) {
            code = runHoldingLock(dir);
            writeExit(dir, code);
        } catch (IOException | RuntimeException e) {
            System.err.println("sam4j: error: sweep worker for " + dir + ": " + e);
            code = ExitCodes.FAILURE;
            try {
                writeExit(dir, code);
            } catch (IOException ignored) {
                // The missing exit file itself tells the sweep that the worker failed.
            }
        }
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }

    private static int runHoldingLock(Path dir) throws IOException {
        Files.deleteIfExists(dir.resolve(EXIT_FILE));
        Instructions instructions =
                ConfigFiles.JSON.readValue(dir.resolve(RUN_FILE).toFile(), Instructions.class);
        System.out.println(LogTail.ATTEMPT_MARKER + " " + instructions.attempt + " on " + host() + ", pid "
                + ProcessHandle.current().pid() + ", " + Instant.now() + " ==");
        RunState state = RunState.of(dir);
        if (state.complete()) {
            System.out.println("sam4j sweep: " + dir + " is already complete");
            return 0;
        }
        // With its config recorded, the run resumes; without a checkpoint train restarts it in place.
        boolean resume = state.hasCheckpoint() || Files.exists(dir.resolve(RunDirectory.CONFIG));
        List<String> flags = resume ? instructions.resume : instructions.train;
        // What the worker does, as the 'sam4j train' command line that would do the same.
        List<String> command = new ArrayList<>(List.of("train", resume ? "--resume" : "--out", dir.toString()));
        command.addAll(flags);
        System.out.println("sam4j " + String.join(" ", command));
        System.out.flush();
        try {
            TrainingRequest request = TrainingRequest.parse(flags);
            if (resume) {
                return request.resume(dir);
            }
            new RunDirectory(dir).clearUnfinishedStart();
            return request.startIn(dir);
        } catch (Exception e) {
            return Failures.report(e, new PrintWriter(System.err, true), false);
        }
    }

    private static void writeExit(Path dir, int code) throws IOException {
        Map<String, Object> exit = new LinkedHashMap<>();
        exit.put("exit_code", code);
        exit.put("ended", Instant.now().toString());
        exit.put("host", host());
        AtomicFiles.writeString(dir.resolve(EXIT_FILE), ConfigFiles.JSON.writeValueAsString(exit) + "\n");
    }

    /**
     * Ends this process when its parent, the sweep {@code sweepPid}, is gone. A dead parent's children
     * are re-parented (to init or a subreaper), so a parent id other than the sweep's means the sweep
     * has died, even if it died before this JVM started; this cannot be fooled by the sweep's id being
     * reused.
     */
    private static void watchParent(long sweepPid) {
        Thread watcher = new Thread(
                () -> {
                    while (true) {
                        long parent = ProcessHandle.current()
                                .parent()
                                .map(ProcessHandle::pid)
                                .orElse(-1L);
                        if (parent != sweepPid) {
                            System.err.println(
                                    "sam4j: error: the sweep that started this run is gone; stopping (resume by running the sweep again)");
                            System.err.flush();
                            Runtime.getRuntime().halt(ExitCodes.FAILURE);
                        }
                        try {
                            Thread.sleep(PARENT_POLL_MILLIS);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "sam4j-sweep-parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }
}
