package io.sam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sam4j demo} at a toy size on real Fashion-MNIST (Debian's dataset-fashion-mnist). */
class DemoCommandTest {

    @Test
    void trainsBothMethodsPerSeedAndWritesTheReport(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("demo");
        CliRun run = CliRun.of(
                "demo",
                "--out",
                out.toString(),
                "--train-limit",
                "200",
                "--test-limit",
                "100",
                "--epochs",
                "1",
                "--seeds",
                "2");
        assertThat(run.exitCode()).as(run.err()).isZero();
        for (String r : new String[] {"sgd/seed-1", "sam/seed-1", "sgd/seed-2", "sam/seed-2"}) {
            assertThat(out.resolve(r).resolve("summary.json")).as(r).isRegularFile();
            assertThat(io.sam4j.cli.config.ConfigFiles.JSON
                            .readTree(out.resolve(r).resolve("hessian.json").toFile())
                            .get("eigenvalues")
                            .get(0)
                            .asDouble())
                    .as(r + " λmax")
                    .isPositive();
        }
        assertThat(out.resolve("report.html")).isNotEmptyFile();
        assertThat(run.out())
                .contains("[1/4] SGD, seed 1: done: test accuracy")
                .contains("[4/4] SAM, seed 2: done")
                .contains("report: " + out.resolve("report.html") + " (4 runs in 2 configurations)")
                .contains("vs SGD on fashion-mnist / cnn")
                .contains("demo took");
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html)
                .contains("<title>sam4j demo: SGD vs SAM on fashion-mnist</title>")
                .contains("with SAM (ρ = 0.05) vs")
                .doesNotContain("Flatness was not measured");
    }

    @Test
    void rejectsBadSettingsBeforeTraining(@TempDir Path dir) throws Exception {
        CliRun run = CliRun.of("demo", "--out", dir.resolve("a").toString(), "--seeds", "0");
        assertThat(run.exitCode()).isEqualTo(Sam4j.EXIT_USAGE);
        assertThat(run.err()).contains("sam4j: error: --seeds must be between 1 and 20 but was 0");

        Files.writeString(dir.resolve("taken.txt"), "x");
        run = CliRun.of("demo", "--out", dir.toString());
        assertThat(run.exitCode()).isEqualTo(Sam4j.EXIT_USAGE);
        assertThat(run.err()).contains("already exists and is not empty");

        run = CliRun.of("demo", "--out", dir.resolve("b").toString(), "--epochs", "0");
        assertThat(run.exitCode()).isEqualTo(Sam4j.EXIT_USAGE);
        assertThat(run.err()).contains("--epochs must be >= 1 but was 0");
        assertThat(dir.resolve("b")).doesNotExist();
    }
}
