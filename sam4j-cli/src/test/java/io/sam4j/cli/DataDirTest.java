package io.sam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sam4j.cli.spec.ConfigFiles;
import io.sam4j.zoo.data.IdxImages;
import io.sam4j.zoo.data.IdxWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An explicit {@code --data-dir} is honoured: sam4j trains on the data there, plain IDX files included,
 * or fails naming the folder, and never falls back to another copy (such as Debian's in
 * /usr/share/datasets).
 */
class DataDirTest {

    @TempDir
    static Path root;

    /** {@code root/fashion-mnist/} with plain (uncompressed) IDX files: 200 train, 50 test images. */
    @BeforeAll
    static void writePlainFashionMnist() throws Exception {
        Path dir = Files.createDirectories(root.resolve("fashion-mnist"));
        SplittableRandom random = new SplittableRandom(7);
        write(dir, "train", 200, random);
        write(dir, "t10k", 50, random);
    }

    private static void write(Path dir, String split, int n, SplittableRandom random) {
        byte[] pixels = new byte[n * 28 * 28];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 10;
            for (int p = 0; p < 28 * 28; p++) {
                // Each class brightens its own band of rows, so the data is learnable.
                boolean band = p / 28 / 3 == labels[i];
                pixels[i * 28 * 28 + p] = (byte) (band ? 200 + random.nextInt(56) : random.nextInt(60));
            }
        }
        IdxWriter.writeImages(dir.resolve(split + "-images-idx3-ubyte"), new IdxImages(n, 28, 28, pixels), false);
        IdxWriter.writeLabels(dir.resolve(split + "-labels-idx1-ubyte"), labels, false);
    }

    @Test
    void trainsOnPlainIdxFilesUnderTheDataDirAndRecordsTheFolder(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        CliRun result =
                CliRun.of("train", "--data-dir", root.toString(), "--epochs", "1", "--out", run.toString(), "--quiet");
        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode config = ConfigFiles.JSON.readTree(run.resolve("config.json").toFile());
        assertThat(config.at("/config/data-dir").asText()).isEqualTo(root.toString());
        assertThat(config.at("/provenance/data/directory").asText())
                .isEqualTo(root.resolve("fashion-mnist").toString());
        assertThat(config.at("/provenance/data/train_examples").asInt()).isEqualTo(200);
        assertThat(config.at("/provenance/data/test_examples").asInt()).isEqualTo(50);
    }

    @Test
    void aDataDirWithoutTheDatasetFailsNamingIt(@TempDir Path dir) {
        Path empty = dir.resolve("empty");
        CliRun result = CliRun.of(
                "train",
                "--data-dir",
                empty.toString(),
                "--epochs",
                "1",
                "--out",
                dir.resolve("run").toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errorLines()).isEqualTo(1);
        assertThat(result.err())
                .startsWith("sam4j: error: dataset 'fashion-mnist' not found; looked in: --data-dir " + empty
                        + "/fashion-mnist (missing) (only --data-dir is searched when given).");
    }

    @Test
    void aBrokenFileUnderTheDataDirFailsNamingIt(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken").resolve("fashion-mnist");
        Files.createDirectories(broken);
        try (Stream<Path> files = Files.list(root.resolve("fashion-mnist"))) {
            for (Path f : files.toList()) {
                Files.copy(f, broken.resolve(f.getFileName()));
            }
        }
        Path labels = broken.resolve("train-labels-idx1-ubyte");
        Files.write(labels, Arrays.copyOf(Files.readAllBytes(labels), 20));
        CliRun result = CliRun.of(
                "train",
                "--data-dir",
                broken.getParent().toString(),
                "--epochs",
                "1",
                "--out",
                dir.resolve("run").toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errorLines()).isEqualTo(1);
        assertThat(result.err()).contains(labels.toString()).contains("truncated");
    }

    @Test
    void verifyChecksTheGivenDataDir(@TempDir Path dir) {
        CliRun plain = CliRun.of("datasets", "verify", "fashion-mnist", "--data-dir", root.toString());
        assertThat(plain.exitCode()).as(plain.err()).isZero();
        assertThat(plain.out())
                .contains(root.resolve("fashion-mnist/train-images-idx3-ubyte") + ": present, no published checksum")
                .doesNotContain("/usr/share/datasets");

        CliRun missing = CliRun.of("datasets", "verify", "fashion-mnist", "--data-dir", dir.toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("--data-dir " + dir + "/fashion-mnist (missing)");
    }
}
