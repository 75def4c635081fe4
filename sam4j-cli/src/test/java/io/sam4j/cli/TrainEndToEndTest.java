package io.sam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sam4j.cli.spec.ConfigFiles;
import io.sam4j.core.tensorboard.Event;
import io.sam4j.core.tensorboard.EventFileReader;
import io.sam4j.core.tensorboard.HParams;
import io.sam4j.core.tensorboard.PluginSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sam4j train} end to end on a real Fashion-MNIST subset (Debian's dataset-fashion-mnist, which
 * {@code .ci/run} installs): it learns, writes a complete run directory, is deterministic, and a run
 * stopped and resumed ends exactly like an uninterrupted one.
 */
class TrainEndToEndTest {

    static final Path FASHION = Path.of("/usr/share/datasets/fashion-mnist");

    /** Small enough for a few seconds per run; big enough to learn. */
    static final String[] SMALL = {
        "--train-limit",
        "2000",
        "--test-limit",
        "500",
        "--model",
        "cnn",
        "--batch-size",
        "64",
        "--lr",
        "0.05",
        "--quiet"
    };

    @BeforeAll
    static void dataIsInstalled() {
        assertThat(FASHION.resolve("train-images-idx3-ubyte.gz"))
                .as("Fashion-MNIST must be installed (apt-get install dataset-fashion-mnist)")
                .exists();
    }

    static CliRun train(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "--out", out.toString()));
        args.addAll(List.of(SMALL));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    static List<JsonNode> metrics(Path run) throws Exception {
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            JsonNode n = ConfigFiles.JSON.readTree(line);
            ((ObjectNode) n).remove(List.of("train_seconds", "eval_seconds"));
            rows.add(n);
        }
        return rows;
    }

    /** Learns: 2 epochs of SAM on 2,000 images reach at least 75% test accuracy (chance is 10%). */
    @Test
    void trainsAndWritesACompleteRunDirectory(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        CliRun result = train(run, "--epochs", "2");
        assertThat(result.exitCode()).as(result.err()).isZero();
        // --quiet: the result and where it is, without epoch lines or the next commands.
        assertThat(result.out())
                .contains("done: test accuracy")
                .doesNotContain("epoch 1/2")
                .doesNotContain("next:");

        JsonNode summary = ConfigFiles.JSON.readTree(run.resolve("summary.json").toFile());
        assertThat(summary.get("test_accuracy").asDouble()).isGreaterThan(0.75);
        for (String key :
                List.of("test_accuracy", "test_loss", "train_accuracy", "train_loss", "epochs", "train_seconds")) {
            assertThat(summary.has(key)).as(key).isTrue();
        }
        assertThat(summary.get("epochs").asInt()).isEqualTo(2);

        JsonNode config = ConfigFiles.JSON.readTree(run.resolve("config.json").toFile());
        assertThat(config.at("/config/rho").asDouble()).isEqualTo(0.05);
        assertThat(config.at("/config/train-limit").asInt()).isEqualTo(2000);
        JsonNode provenance = config.get("provenance");
        assertThat(provenance.get("djl_version").asText()).isEqualTo("0.35.1");
        assertThat(provenance.get("engine").asText()).isEqualTo("PyTorch");
        assertThat(provenance.get("dataset_sha256").asText()).hasSize(64);
        assertThat(provenance.get("seed").asLong()).isEqualTo(1);
        assertThat(provenance.get("java_version").asText()).isNotBlank();

        List<JsonNode> rows = metrics(run);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).get("eps_norm").asDouble()).isCloseTo(0.05, Assertions.within(1e-6));
        assertThat(rows.get(0).get("grad_norm").asDouble()).isPositive();

        Path events = EventFileReader.listEventFiles(run).get(0);
        List<Event> logged = EventFileReader.read(events);
        assertThat(logged.get(0).fileVersion()).isEqualTo("brain.Event:2");
        List<Event> epochs = logged.stream().filter(e -> !e.scalars().isEmpty()).toList();
        assertThat(epochs).extracting(Event::step).containsExactly(1L, 2L);
        // TensorBoard's HParams table: the method, its rho and the seed; the session ended with the last epoch.
        List<PluginSummary> sessions =
                logged.stream().flatMap(e -> e.plugins().stream()).toList();
        assertThat(sessions)
                .extracting(PluginSummary::tag)
                .containsExactly(HParams.SESSION_START_TAG, HParams.SESSION_END_TAG);
        assertThat(HParams.readSessionStart(sessions.get(0)))
                .containsEntry("sam", "sam")
                .containsEntry("rho", 0.05)
                .containsEntry("seed", 1.0)
                .containsEntry("epochs", 2.0);
        assertThat(HParams.readSessionEnd(sessions.get(1))).isEqualTo(HParams.Status.SUCCESS);
        Event second = epochs.get(1);
        assertThat((double) second.scalars().get("test/accuracy"))
                .isCloseTo(rows.get(1).get("test_accuracy").asDouble(), Assertions.within(1e-6));
        assertThat(run.resolve("checkpoint.bin")).exists();

        CliRun eval = CliRun.of("eval", run.toString());
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        JsonNode evalJson = ConfigFiles.JSON.readTree(run.resolve("eval.json").toFile());
        assertThat(evalJson.get("accuracy").asDouble())
                .isEqualTo(summary.get("test_accuracy").asDouble());
    }

    @Test
    void sameSeedSameMetricsAndResumeEqualsUninterrupted(@TempDir Path dir) throws Exception {
        Path first = dir.resolve("first");
        Path second = dir.resolve("second");
        Path interrupted = dir.resolve("interrupted");
        String[] common = {"--epochs", "3", "--train-limit", "1000", "--augment", "basic", "--m", "16"};
        assertThat(train(first, common).exitCode()).isZero();
        assertThat(train(second, common).exitCode()).isZero();
        assertThat(metrics(second)).isEqualTo(metrics(first));

        List<String> stopped = new ArrayList<>(List.of(common));
        stopped.addAll(List.of("--stop-after", "1"));
        CliRun partial = train(interrupted, stopped.toArray(String[]::new));
        assertThat(partial.exitCode()).as(partial.err()).isZero();
        assertThat(metrics(interrupted)).hasSize(1);
        // Resumed as users do: the same command line again, with --resume.
        List<String> again = new ArrayList<>(List.of(common));
        again.addAll(List.of("--resume", interrupted.toString()));
        CliRun resumed = train(interrupted, again.toArray(String[]::new));
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(metrics(interrupted)).isEqualTo(metrics(first));
        assertThat(Files.readString(
                        interrupted.resolve("checkpoint.bin").getParent().resolve("summary.json")))
                .contains("\"complete\" : true");
    }
}
