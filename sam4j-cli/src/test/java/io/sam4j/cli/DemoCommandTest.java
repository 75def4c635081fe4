package io.sam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sam4j.cli.spec.ConfigFiles;
import io.sam4j.core.tensorboard.EventFileReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sam4j demo} at a toy size on Fashion-MNIST (installed, or the embedded subset). */
class DemoCommandTest {

    @Test
    void trainsBothMethodsPerSeedOnNoisyLabelsAndWritesTheReport(@TempDir Path dir) throws Exception {
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
                "4-5");
        assertThat(run.exitCode()).as(run.err()).isZero();
        for (String r : new String[] {"sgd/seed-4", "sam/seed-4", "sgd/seed-5", "sam/seed-5"}) {
            Path runDir = out.resolve(r);
            JsonNode config =
                    ConfigFiles.JSON.readTree(runDir.resolve("config.json").toFile());
            assertThat(config.path("config").path("label-noise").asDouble())
                    .as(r)
                    .isEqualTo(0.4);
            if (r.startsWith("sam/")) {
                // SGD's runs read no rho, so the demo gives them none.
                assertThat(config.path("config").path("rho").asDouble()).as(r).isEqualTo(0.1);
            }
            // TensorBoard: SAM's epsilon norm for SAM's runs only (SGD's would be a line at 0).
            List<String> tags = new ArrayList<>();
            for (Path events : EventFileReader.listEventFiles(runDir)) {
                EventFileReader.read(events)
                        .forEach(e -> tags.addAll(e.scalars().keySet()));
            }
            assertThat(tags).as(r).contains("optim/grad_norm");
            assertThat(tags.contains("sam/eps_norm")).as(r).isEqualTo(r.startsWith("sam/"));
            // 40% of 200 labels changed.
            assertThat(config.path("provenance")
                            .path("data")
                            .path("label_noise_flipped")
                            .asInt())
                    .as(r)
                    .isEqualTo(80);
            assertThat(ConfigFiles.JSON
                            .readTree(runDir.resolve("hessian.json").toFile())
                            .get("lambda_max")
                            .asDouble())
                    .as(r + " λmax")
                    .isPositive();
        }
        assertThat(out.resolve("sgd/seed-1")).doesNotExist();
        assertThat(out.resolve("report.html")).isNotEmptyFile();
        String[] lines = run.out().split("\n");
        assertThat(lines[0])
                .isEqualTo("sam4j demo: does SAM (rho 0.1) generalize better than SGD when 40% of the training labels"
                        + " are wrong?");
        assertThat(run.out())
                .containsPattern(
                        "\\[1/4] SGD seed 4   test +\\d+\\.\\d%  train +\\d+\\.\\d%  λmax +\\d+\\.\\d  +\\d+ s")
                .containsPattern("\\[4/4] SAM seed 5 ")
                .contains("SAM ρ = 0.1 ")
                .contains("  Not informative: a 95% interval from fewer than 3 distinct seeds")
                .contains("Is the minimum flatter? ")
                .contains("report: " + out.resolve("report.html").toAbsolutePath() + " (open it in a browser)")
                .contains("the demo took")
                .contains("next: tensorboard --logdir " + out.toAbsolutePath());
        // One line per run, nothing from the commands it used to call.
        assertThat(run.out())
                .doesNotContain("hessian of")
                .doesNotContain("done: test accuracy")
                .doesNotContain("Hessian-vector products")
                .doesNotContain("training cnn");
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html)
                .contains("<title>SGD vs SAM (ρ = 0.1) on Fashion-MNIST, 200 images, 40% label noise, 1 epoch</title>")
                .contains("with SAM ρ = 0.1 vs")
                .contains("<th>Train error (noisy labels) (%)</th>")
                .contains("; Δλmax = ")
                .contains("\"text\":\"forward-backward passes per step × SGD\"")
                .contains("id=\"hessian-lambda-max\"")
                .doesNotContain("No Hessian measurement")
                .doesNotContain("Flatness was not measured");
    }

    @Test
    void cleanLabelsSayWhatTheyCompare(@TempDir Path dir) throws Exception {
        CliRun run = CliRun.of(
                "demo",
                "--out",
                dir.resolve("clean").toString(),
                "--train-limit",
                "100",
                "--test-limit",
                "50",
                "--epochs",
                "1",
                "--seeds",
                "1",
                "--label-noise",
                "0",
                "--no-hessian");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .startsWith("sam4j demo: SGD vs SAM (rho 0.1) on fashion-mnist with clean labels")
                .contains("Short runs on clean labels often show no significant difference")
                .containsPattern("\\[2/2] SAM seed 1   test +\\d+\\.\\d%  train +\\d+\\.\\d%  +\\d+ s")
                .contains("No interval: each side needs at least two seeds");
        assertThat(ConfigFiles.JSON
                        .readTree(dir.resolve("clean/sam/seed-1/config.json").toFile())
                        .path("config")
                        .path("label-noise")
                        .asDouble())
                .isZero();
    }

    @Test
    void rejectsBadSettingsBeforeTraining(@TempDir Path dir) throws Exception {
        CliRun run = CliRun.of("demo", "--out", dir.resolve("a").toString(), "--seeds", "0");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err())
                .contains("sam4j: error: --seeds must name 1 to 20 seeds from 1 up (e.g. 3 or 4-6) but was '0'");

        run = CliRun.of("demo", "--out", dir.resolve("a").toString(), "--seeds", "6-4");
        assertThat(run.err()).contains("--seeds must name 1 to 20 seeds from 1 up (e.g. 3 or 4-6) but was '6-4'");
        run = CliRun.of("demo", "--out", dir.resolve("a").toString(), "--seeds", "1,2");
        assertThat(run.err()).contains("--seeds must be N or FIRST-LAST (e.g. 3 or 4-6) but was '1,2'");

        Files.writeString(dir.resolve("taken.txt"), "x");
        run = CliRun.of("demo", "--out", dir.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("already exists and is not empty");

        run = CliRun.of("demo", "--out", dir.resolve("b").toString(), "--epochs", "0");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--epochs must be >= 1 but was 0");
        run = CliRun.of("demo", "--out", dir.resolve("b").toString(), "--label-noise", "1.5");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--label-noise");
        assertThat(dir.resolve("b")).doesNotExist();
    }
}
