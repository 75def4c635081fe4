package io.sam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sam4j.cli.spec.ConfigFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sam4j train} and {@code eval} on heartbeat CSVs and TU graphs written by the test. */
class SignalGraphTrainingTest {

    private static JsonNode json(Path file) throws Exception {
        return ConfigFiles.JSON.readTree(file.toFile());
    }

    /**
     * SAM with the tiny Transformer on 500 synthetic beats (class = sine frequency) reaches at least
     * 60% test accuracy in 4 epochs: 40 points above the 20% of chance.
     */
    @Test
    void transformerLearnsHeartbeatClassesWithSam(@TempDir Path dir) throws Exception {
        SyntheticSets.writeHeartbeats(dir, 500, 200, 1);
        Path run = dir.resolve("run");
        CliRun train = CliRun.of(
                "train",
                "--dataset",
                "mitbih",
                "--data-dir",
                dir.toString(),
                "--model",
                "transformer-ts-tiny",
                "--optimizer",
                "adam",
                "--lr",
                "0.003",
                "--weight-decay",
                "0",
                "--epochs",
                "4",
                "--batch-size",
                "25",
                "--rho",
                "0.05",
                "--augment",
                "scale:0.05,noise:0.01",
                "--threads",
                "1",
                "--out",
                run.toString(),
                "--quiet");
        assertThat(train.exitCode()).as(train.err()).isZero();
        JsonNode summary = json(run.resolve("summary.json"));
        assertThat(summary.get("test_accuracy").asDouble()).isGreaterThan(0.60);
        JsonNode provenance = json(run.resolve("config.json")).get("provenance");
        assertThat(provenance.toString()).contains("\"train_examples\":500").contains("\"input_shape\":[1,187]");

        CliRun eval = CliRun.of("eval", run.toString());
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        assertThat(json(run.resolve("eval.json")).get("accuracy").asDouble())
                .isEqualTo(summary.get("test_accuracy").asDouble());
    }

    /**
     * SAM (ρ = 0.05) with Adam and the small GCN on 300 synthetic trees (class = how common node label
     * 2 is) reaches at least 80% accuracy on the 10% held out: 30 points above the 50% of chance.
     */
    @Test
    void gcnLearnsGraphClassesWithAdamAndSam(@TempDir Path dir) throws Exception {
        SyntheticSets.writeGraphs(dir, "Syn", 300, 2);
        Path run = dir.resolve("run");
        CliRun train = CliRun.of(
                "train",
                "--dataset",
                "tu:Syn",
                "--data-dir",
                dir.toString(),
                "--model",
                "gcn-small",
                "--optimizer",
                "adam",
                "--lr",
                "0.01",
                "--weight-decay",
                "0",
                "--epochs",
                "6",
                "--batch-size",
                "16",
                "--rho",
                "0.05",
                "--m",
                "8",
                "--threads",
                "1",
                "--out",
                run.toString(),
                "--quiet");
        assertThat(train.exitCode()).as(train.err()).isZero();
        JsonNode summary = json(run.resolve("summary.json"));
        assertThat(summary.get("test_accuracy").asDouble()).isGreaterThan(0.80);
        JsonNode config = json(run.resolve("config.json"));
        assertThat(config.at("/config/dataset").asText()).isEqualTo("tu:Syn");
        JsonNode provenance = json(run.resolve("config.json")).get("provenance");
        assertThat(provenance.toString())
                .contains("\"graphs\":300")
                .contains("\"test_examples\":30")
                .contains("\"split\":\"0.1\"");

        CliRun eval = CliRun.of("eval", run.toString());
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        assertThat(json(run.resolve("eval.json")).get("accuracy").asDouble())
                .isEqualTo(summary.get("test_accuracy").asDouble());
    }
}
