package io.sam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sam4j.cli.spec.ConfigFiles;
import io.sam4j.core.tensorboard.Event;
import io.sam4j.core.tensorboard.EventFileReader;
import io.sam4j.core.tensorboard.EventFileWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code train} killed at any moment of its first two epochs is finished by {@code train --resume}
 * with every epoch logged once (in metrics.jsonl and TensorBoard) and the metrics of an uninterrupted
 * run. Each kill point is recreated by writing the files that a process killed there leaves, from the
 * files of real runs; one test kills a real training process with SIGKILL.
 */
class KilledRunResumeTest {

    static final String[] ARGS = {
        "--train-limit", "500", "--test-limit", "200", "--batch-size", "64", "--lr", "0.05", "--epochs", "2"
    };

    @TempDir
    static Path shared;

    /** The uninterrupted run. */
    static Path reference;
    /** The same run stopped after epoch 1: checkpoint, metrics line and TensorBoard step of epoch 1. */
    static Path afterEpoch1;

    @BeforeAll
    static void trainReferenceRuns() {
        reference = shared.resolve("reference");
        afterEpoch1 = shared.resolve("after-epoch-1");
        CliRun full = TrainEndToEndTest.train(reference, ARGS);
        assertThat(full.exitCode()).as(full.err()).isZero();
        CliRun stopped = TrainEndToEndTest.train(afterEpoch1, with("--stop-after", "1"));
        assertThat(stopped.exitCode()).as(stopped.err()).isZero();
    }

