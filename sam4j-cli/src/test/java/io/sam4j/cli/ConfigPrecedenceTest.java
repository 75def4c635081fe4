package io.sam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sam4j.cli.spec.ConfigFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigPrecedenceTest {

    /** Defaults, then the YAML file, then flags. */
    @Test
    void flagsWinOverTheConfigFileWhichWinsOverDefaults(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("run.yaml");
        Files.writeString(
                yaml, "lr: 0.02\nrho: 0.1\nsam: asam\nepochs: 1\ntrain-limit: 200\ntest-limit: 100\nbatch-size: 50\n");
        Path run = dir.resolve("run");
        CliRun result =
                CliRun.of("train", "--config", yaml.toString(), "--rho", "0.5", "--out", run.toString(), "--quiet");
        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode config =
                ConfigFiles.JSON.readTree(run.resolve("config.json").toFile()).get("config");
        assertThat(config.get("lr").asDouble()).isEqualTo(0.02);
        assertThat(config.get("rho").asDouble()).isEqualTo(0.5);
        assertThat(config.get("sam").asText()).isEqualTo("asam");
        assertThat(config.get("momentum").asDouble()).isEqualTo(0.9);
        assertThat(config.get("weight-decay-mode").asText()).isEqualTo("loss");
    }

    @Test
    void versionAndHelpWork() {
        CliRun version = CliRun.of("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).contains("sam4j ").contains("DJL 0.35.1");
        CliRun help = CliRun.of("train", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--rho").contains("--weight-decay-mode").contains("--resume");
    }

    @Test
    void modelsListPrintsJsonCounts() throws Exception {
        CliRun run = CliRun.of("models", "list", "resnet-20", "wrn-16-4", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode array = ConfigFiles.JSON.readTree(run.out());
        assertThat(array.get(0).get("name").asText()).isEqualTo("resnet-20");
        assertThat(array.get(0).get("params").asLong()).isEqualTo(269_722L);
        assertThat(array.get(1).get("params").asLong()).isEqualTo(2_748_890L);
    }
}
