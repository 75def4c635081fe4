package io.sam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input: one clear line naming the flag, file or value, a non-zero exit, nothing good overwritten. */
class BadInputTest {

    private static void assertOneLineError(CliRun run, int code, String... fragments) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(code);
        assertThat(run.errorLines()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).doesNotContain("\tat ");
        for (String f : fragments) {
            assertThat(run.err()).contains(f);
        }
    }

    @Test
    void unknownModelSuggestsTheClosestName(@TempDir Path dir) {
        assertOneLineError(
                CliRun.of(
                        "train", "--model", "wrn-28", "--out", dir.resolve("r").toString()),
                2,
                "unknown model 'wrn-28'",
                "did you mean 'wrn-28-10'");
    }

    @Test
    void unknownDatasetSuggestsTheClosestName(@TempDir Path dir) {
        assertOneLineError(
                CliRun.of(
                        "train",
                        "--dataset",
                        "fashoin-mnist",
                        "--out",
                        dir.resolve("r").toString()),
                2,
                "fashoin-mnist",
                "did you mean 'fashion-mnist'");
    }

    @Test
    void negativeRhoAndZeroBatchSizeNameTheFlag(@TempDir Path dir) {
        assertOneLineError(
                CliRun.of("train", "--rho", "-0.1", "--out", dir.resolve("a").toString()),
                2,
                "--rho must be >= 0 but was -0.1");
        assertOneLineError(
                CliRun.of(
                        "train", "--batch-size", "0", "--out", dir.resolve("b").toString()),
                2,
                "--batch-size must be >= 1 but was 0");
        assertOneLineError(
                CliRun.of(
                        "train",
                        "--optimizer",
                        "adamm",
                        "--out",
                        dir.resolve("c").toString()),
                2,
                "--optimizer must be one of sgd, adam, adamw but was 'adamm'",
                "did you mean 'adam'");
        assertThat(dir.resolve("a")).doesNotExist();
    }

    @Test
    void mistypedFlagSuggestsTheRealOne() {
        assertOneLineError(CliRun.of("train", "--rhoo", "0.1"), 2, "--rhoo", "--rho");
    }

    @Test
    void badConfigFilesNameTheFileAndKey(@TempDir Path dir) throws Exception {
        Path unknownKey = dir.resolve("unknown.yaml");
        Files.writeString(unknownKey, "lr: 0.1\nrhoo: 0.2\n");
        assertOneLineError(
                CliRun.of("train", "--config", unknownKey.toString()),
                2,
                unknownKey.toString(),
                "unknown key 'rhoo'",
                "did you mean 'rho'");
        Path badValue = dir.resolve("bad.yaml");
        Files.writeString(badValue, "epochs: many\n");
        assertOneLineError(
                CliRun.of("train", "--config", badValue.toString()),
                2,
                badValue.toString(),
                "epochs: expected a whole number but got 'many' (line 1)");
        assertOneLineError(
                CliRun.of("train", "--config", dir.resolve("missing.yaml").toString()),
                2,
                "missing.yaml does not exist");
    }

    @Test
    void truncatedDatasetFileIsNamed(@TempDir Path dir) throws Exception {
        Path fashion = dir.resolve("fashion-mnist");
        Files.createDirectories(fashion);
        for (String name : new String[] {
            "train-images-idx3-ubyte.gz",
            "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte.gz",
            "t10k-labels-idx1-ubyte.gz"
        }) {
            Files.copy(TrainEndToEndTest.FASHION.resolve(name), fashion.resolve(name));
        }
        byte[] header = {0, 0, 8, 3, 0, 0, (byte) 0xea, 0x60, 0, 0, 0, 28, 0, 0, 0, 28, 1, 2, 3};
        try (GZIPOutputStream out =
                new GZIPOutputStream(Files.newOutputStream(fashion.resolve("train-images-idx3-ubyte.gz")))) {
            out.write(header);
        }
        assertOneLineError(
                CliRun.of(
                        "train",
                        "--data-dir",
                        dir.toString(),
                        "--out",
                        dir.resolve("r").toString()),
                2,
                "train-images-idx3-ubyte.gz",
                "truncated");
    }

    @Test
    void existingRunIsNeverOverwrittenAndCorruptCheckpointIsNamed(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        CliRun first = TrainEndToEndTest.train(run, "--epochs", "1", "--train-limit", "300", "--test-limit", "100");
        assertThat(first.exitCode()).as(first.err()).isZero();
        byte[] config = Files.readAllBytes(run.resolve("config.json"));

        assertOneLineError(TrainEndToEndTest.train(run, "--epochs", "1"), 2, "already holds a run", "--resume");
        assertThat(Files.readAllBytes(run.resolve("config.json"))).isEqualTo(config);

        byte[] checkpoint = Files.readAllBytes(run.resolve("checkpoint.bin"));
        checkpoint[checkpoint.length / 3] ^= 1;
        Files.write(run.resolve("checkpoint.bin"), checkpoint);
        assertOneLineError(
                CliRun.of("train", "--resume", run.toString(), "--epochs", "2"),
                2,
                run.resolve("checkpoint.bin").toString(),
                "corrupt");
        assertThat(Files.readAllBytes(run.resolve("checkpoint.bin"))).isEqualTo(checkpoint);

        assertOneLineError(
                CliRun.of("train", "--resume", run.toString(), "--lr", "0.3"),
                2,
                "--lr 0.3 cannot be changed with --resume",
                "records 0.05");
    }

    @Test
    void divergingLossStopsWithEpochAndStepAndKeepsTheLastCheckpoint(@TempDir Path dir) {
        Path run = dir.resolve("run");
        CliRun result = TrainEndToEndTest.train(
                run,
                "--epochs",
                "1",
                "--train-limit",
                "300",
                "--test-limit",
                "100",
                "--lr",
                "1e30",
                "--sam",
                "none",
                "--momentum",
                "0");
        assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
        assertThat(result.errorLines()).isEqualTo(1);
        assertThat(result.err()).doesNotContain("internal error");
        assertThat(result.err()).containsPattern("loss became (NaN|Infinity|-Infinity) at epoch 1, step \\d+");
    }

    @Test
    void missingDatasetNamesEveryPlaceLookedAt(@TempDir Path dir) {
        assertOneLineError(
                CliRun.of(
                        "train",
                        "--dataset",
                        "kmnist",
                        "--data-dir",
                        dir.toString(),
                        "--out",
                        dir.resolve("r").toString()),
                2,
                "dataset 'kmnist' not found",
                dir.toString(),
                "sam4j datasets fetch kmnist");
    }
}
