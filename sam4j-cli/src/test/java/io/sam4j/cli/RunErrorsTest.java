package io.sam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Errors about run directories say what is wrong, in one line naming the paths involved. */
class RunErrorsTest {

    private static void assertOneLineError(CliRun run, int code, String expected) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(code);
        assertThat(run.errorLines()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).startsWith("sam4j: error: " + expected + "\n");
    }

    @Test
    void aFileInTheWayOfTheRunDirectoryIsNamed(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("runs"), "not a folder");
        assertOneLineError(
                CliRun.of("train", "--out", file.toString(), "--epochs", "1"),
                2,
                "cannot create run directory " + file + ": " + file + " exists and is not a directory");
        Path below = file.resolve("run");
        assertOneLineError(
                CliRun.of("train", "--out", below.toString(), "--epochs", "1"),
                2,
                "cannot create run directory " + below + ": " + file + " exists and is not a directory");
    }

    @Test
    void aReadOnlyParentIsNamed(@TempDir Path dir) throws Exception {
        Path parent = Files.createDirectories(dir.resolve("read-only"));
        Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeThat(Files.isWritable(parent))
                    .as("the user cannot write a read-only folder (not root)")
                    .isFalse();
            Path run = parent.resolve("run");
            assertOneLineError(
                    CliRun.of("train", "--out", run.toString(), "--epochs", "1"),
                    2,
                    "cannot create run directory " + run + ": permission denied writing in " + parent);
        } finally {
            Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void resumingWithAnotherModelsCheckpointNamesBothFiles(@TempDir Path dir) throws Exception {
        Path cnn = dir.resolve("cnn");
        Path mlp = dir.resolve("mlp");
        String[] tiny = {"--epochs", "1", "--train-limit", "300", "--test-limit", "100"};
        assertThat(TrainEndToEndTest.train(cnn, tiny).exitCode()).isZero();
        CliRun other = TrainEndToEndTest.train(mlp, "--epochs", "1", "--train-limit", "300", "--model", "mlp");
        assertThat(other.exitCode()).as(other.err()).isZero();
        Files.copy(mlp.resolve("checkpoint.bin"), cnn.resolve("checkpoint.bin"), StandardCopyOption.REPLACE_EXISTING);

        CliRun resumed = CliRun.of("train", "--resume", cnn.toString(), "--epochs", "2");
        assertThat(resumed.exitCode()).as(resumed.err()).isEqualTo(2);
        assertThat(resumed.errorLines()).isEqualTo(1);
        // The checkpoint records the run it belongs to; the first setting (in declaration order) that
        // differs is named: the mlp run kept the default --test-limit.
        String notThisRun = "sam4j: error: " + cnn.resolve("config.json")
                + " does not match the run its checkpoint records: 'test-limit' is 100 but the run trained with 500";
        assertThat(resumed.err()).startsWith(notThisRun);
        CliRun exported = CliRun.of(
                "export", cnn.toString(), "--out", dir.resolve("w.safetensors").toString());
        assertThat(exported.err()).contains(cnn.resolve("checkpoint.bin") + " does not fit the model that ");
        CliRun evaluated = CliRun.of("eval", cnn.toString());
        assertThat(evaluated.err()).startsWith(notThisRun);
    }

    @Test
    void resumingAnEmptyDirectorySaysHowToStartIt(@TempDir Path dir) throws Exception {
        Path run = Files.createDirectories(dir.resolve("run"));
        assertOneLineError(
                CliRun.of("train", "--resume", run.toString()),
                2,
                run + " holds no run yet: a train killed while loading its data leaves its directory empty; start"
                        + " the run again with --out " + run);
    }
}
