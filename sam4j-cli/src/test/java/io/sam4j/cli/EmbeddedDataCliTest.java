package io.sam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sam4j.cli.spec.ConfigFiles;
import io.sam4j.zoo.data.EmbeddedSubset;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training on the Fashion-MNIST subset shipped in the jar says so in one line and in the provenance. The
 * subset is reached here through {@code --data-dir} (its unpacked folder), since this machine may have the
 * full dataset installed, which the lookup prefers.
 */
class EmbeddedDataCliTest {

    @Test
    void trainNamesTheEmbeddedSubsetAndRecordsItAndDatasetsVerifyChecksIt(@TempDir Path dir) throws Exception {
        Path unpacked = EmbeddedSubset.fashionMnist().unpack(dir.resolve("embedded"));
        Path root = unpacked.getParent();
        Path out = dir.resolve("run");

        CliRun run = CliRun.of(
                "train",
                "--data-dir",
                root.toString(),
                "--sam",
                "none",
                "--train-limit",
                "100",
                "--test-limit",
                "50",
                "--epochs",
                "1",
                "--out",
                out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("data: fashion-mnist (embedded subset, 5,000 train / 2,000 test), shipped with sam4j"
                        + " because no full copy is installed")
                .contains("next: sam4j report " + out + "   or   tensorboard --logdir " + out);
        // One epoch line that fits the terminal; SGD has no SAM perturbation to show.
        assertThat(run.out().lines().filter(l -> l.startsWith("epoch 1/1  train ")))
                .singleElement()
                .satisfies(l -> assertThat(l).hasSizeLessThan(100).doesNotContain("|eps|"));
        JsonNode data = ConfigFiles.JSON
                .readTree(out.resolve("config.json").toFile())
                .path("provenance")
                .path("data");
        assertThat(data.path("dataset").asText())
                .isEqualTo("fashion-mnist (embedded subset, 5,000 train / 2,000 test)");
        assertThat(data.path("embedded_subset").asBoolean()).isTrue();

        CliRun verify = CliRun.of("datasets", "verify", "fashion-mnist", "--data-dir", root.toString());
        assertThat(verify.exitCode()).as(verify.out()).isZero();
        assertThat(verify.out()).contains(unpacked.resolve("train-images-idx3-ubyte.gz") + ": ok");
        CliRun list = CliRun.of("datasets", "list", "--data-dir", root.toString());
        assertThat(list.out())
                .containsPattern("fashion-mnist +1x28x28 +10 +embedded subset, 5,000 train / 2,000 test \\(no full copy"
                        + " found\\), unpacked in " + Pattern.quote(unpacked.toString()));
    }
}