    static String[] with(String... extra) {
        List<String> args = new ArrayList<>(List.of(ARGS));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    static Path copy(Path run, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(run)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
        return to;
    }

    static void replaceEventFilesWithAnEmptyLog(Path run) throws IOException {
        for (Path file : EventFileReader.listEventFiles(run)) {
            Files.delete(file);
        }
        new EventFileWriter(run).close();
    }

    static List<Long> loggedSteps(Path run) throws IOException {
        List<Long> steps = new ArrayList<>();
        for (Path file : EventFileReader.listEventFiles(run)) {
            for (Event e : EventFileReader.read(file)) {
                // The epochs' scalars; not the header, nor the HParams session's start and end.
                if (!e.scalars().isEmpty()) {
                    steps.add(e.step());
                }
            }
        }
        steps.sort(null);
        return steps;
    }

    static JsonNode summary(Path run) throws IOException {
        return ConfigFiles.JSON.readTree(run.resolve("summary.json").toFile());
    }

    static CliRun resume(Path run) {
        return CliRun.of("train", "--resume", run.toString(), "--quiet");
    }

    /** Resumes {@code run} and checks it ends as the uninterrupted run, each epoch logged once. */
    static CliRun resumeAndCheck(Path run) throws Exception {
        CliRun resumed = resume(run);
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(TrainEndToEndTest.metrics(run)).isEqualTo(TrainEndToEndTest.metrics(reference));
        assertThat(loggedSteps(run)).containsExactly(1L, 2L);
        assertThat(summary(run).get("complete").asBoolean()).isTrue();
        return resumed;
    }

    @Test
    void killedDuringEpoch2() throws Exception {
        resumeAndCheck(copy(afterEpoch1, shared.resolve("during-2")));
    }

    /** The checkpoint of epoch 1 is on disk; its metrics line and TensorBoard step are not. */
    @Test
    void killedBetweenTheCheckpointAndItsMetricsLine() throws Exception {
        Path run = copy(afterEpoch1, shared.resolve("between"));
        Files.delete(run.resolve("metrics.jsonl"));
        replaceEventFilesWithAnEmptyLog(run);
        resumeAndCheck(run);
        // The recovered TensorBoard point is the checkpoint's epoch-1 metrics.
        JsonNode first = TrainEndToEndTest.metrics(reference).get(0);
        float logged = EventFileReader.listEventFiles(run).stream()
                .flatMap(f -> {
                    try {
                        return EventFileReader.read(f).stream();
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .filter(e -> e.step() == 1 && !e.scalars().isEmpty())
                .findFirst()
                .orElseThrow()
                .scalars()
                .get("test/accuracy");
        assertThat((double) logged)
                .isEqualTo((double) (float) first.get("test_accuracy").asDouble());
    }

    /** The kill cut the metrics line of epoch 1 short. */
    @Test
    void killedWhileWritingTheMetricsLine() throws Exception {
        Path run = copy(afterEpoch1, shared.resolve("torn"));
        String line = Files.readString(run.resolve("metrics.jsonl"), StandardCharsets.UTF_8);
        Files.writeString(run.resolve("metrics.jsonl"), line.substring(0, line.length() / 2));
        resumeAndCheck(run);
    }

    /**
     * An attempt logged epoch 2 (metrics line and TensorBoard step) but was killed before its checkpoint
     * replaced epoch 1's, as sam4j wrote them before the checkpoint came first: the resumed run must not
     * log epoch 2 twice.
     */
    @Test
    void loggedEpoch2ButKilledBeforeItsCheckpoint() throws Exception {
        Path run = copy(afterEpoch1, shared.resolve("stale"));
        List<String> lines = Files.readAllLines(reference.resolve("metrics.jsonl"));
        Files.writeString(run.resolve("metrics.jsonl"), lines.get(1) + "\n", StandardOpenOption.APPEND);
        try (EventFileWriter old = new EventFileWriter(run, "old")) {
            old.addScalars(Map.of("test/accuracy", 0.5f), 2);
        }
        assertThat(loggedSteps(run)).containsExactly(1L, 2L);
        resumeAndCheck(run);
    }

    /** Only config.json (and an empty log) exist: resume restarts the run from scratch, saying so. */
    @Test
    void killedDuringEpoch1() throws Exception {
        Path run = shared.resolve("during-1");
        Files.createDirectories(run);
        Files.copy(afterEpoch1.resolve("config.json"), run.resolve("config.json"));
        new EventFileWriter(run).close();
        CliRun resumed = resumeAndCheck(run);
        assertThat(resumed.err())
                .contains("sam4j: note: run " + run + " has no checkpoint.bin (no epoch finished): restarting it"
                        + " from scratch in place");
    }

    /** The checkpoint of the last epoch is on disk, its line is not: the run is complete once it is back. */
    @Test
    void killedBetweenTheLastCheckpointAndItsLine() throws Exception {
        Path run = copy(reference, shared.resolve("last"));
        List<String> lines = Files.readAllLines(run.resolve("metrics.jsonl"));
        Files.writeString(run.resolve("metrics.jsonl"), lines.get(0) + "\n");
        Files.delete(run.resolve("summary.json"));
        CliRun resumed = resume(run);
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(TrainEndToEndTest.metrics(run)).isEqualTo(TrainEndToEndTest.metrics(reference));
        assertThat(summary(run).get("complete").asBoolean()).isTrue();
    }

    /** A run whose loss diverged in epoch 1 has no checkpoint: resume restarts it rather than refusing. */
    @Test
    void divergedInEpoch1() throws Exception {
        Path run = shared.resolve("nan");
        String[] diverging = {"--epochs", "1", "--lr", "1e30", "--sam", "none", "--momentum", "0"};
        CliRun first = TrainEndToEndTest.train(run, diverging);
        assertThat(first.exitCode()).as(first.err()).isEqualTo(1);
        CliRun again = resume(run);
        assertThat(again.err()).contains("restarting it from scratch in place").doesNotContain("--out");
        assertThat(again.exitCode()).as(again.err()).isEqualTo(1);
        assertThat(again.err()).containsPattern("loss became (NaN|Infinity|-Infinity) at epoch 1, step \\d+");
        assertThat(run.resolve("metrics.jsonl")).doesNotExist();
    }

    /** A real training process killed with SIGKILL once epoch 1 is logged. */
    @Test
    void aRealKillAfterEpoch1() throws Exception {
        Path run = shared.resolve("killed");
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElseThrow(),
                "-Xmx1g",
                "-cp",
                System.getProperty("java.class.path"),
                Sam4j.class.getName(),
                "train",
                "--out",
                run.toString()));
        command.addAll(List.of(TrainEndToEndTest.SMALL));
        command.addAll(List.of(ARGS));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(shared.resolve("killed.out").toFile());
        builder.environment().put("DJL_OFFLINE", "true");
        Process child = builder.start();
        try {
            Path metrics = run.resolve("metrics.jsonl");
            while (child.isAlive() && !(Files.exists(metrics) && Files.size(metrics) > 0)) {
                Thread.sleep(20);
            }
            child.destroyForcibly(); // SIGKILL
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        resumeAndCheck(run);
    }
}
