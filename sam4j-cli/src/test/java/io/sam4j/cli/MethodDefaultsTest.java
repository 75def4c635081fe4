package io.sam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.sam4j.cli.spec.Choices.WeightDecayOn;
import io.sam4j.cli.spec.ConfigFiles;
import io.sam4j.cli.spec.RunSpec;
import io.sam4j.cli.spec.Settings;
import io.sam4j.cli.spec.Specs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A method's own defaults (its authors') apply when its parameter is not given, a given value wins, and
 * config.json records the value the run trained with; the weight-decay convention is one setting.
 */
class MethodDefaultsTest {

    @Test
    void asamWithoutRhoTrainsAndRecordsItsAuthorsRho(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("asam");
        CliRun result = CliRun.of(
                "train",
                "--out",
                run.toString(),
                "--model",
                "mlp",
                "--sam",
                "asam",
                "--train-limit",
                "100",
                "--test-limit",
                "50",
                "--batch-size",
                "50",
                "--epochs",
                "1",
                "--quiet");
        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode config =
                ConfigFiles.JSON.readTree(run.resolve("config.json").toFile()).get("config");
        assertThat(config.get("rho").asDouble()).isEqualTo(0.5);
        assertThat(config.get("eta").asDouble()).isEqualTo(0.01);
        JsonNode summary = ConfigFiles.JSON.readTree(run.resolve("summary.json").toFile());
        assertThat(summary.get("rho").asDouble()).isEqualTo(0.5);
        // SAM's ascent and descent: two passes per example and epoch, counted.
        JsonNode epoch = ConfigFiles.JSON.readTree(
                java.nio.file.Files.readAllLines(run.resolve("metrics.jsonl")).get(0));
        assertThat(epoch.get("passes").asDouble()).isEqualTo(2.0);
    }

    @Test
    void aGivenRhoWinsAndEachMethodHasItsOwnDefault() {
        assertThat(Specs.of("sam", "asam", "rho", "0.2").sam().parameters().decimal("rho"))
                .isEqualTo(0.2);
        assertThat(Specs.of("sam", "msam").sam().parameters().decimal("rho")).isEqualTo(3.0);
        assertThat(Specs.of("sam", "sam").sam().parameters().decimal("rho")).isEqualTo(0.05);
        assertThat(Specs.of("sam", "gsam").sam().parameters().decimal("gsam-alpha"))
                .isEqualTo(0.4);
        RunSpec asam = Specs.of("sam", "asam");
        assertThat(asam.values().get(Settings.RHO)).isEqualTo(0.5);
        // Changing the method re-derives the default that was derived, not given.
        assertThat(asam.with(Settings.SAM, io.sam4j.core.sam.SamMethods.named("sam"), io.sam4j.cli.spec.Origin.FLAG)
                        .values()
                        .get(Settings.RHO))
                .isEqualTo(0.05);
        assertThat(Settings.RHO.description()).contains("asam 0.5", "msam 3", "sam-on 0.5", "else 0.05");
    }

    @Test
    void weightDecayOnChoosesTheConventionOfTheLossTerm() {
        assertThat(Specs.of().optimization().weightDecayOn()).isEqualTo(WeightDecayOn.RANK2);
        assertThat(Specs.of("weight-decay-on", "all").optimization().weightDecayOn())
                .isEqualTo(WeightDecayOn.ALL);
        assertThatThrownBy(() -> Specs.of("weight-decay-mode", "optimizer", "weight-decay-on", "all"))
                .hasMessage("--weight-decay-on applies to --weight-decay-mode loss; the optimizer's weight decay"
                        + " covers every parameter");
        assertThatThrownBy(() -> Specs.of("weight-decay-on", "bn")).hasMessageStartingWith("--weight-decay-on");
    }

    @Test
    void tuneSplitIsForImagesAndExcludesValidationSplit() {
        assertThatThrownBy(() -> Specs.of("tune-split", "0.1", "validation-split", "0.1"))
                .hasMessage("--tune-split and --validation-split both replace the test set: give one");
        assertThatThrownBy(() -> Specs.of("dataset", "tu:MUTAG", "tune-split", "0.1"))
                .hasMessageContaining("--tune-split applies to image datasets");
        assertThat(Specs.of("tune-split", "0.1").data().tuneSplit()).isEqualTo(0.1);
    }
}
