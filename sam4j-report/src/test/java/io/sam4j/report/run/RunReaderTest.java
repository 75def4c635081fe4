package io.sam4j.report.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sam4j.core.run.RunFiles;
import io.sam4j.report.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReaderTest {

    static final String CONFIG =
            "{\"sam\":\"sam\",\"rho\":0.05,\"seed\":1,\"model\":\"cnn\",\"dataset\":\"fashion-mnist\"}";

    @Test
    void readsARealRunDirectory() {
        RunRecord run = RunReader.read("sgd-seed2", Fixtures.runs().resolve("sgd-seed2"));
        assertThat(run.configText("sam")).isEqualTo("none");
        assertThat(run.provenance().get("dataset_sha256").asText()).hasSize(64);
        assertThat(run.epochCount()).isEqualTo(3);
        assertThat(run.last("test_accuracy"))
                .isEqualTo(Fixtures.lastEpoch(Fixtures.runs().resolve("sgd-seed2"))
                        .get("test_accuracy")
                        .asDouble());
        assertThat(run.hessian()).isPresent();
        assertThat(run.hessian().get().lambdaMax()).isEqualTo(44.0);
        assertThat(run.hessian().get().ratio()).isCloseTo(44 / 1.6, within(1e-12));
        assertThat(run.landscape1d()).isPresent();
        assertThat(run.sharpness())
                .containsEntry("sharpness", 0.1)
                .containsEntry("max_loss_increase", 0.13)
                .doesNotContainKey("settings.batches");
        assertThat(run.notes()).isEmpty();
    }

    @Test
    void unreadableOptionalFilesBecomeNotes(@TempDir Path dir) throws Exception {
        Path run = Fixtures.writeRun(
                dir.resolve("r"),
                CONFIG,
                "{\"epoch\":1,\"test_accuracy\":0.5,\"train_accuracy\":0.6}",
                "{\"epoch\":2,\"test_accuracy\":0.7,\"train_accuracy\":0.8}",
                "{\"epoch\":3,\"test_acc");
        Files.writeString(run.resolve("hessian.json"), "{ not json");
        Files.writeString(run.resolve("landscape-1d.json"), "{\"x\":[0,1,2],\"loss\":[1,2]}");
        Files.writeString(run.resolve("landscape-2d.json"), "{\"x\":[0,1],\"y\":[0,1],\"loss\":[1,2,3]}");
        Files.writeString(run.resolve("hessian-density.png"), "not a png");
        RunRecord r = RunReader.read("r", run);
        assertThat(r.epochCount()).isEqualTo(2);
        assertThat(r.hessian()).isEmpty();
        assertThat(r.landscape1d()).isEmpty();
        assertThat(r.landscape2d()).isEmpty();
        assertThat(r.hessianDensityPng()).isEmpty();
        assertThat(r.notes())
                .hasSize(5)
                .anyMatch(n -> n.startsWith("hessian.json could not be read"))
                .anyMatch(n -> n.equals("landscape-1d.json was skipped: 'loss' has 2 points but 'x' has 3"))
                .anyMatch(n -> n.startsWith("landscape-2d.json was skipped"))
                .anyMatch(n -> n.equals("hessian-density.png is not a PNG image and was skipped"))
                .anyMatch(n -> n.equals("metrics.jsonl: 1 unreadable line(s) skipped"));
    }

    @Test
    void readsTheKeysTheCommandsWriteAndNoVariants(@TempDir Path dir) throws Exception {
        Path run = Fixtures.writeRun(dir.resolve("r"), CONFIG, "{\"epoch\":1,\"test_accuracy\":0.5}");
        Files.writeString(
                run.resolve(RunFiles.HESSIAN),
                "{\"eigenvalues\":[5.0,3.0],\"lambda_max\":5.0,\"lambda_min\":-0.5,"
                        + "\"trace\":{\"estimate\":12.5,\"standard_error\":0.5},"
                        + "\"density\":{\"grid\":[0,1],\"values\":[0.25,0.75]}}");
        // Rows along y: loss[i][j] at (x[j], y[i]).
        Files.writeString(
                run.resolve(RunFiles.LANDSCAPE_2D), "{\"x\":[0,1,2],\"y\":[10,20],\"loss\":[[1,2,3],[4,5,6]]}");
        Files.writeString(
                run.resolve(RunFiles.LANDSCAPE_INTERPOLATION), "{\"x\":[0,0.5,1],\"loss\":[[3,2,1],[3,2.5,1]]}");
        RunRecord r = RunReader.read("r", run);
        assertThat(r.hessian().get().lambdaMax()).isEqualTo(5.0);
        assertThat(r.hessian().get().ratio()).isEqualTo(10.0);
        assertThat(r.hessian().get().trace()).isEqualTo(12.5);
        assertThat(r.hessian().get().traceStandardError()).isEqualTo(0.5);
        assertThat(r.hessian().get().densityValues()).containsExactly(0.25, 0.75);
        assertThat(r.landscape2d().get().loss()).isDeepEqualTo(new double[][] {{1, 2, 3}, {4, 5, 6}});
        assertThat(r.interpolation().get().loss()).hasNumberOfRows(2);
        assertThat(r.notes()).isEmpty();

        // Names and layouts no sam4j command writes are not guessed at.
        Files.writeString(
                run.resolve(RunFiles.HESSIAN), "{\"top_eigenvalues\":[3.0,5.0],\"lambdaMin\":-0.5,\"trace\":12.5}");
        Files.writeString(run.resolve(RunFiles.LANDSCAPE_2D), "{\"x\":[0,1,2],\"y\":[10,20],\"loss\":[1,2,3,4,5,6]}");
        Files.writeString(run.resolve(RunFiles.LANDSCAPE_INTERPOLATION), "{\"alpha\":[0,0.5,1],\"loss\":[3,2,1]}");
        RunRecord variants = RunReader.read("r", run);
        assertThat(variants.hessian()).isEmpty();
        assertThat(variants.landscape2d()).isEmpty();
        assertThat(variants.interpolation()).isEmpty();
        assertThat(variants.notes())
                .containsExactlyInAnyOrder(
                        "hessian.json was skipped: it has none of eigenvalues, lambda_min, trace, density",
                        "landscape-2d.json was skipped: its 'loss' is not 2 rows (y) of 3 (x)",
                        "landscape-interp.json was skipped: it needs arrays 'x' and 'loss'");
    }

    @Test
    void findsRunsInNestedFoldersAndNamesThemByRelativePath(@TempDir Path dir) {
        Fixtures.writeRun(dir.resolve("sweep/a/seed-1"), CONFIG, "{\"epoch\":1}");
        Fixtures.writeRun(dir.resolve("sweep/b"), CONFIG, "{\"epoch\":1}");
        Map<String, Path> found = RunFinder.find(List.of(dir.resolve("sweep")));
        assertThat(found.keySet()).containsExactly("a/seed-1", "b");
        assertThat(RunFinder.find(List.of(dir.resolve("sweep/b"))).keySet()).containsExactly("b");
    }

    @Test
    void badPathsFailWithOneLineNamingThem(@TempDir Path dir) throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> RunFinder.find(List.of(empty)))
                .isInstanceOf(ReportInputException.class)
                .hasMessage(empty + " is not a sam4j run directory nor a folder of run directories"
                        + " (no config.json or metrics.jsonl in it or below it)");
        assertThatThrownBy(() -> RunFinder.find(List.of(dir.resolve("nope"))))
                .hasMessage(dir.resolve("nope") + " does not exist");
        Path file = Files.writeString(dir.resolve("f.txt"), "x");
        assertThatThrownBy(() -> RunFinder.find(List.of(file)))
                .hasMessageContaining(file + " is not a sam4j run directory");
    }
}
