package io.sam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sam4j.cli.spec.ConfigFiles;
import io.sam4j.zoo.data.DatasetLocator;
import io.sam4j.zoo.data.IdxImages;
import io.sam4j.zoo.data.IdxWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run keeps its data: trained while no Fashion-MNIST copy is installed (so on the subset shipped in the
 * jar), then resumed or analysed after a copy appears in {@code ~/.sam4j/datasets} (first in the lookup
 * order), it gives exactly the figures it gives with the copy hidden; pointed at that copy with
 * {@code --data-dir}, it refuses in one line naming the data. The home folder is a temporary one, so
 * "installing" a copy is writing it there.
 */
class RunDataIdentityTest {

    private static final List<String> TINY = List.of(
            "--model", "mlp", "--train-limit", "200", "--test-limit", "100", "--batch-size", "50", "--seed", "3");

    @TempDir
    Path dir;

    private String home;
    private Path installed;

    @BeforeEach
    void hideInstalledCopies() {
        home = System.getProperty("user.home");
        System.setProperty("user.home", dir.resolve("home").toString());
        // Debian's dataset-fashion-mnist package (CI installs it) is hidden too.
        System.setProperty(
                DatasetLocator.SYSTEM_ROOT_PROPERTY,
                dir.resolve("no-system-data").toString());
        installed = dir.resolve("home/.sam4j/datasets/fashion-mnist");
    }

    @AfterEach
    void restoreHome() {
        System.setProperty("user.home", home);
        System.clearProperty(DatasetLocator.SYSTEM_ROOT_PROPERTY);
    }

    /** "Installs" another Fashion-MNIST copy where the lookup finds it first (plain IDX, 300 + 100 images). */
    private void installAnotherCopy() throws Exception {
        Files.createDirectories(installed);
        SplittableRandom random = new SplittableRandom(11);
        write(installed, "train", 300, random);
        write(installed, "t10k", 100, random);
    }

