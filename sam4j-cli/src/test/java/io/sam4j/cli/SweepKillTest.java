package io.sam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.sam4j.cli.spec.ConfigFiles;
import io.sam4j.cli.sweep.RunState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep killed with {@code kill -9} in the middle of its runs and started again finishes every run,
 * and no run trains twice: finished runs are skipped, interrupted ones resume from their checkpoints,
 * and every {@code metrics.jsonl} holds each epoch exactly once. The orphaned run processes of the
 * killed sweep stop by themselves.
 */
class SweepKillTest {

    static final List<String> RUNS = List.of("seed-1", "seed-2", "seed-3");
    static final int EPOCHS = 3;

    @Test
    void aSweepKilledMidwayAndRunAgainCompletesEveryRunOnce(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("sweep");
        // ~0.5 s per epoch: long enough to be caught between two epochs.
        List<String> args = List.of(
                "sweep",
                "--grid",
                "seed=1,2,3",
                "--out",
                out.toString(),
                "--jobs",
                "2",
                "--model",
                "mlp",
                "--train-limit",
                "3000",
                "--test-limit",
                "200",
                "--batch-size",
                "32",
                "--epochs",
                String.valueOf(EPOCHS),
                "--quiet");

        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElseThrow(),
                "-Xmx1g",
                "-cp",
                System.getProperty("java.class.path"),
                Sam4j.class.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("first-sweep.out").toFile());
        builder.environment().put("DJL_OFFLINE", "true");
        Process first = builder.start();
        List<ProcessHandle> children = new ArrayList<>();
        try {
            waitForAnInterruptibleRun(first, out, dir.resolve("first-sweep.out"));
            children.addAll(first.descendants().toList());
            first.destroyForcibly(); // SIGKILL: no shutdown hook, no clean-up
            first.waitFor();
            assertThat(children).as("the sweep had run processes").isNotEmpty();
            for (ProcessHandle child : children) {
                child.onExit().get(60, TimeUnit.SECONDS); // they watch their parent and stop
            }
        } finally {
            first.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
        }

        Map<String, RunState> afterKill = new HashMap<>();
        Map<String, byte[]> finishedSummaries = new HashMap<>();
        for (String run : RUNS) {
            RunState state = RunState.of(out.resolve(run));
            afterKill.put(run, state);
            if (state.complete()) {
                finishedSummaries.put(run, Files.readAllBytes(out.resolve(run).resolve("summary.json")));
            }
        }
        assertThat(afterKill.values())
                .as("some run was killed between two epochs")
                .anyMatch(s -> s.hasCheckpoint() && !s.complete());

        CliRun again = CliRun.of(args.toArray(String[]::new));
        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        assertThat(again.out()).contains("3 runs: 3 done, 0 failed");

        JsonNode index = ConfigFiles.JSON.readTree(out.resolve("sweep.json").toFile());
        for (JsonNode run : index.get("runs")) {
            String name = run.get("name").asText();
            Path runDir = out.resolve(name);
            assertThat(run.get("status").asText()).as(name).isEqualTo("done");
            assertThat(epochsLogged(runDir)).as(name + " logs each epoch once").containsExactly(1, 2, 3);
            String log = Files.readString(runDir.resolve("sweep.log"));
            RunState killed = afterKill.get(name);
            if (killed.complete()) {
                assertThat(run.get("attempts").asInt())
                        .as(name + " finished before the kill")
                        .isEqualTo(1);
                assertThat(Files.readAllBytes(runDir.resolve("summary.json"))).isEqualTo(finishedSummaries.get(name));
                assertThat(log).doesNotContain("--resume");
            } else if (killed.hasCheckpoint()) {
                assertThat(run.get("attempts").asInt()).as(name).isEqualTo(2);
                assertThat(log)
                        .as(name + " resumed, not restarted")
                        .contains("sam4j train --resume " + runDir)
                        .containsOnlyOnce("sam4j train --out");
            }
        }
    }

    private static List<Integer> epochsLogged(Path runDir) throws Exception {
        List<Integer> epochs = new ArrayList<>();
        for (String line : Files.readAllLines(runDir.resolve("metrics.jsonl"))) {
            epochs.add(ConfigFiles.JSON.readTree(line).get("epoch").asInt());
        }
        return epochs;
    }

    /** Waits until a run has checkpointed an epoch and not finished: the moment to kill. */
    private static void waitForAnInterruptibleRun(Process sweep, Path out, Path sweepOutput) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            Optional<String> caught = RUNS.stream()
                    .filter(run -> {
                        Path runDir = out.resolve(run);
                        return Files.exists(runDir.resolve("checkpoint.bin"))
                                && !Files.exists(runDir.resolve("summary.json"));
                    })
                    .findFirst();
            if (caught.isPresent()) {
                return;
            }
            if (!sweep.isAlive()) {
                fail("the sweep ended before it could be killed: " + Files.readString(sweepOutput));
            }
            Thread.sleep(20);
        }
        fail("no run checkpointed an epoch within 180 s: " + Files.readString(sweepOutput));
    }
}
