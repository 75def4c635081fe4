package io.sam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.sam4j.cli.run.RunLock;
import io.sam4j.cli.spec.ConfigFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run has one writer: while a real second JVM resumes a run, {@code train --resume} in this process is
 * refused in one line naming that process; once it is killed with SIGKILL, the OS has released the lock
 * and the run resumes, logging each epoch once.
 */
class RunLockTest {

    private static final List<String> TINY =
            List.of("--model", "mlp", "--train-limit", "2000", "--test-limit", "100", "--batch-size", "16", "--quiet");

    @Test
    void aSecondResumeIsRefusedNamingTheHolderUntilTheHolderIsKilled(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        List<String> first = new ArrayList<>(List.of("train", "--out", run.toString(), "--epochs", "1"));
        first.addAll(TINY);
        CliRun trained = CliRun.of(first.toArray(String[]::new));
        assertThat(trained.exitCode()).as(trained.err()).isZero();

        // The holder: a real sam4j process continuing the run for many epochs.
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElseThrow(),
                "-Xmx1g",
                "-cp",
                System.getProperty("java.class.path"),
                Sam4j.class.getName(),
                "train",
                "--resume",
                run.toString(),
                "--epochs",
                "1000"));
        Process holder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("holder.out").toFile())
                .start();
        try {
            waitForLock(holder, run.resolve(RunLock.FILE), dir.resolve("holder.out"));

            CliRun second = CliRun.of("train", "--resume", run.toString(), "--epochs", "1000", "--quiet");
            assertThat(second.exitCode()).isEqualTo(2);
            assertThat(second.errorLines()).isEqualTo(1);
            assertThat(second.err())
                    .startsWith("sam4j: error: run " + run + " is in use by another sam4j process (pid " + holder.pid()
                            + ",");

            holder.destroyForcibly(); // SIGKILL: only the OS can release the lock now
            assertThat(holder.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            holder.destroyForcibly();
        }

        CliRun after = CliRun.of("train", "--resume", run.toString(), "--epochs", "1000", "--stop-after", "1");
        assertThat(after.exitCode()).as(after.err()).isZero();
        List<Integer> epochs = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            epochs.add(ConfigFiles.JSON.readTree(line).get("epoch").asInt());
        }
        assertThat(epochs).as("each epoch logged once").doesNotHaveDuplicates();
        assertThat(epochs.get(epochs.size() - 1)).isEqualTo(epochs.size());
    }

    /** Waits until the holder has written its PID into the lock file: it holds the lock from then on. */
    private static void waitForLock(Process holder, Path lockFile, Path output) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        String pid = String.valueOf(holder.pid());
        while (System.nanoTime() < deadline) {
            if (Files.exists(lockFile)
                    && Files.readString(lockFile, StandardCharsets.US_ASCII)
                            .trim()
                            .equals(pid)) {
                return;
            }
            if (!holder.isAlive()) {
                fail("the holder ended before taking the lock: " + Files.readString(output));
            }
            Thread.sleep(20);
        }
        fail("the holder did not take the lock within 120 s: " + Files.readString(output));
    }
}