    private static void write(Path folder, String split, int n, SplittableRandom random) {
        byte[] pixels = new byte[n * 28 * 28];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 10;
            for (int p = 0; p < 28 * 28; p++) {
                pixels[i * 28 * 28 + p] = (byte) random.nextInt(256);
            }
        }
        IdxWriter.writeImages(folder.resolve(split + "-images-idx3-ubyte"), new IdxImages(n, 28, 28, pixels), false);
        IdxWriter.writeLabels(folder.resolve(split + "-labels-idx1-ubyte"), labels, false);
    }

    private Path train(String name, String... more) {
        Path run = dir.resolve(name);
        List<String> args = new ArrayList<>(List.of("train", "--out", run.toString(), "--quiet"));
        args.addAll(TINY);
        args.addAll(List.of(more));
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isZero();
        return run;
    }

    private static JsonNode json(Path file) throws Exception {
        return ConfigFiles.JSON.readTree(file.toFile());
    }

    private static CliRun ok(String... args) {
        CliRun r = CliRun.of(args);
        assertThat(r.exitCode()).as(r.err()).isZero();
        return r;
    }

    /** The refusal when the run is pointed at the installed copy: one line, naming both data. */
    private void assertRefusedOnTheInstalledCopy(Path run, String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of("--data-dir", installed.getParent().toString()));
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.out()).isEqualTo(2);
        assertThat(r.errorLines()).isEqualTo(1);
        assertThat(r.err())
                .startsWith("sam4j: error: run " + run + " trained on fashion-mnist (embedded subset")
                .contains("found --data-dir gives fashion-mnist with sha256 ")
                .contains("from " + installed)
                .contains("pass --data-dir ROOT holding a copy with that checksum");
    }

    @Test
    void evalGivesTheSameFiguresOnceAnotherCopyIsInstalled() throws Exception {
        Path run = train("run", "--epochs", "1");
        ok("eval", run.toString(), "--quiet");
        JsonNode hidden = json(run.resolve("eval.json"));
        assertThat(hidden.at("/data/run_data").asBoolean()).isTrue();

        installAnotherCopy();
        ok("eval", run.toString(), "--quiet");
        JsonNode visible = json(run.resolve("eval.json"));
        assertThat(visible.get("loss").asDouble()).isEqualTo(hidden.get("loss").asDouble());
        assertThat(visible.get("accuracy").asDouble())
                .isEqualTo(hidden.get("accuracy").asDouble());
        assertThat(visible.get("examples").asInt()).isEqualTo(100);
        assertRefusedOnTheInstalledCopy(run, "eval", run.toString());

        // On purpose: allowed, said, and recorded in the output.
        CliRun other =
                ok("eval", run.toString(), "--data-dir", installed.getParent().toString(), "--other-data");
        assertThat(other.err()).contains("sam4j: note: --other-data: using fashion-mnist with sha256");
        JsonNode onOther = json(run.resolve("eval.json"));
        assertThat(onOther.at("/data/run_data").asBoolean()).isFalse();
        assertThat(onOther.at("/data/directory").asText()).isEqualTo(installed.toString());
        assertThat(onOther.at("/data/run_trained_on_sha256").asText())
                .isEqualTo(json(run.resolve("config.json"))
                        .at("/provenance/dataset_sha256")
                        .asText());
    }

    @Test
    void resumeTrainsOnTheRunsOwnDataOnceAnotherCopyIsInstalled() throws Exception {
        Path whole = train("whole", "--epochs", "2");
        Path stopped = train("stopped", "--epochs", "2", "--stop-after", "1");

        installAnotherCopy();
        assertRefusedOnTheInstalledCopy(stopped, "train", "--resume", stopped.toString());
        ok("train", "--resume", stopped.toString(), "--quiet");
        // Exactly the uninterrupted run's epoch 2, which read the same data.
        List<String> expected = Files.readAllLines(whole.resolve("metrics.jsonl"));
        List<String> actual = Files.readAllLines(stopped.resolve("metrics.jsonl"));
        assertThat(actual).hasSize(2);
        for (String key : List.of("train_loss", "train_accuracy", "test_loss", "test_accuracy")) {
            assertThat(ConfigFiles.JSON.readTree(actual.get(1)).get(key).asDouble())
                    .as(key)
                    .isEqualTo(
                            ConfigFiles.JSON.readTree(expected.get(1)).get(key).asDouble());
        }
    }

    @Test
    void hessianGivesTheSameFiguresOnceAnotherCopyIsInstalled() throws Exception {
        Path run = train("run", "--epochs", "1");
        String[] hessian = {"hessian", run.toString(), "--examples", "50", "--batch-size", "50", "--iterations", "5"};
        ok(hessian);
        double hidden = json(run.resolve("hessian.json")).get("lambda_max").asDouble();

        installAnotherCopy();
        ok(hessian);
        assertThat(json(run.resolve("hessian.json")).get("lambda_max").asDouble())
                .isEqualTo(hidden);
        assertRefusedOnTheInstalledCopy(run, hessian);
    }

    @Test
    void landscapeGivesTheSameFiguresOnceAnotherCopyIsInstalled() throws Exception {
        Path run = train("run", "--epochs", "1");
        String[] landscape = {"landscape", run.toString(), "--range", "-1:1:3", "--samples", "100", "--quiet"};
        ok(landscape);
        JsonNode hidden = json(run.resolve("landscape-1d.json")).get("loss");

        installAnotherCopy();
        ok(landscape);
        assertThat(json(run.resolve("landscape-1d.json")).get("loss")).isEqualTo(hidden);
        assertRefusedOnTheInstalledCopy(run, landscape);
    }

    @Test
    void sharpnessGivesTheSameFiguresOnceAnotherCopyIsInstalled() throws Exception {
        Path run = train("run", "--epochs", "1");
        String[] sharpness = {"sharpness", run.toString(), "--steps", "2", "--samples", "100", "--quiet"};
        ok(sharpness);
        double hidden = json(run.resolve("sharpness.json")).get("sharpness").asDouble();

        installAnotherCopy();
        ok(sharpness);
        assertThat(json(run.resolve("sharpness.json")).get("sharpness").asDouble())
                .isEqualTo(hidden);
        assertRefusedOnTheInstalledCopy(run, sharpness);
    }
}
