package io.sam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sam4j.cli.spec.ConfigFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signal and graph data through the CLI: bad files and flags give one line; listings show them. */
class SignalGraphCliTest {

    private static void assertOneLineError(CliRun run, String... fragments) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.errorLines()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).doesNotContain("\tat ");
        for (String f : fragments) {
            assertThat(run.err()).contains(f);
        }
    }

    private static CliRun train(Path dir, String... args) {
        List<String> all = new ArrayList<>(List.of(
                "train",
                "--data-dir",
                dir.toString(),
                "--epochs",
                "1",
                "--threads",
                "1",
                "--out",
                dir.resolve("run").toString()));
        all.addAll(List.of(args));
        return CliRun.of(all.toArray(String[]::new));
    }

    @Test
    void aShortCsvRowIsOneLineNamingFileAndLine(@TempDir Path dir) throws Exception {
        SyntheticSets.writeHeartbeats(dir, 10, 5, 1);
        Path test = dir.resolve("mitbih/mitbih_test.csv");
        List<String> rows = new ArrayList<>(Files.readAllLines(test));
        rows.set(2, rows.get(2).substring(rows.get(2).indexOf(',') + 1));
        Files.write(test, rows);
        assertOneLineError(
                train(dir, "--dataset", "mitbih", "--model", "transformer-ts-tiny"),
                test + ":3: expected 188 values (187 amplitudes and the class) but found 187");
    }

    @Test
    void tuProblemsAreOneLine(@TempDir Path dir) throws Exception {
        assertOneLineError(
                train(dir, "--dataset", "tu:Mutagenicity", "--model", "gcn"),
                "dataset 'tu:Mutagenicity' not found",
                "graphkerneldatasets/Mutagenicity.zip");
        SyntheticSets.writeGraphs(dir, "Syn", 20, 1);
        Path edges = dir.resolve("Syn/Syn_A.txt");
        Files.writeString(edges, Files.readString(edges) + "1, 999\n");
        int line = Files.readAllLines(edges).size();
        assertOneLineError(
                train(dir, "--dataset", "tu:Syn", "--model", "gcn-small"),
                edges + ":" + line + ": node 999 does not exist");
    }

    @Test
    void flagsThatDoNotFitTheDataAreOneLine(@TempDir Path dir) throws Exception {
        SyntheticSets.writeHeartbeats(dir, 10, 5, 1);
        SyntheticSets.writeGraphs(dir, "Syn", 20, 1);
        assertOneLineError(
                train(dir, "--dataset", "mitbih", "--model", "transformer-ts-tiny", "--augment", "flip"),
                "--augment: unknown signal augmentation 'flip'");
        assertOneLineError(
                train(dir, "--dataset", "mitbih", "--model", "transformer-ts-tiny", "--split", "0.2"),
                "--split: mitbih has its own test set");
        assertOneLineError(
                train(dir, "--dataset", "mitbih", "--balance", "downsample:0=lots"), "--balance:", "'0=lots'");
        assertOneLineError(
                train(dir, "--dataset", "mitbih", "--balance", "downsample:9=5", "--model", "transformer-ts-tiny"),
                "--balance: class 9 does not exist");
        assertOneLineError(
                train(dir, "--dataset", "tu:Syn", "--model", "gcn-small", "--split", "kfold:5:7"),
                "--split:",
                "0 <= I < K");
        assertOneLineError(
                train(dir, "--dataset", "tu:Syn", "--model", "cnn"), "takes images, example shape (C, H, W)", "gcn-*");
        assertOneLineError(train(dir, "--dataset", "mitbih", "--model", "gcn"), "node-feature width");
        assertOneLineError(train(dir, "--dataset", "mitbh"), "unknown dataset 'mitbh'", "did you mean 'mitbih'");
        assertOneLineError(
                train(dir, "--dataset", "mitbih", "--model", "transformer-ts-tiny", "--label-noise", "0.2"),
                "--label-noise applies to image datasets, not to mitbih");
        assertOneLineError(
                train(
                        dir,
                        "--dataset",
                        "tu:Syn",
                        "--model",
                        "gcn-small",
                        "--validation-split",
                        "0.1",
                        "--label-noise",
                        "0.1"),
                "--validation-split, --label-noise apply to image datasets, not to tu:Syn");
    }

    @Test
    void balanceAndKFoldAreAppliedAndRecorded(@TempDir Path dir) throws Exception {
        SyntheticSets.writeHeartbeats(dir, 50, 10, 1);
        CliRun run = train(
                dir,
                "--dataset",
                "mitbih",
                "--model",
                "transformer-ts-tiny",
                "--balance",
                "downsample:0=3,4=0.5",
                "--batch-size",
                "16",
                "--quiet");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode config =
                ConfigFiles.JSON.readTree(dir.resolve("run/config.json").toFile());
        assertThat(config.at("/config/balance").asText()).isEqualTo("downsample:0=3,4=0.5");
        assertThat(config.at("/provenance/data/train_class_counts").toString()).isEqualTo("[3,10,10,10,5]");

        SyntheticSets.writeGraphs(dir, "Syn", 40, 1);
        Path fold = dir.resolve("fold");
        CliRun graphs = CliRun.of(
                "train",
                "--data-dir",
                dir.toString(),
                "--dataset",
                "tu:Syn",
                "--model",
                "gcn-small",
                "--split",
                "kfold:4:1",
                "--epochs",
                "1",
                "--threads",
                "1",
                "--quiet",
                "--out",
                fold.toString());
        assertThat(graphs.exitCode()).as(graphs.err()).isZero();
        JsonNode foldConfig =
                ConfigFiles.JSON.readTree(fold.resolve("config.json").toFile());
        assertThat(foldConfig.at("/config/split").asText()).isEqualTo("kfold:4:1");
        assertThat(foldConfig.at("/provenance/data/test_examples").asInt()).isEqualTo(10);
    }

    @Test
    void modelsAndDatasetsAreListed(@TempDir Path dir) throws Exception {
        CliRun models = CliRun.of("models", "list", "gcn", "gcn-small", "transformer-ts-tiny", "--json");
        assertThat(models.exitCode()).as(models.err()).isZero();
        JsonNode list = ConfigFiles.JSON.readTree(models.out());
        assertThat(list.get(0).get("name").asText()).isEqualTo("gcn-study");
        assertThat(list.get(0).get("params").asLong()).isEqualTo(124_002);
        assertThat(list.get(0).get("input").asText()).isEqualTo("14");
        assertThat(list.get(2).get("input").asText()).isEqualTo("1x187");
        assertThat(list.get(2).get("params").asLong()).isEqualTo(17_701);
        CliRun wider = CliRun.of("models", "list", "gcn-small", "--input", "7", "--classes", "3", "--json");
        // 7·32 + 32, 32·32 + 32, head 32·32 + 32 and 32·3 + 3.
        assertThat(ConfigFiles.JSON.readTree(wider.out()).get(0).get("params").asLong())
                .isEqualTo(256 + 1056 + 1056 + 99);

        SyntheticSets.writeHeartbeats(dir, 5, 5, 1);
        CliRun datasets = CliRun.of("datasets", "list", "--data-dir", dir.toString());
        assertThat(datasets.exitCode()).as(datasets.err()).isZero();
        assertThat(datasets.out())
                .containsPattern("mitbih +1x187 +5 +"
                        + Pattern.quote(dir.resolve("mitbih").toString()))
                .containsPattern("ptbdb +1x187 +2 +missing")
                .contains("tu:NAME");
        assertOneLineError(
                CliRun.of("datasets", "fetch", "mitbih", "--data-dir", dir.toString()),
                "kaggle.com/datasets/shayanfazeli/heartbeat",
                "mitbih_train.csv, mitbih_test.csv");
        assertOneLineError(CliRun.of("datasets", "fetch", "tu:MUTAG"), "graphkerneldatasets/MUTAG.zip");
    }
}
