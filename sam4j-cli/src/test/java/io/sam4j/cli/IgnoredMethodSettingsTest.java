package io.sam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sam4j.cli.spec.ConfigFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A SAM-family flag the chosen method does not read is dropped with a one-line note and is not
 * recorded as if it applied: the run's config.json and its description keep the method's own values.
 */
class IgnoredMethodSettingsTest {

    private static CliRun train(Path run, String... method) {
        String[] common = {
            "train",
            "--out",
            run.toString(),
            "--model",
            "mlp",
            "--train-limit",
            "100",
            "--test-limit",
            "50",
            "--batch-size",
            "50",
            "--epochs",
            "1",
            "--quiet"
        };
        String[] args = new String[common.length + method.length];
        System.arraycopy(common, 0, args, 0, common.length);
        System.arraycopy(method, 0, args, common.length, method.length);
        return CliRun.of(args);
    }

    private static JsonNode config(Path run) throws Exception {
        return ConfigFiles.JSON.readTree(run.resolve("config.json").toFile()).get("config");
    }

    @Test
    void rhoGivenToTheBaseOptimizerIsNotedAndNotRecorded(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("sgd");
        CliRun result = train(run, "--sam", "none", "--rho", "0.3");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).contains("sam4j: note: --rho does not apply to --sam none; ignored, and not recorded");
        JsonNode rho = config(run).get("rho");
        assertThat(rho == null ? null : rho.asDouble()).isNotEqualTo(0.3);
    }

    @Test
    void lookSamsPeriodGivenToSamIsNotedAndSamsOwnSettingsStay(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("sam");
        CliRun result = train(run, "--sam", "sam", "--k", "3", "--rho", "0.2");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err())
                .containsOnlyOnce("--k does not apply to --sam sam (it reads --")
                .contains("--rho");
        JsonNode k = config(run).get("k");
        assertThat(k == null ? null : k.asInt()).isNotEqualTo(3);
        assertThat(config(run).get("rho").asDouble()).isEqualTo(0.2);
    }
}
