package io.sam4j.cli.sweep;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Runs a sweep on this machine: each pending run in its own JVM, at most {@code jobs} at once, each
 * JVM's output appended to the run's {@code sweep.log}. A failing run does not stop the others.
 */
public final class LocalExecutor {

    private final int jobs;

    /** Runs at most {@code jobs} runs at once. */
    public LocalExecutor(int jobs) {
        this.jobs = jobs;
    }

    /** Runs every pending run of {@code sweep} and returns when all have ended. */
    public void run(Sweep sweep) throws InterruptedException {
        Deque<RunRecord> queue = new ArrayDeque<>(sweep.runs(RunRecord.PENDING));
        Map<RunRecord, Process> active = new IdentityHashMap<>();
        BlockingQueue<RunRecord> ended = new LinkedBlockingQueue<>();
        // On Ctrl-C stop the children at once; after kill -9 they notice the missing parent themselves.
        Thread stopChildren = new Thread(
                () -> {
                    synchronized (active) {
                        active.values().forEach(Process::destroy);
                    }
                },
                "sam4j-sweep-stop-children");
        Runtime.getRuntime().addShutdownHook(stopChildren);
        try {
            while (!queue.isEmpty() || !active.isEmpty()) {
                while (active.size() < jobs && !queue.isEmpty()) {
                    RunRecord run = queue.poll();
                    sweep.begin(run);
                    try {
                        Process process = start(sweep, run);
                        synchronized (active) {
                            active.put(run, process);
                        }
                        process.onExit().thenRun(() -> ended.add(run));
                        sweep.announce(run, "started, pid " + process.pid());
                    } catch (IOException e) {
                        sweep.finished(run, null, "cannot start java: " + e.getMessage());
                    }
                }
                if (active.isEmpty()) {
                    continue;
                }
                RunRecord run = ended.take();
                Process process;
                synchronized (active) {
                    process = active.remove(run);
                }
                sweep.finished(run, process.exitValue(), null);
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopChildren);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running already.
            }
        }
    }

    private Process start(Sweep sweep, RunRecord run) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(ChildJvm.workerCommand(sweep.runDir(run), true));
        builder.environment().putAll(ChildJvm.environment(threadsOf(sweep, run)));
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(sweep.log(run).toFile()));
        return builder.start();
    }

    static int threadsOf(Sweep sweep, RunRecord run) {
        String given = run.flags.get("threads");
        if (given != null) {
            return Integer.parseInt(given);
        }
        return sweep.threads() == null ? 2 : sweep.threads();
    }
}
