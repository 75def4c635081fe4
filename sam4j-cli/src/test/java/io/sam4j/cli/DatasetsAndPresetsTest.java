package io.sam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sam4j.cli.spec.Choices;
import io.sam4j.cli.spec.ConfigFiles;
import io.sam4j.cli.spec.Presets;
import io.sam4j.cli.spec.RunSpec;
import io.sam4j.cli.spec.SettingValues;
import io.sam4j.cli.spec.Settings;
import io.sam4j.cli.spec.SpecResolver;
import io.sam4j.cli.spec.Specs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dataset options of {@code sam4j train} end to end on a tiny CIFAR-10 archive written by the test,
 * and the presets: applied, overridden by flags and config keys, listed with their sources.
 */
class DatasetsAndPresetsTest {

    private static final String[] TINY = {"--model", "cnn", "--epochs", "1", "--batch-size", "40", "--quiet"};

    private static CliRun train(Path root, Path run, String... extra) {
        List<String> args = new ArrayList<>(
                List.of("train", "--dataset", "cifar10", "--data-dir", root.toString(), "--out", run.toString()));
        args.addAll(List.of(TINY));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void validationSplitAndLabelNoiseAreAppliedAndRecorded(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("data");
        TinyCifar.write(root, 20, 30);
        Path run = dir.resolve("run");
        CliRun result = train(root, run, "--validation-split", "0.2", "--label-noise", "0.25");
        assertThat(result.exitCode()).as(result.err()).isZero();

        JsonNode config = ConfigFiles.JSON.readTree(run.resolve("config.json").toFile());
        assertThat(config.at("/config/validation-split").asDouble()).isEqualTo(0.2);
        assertThat(config.at("/config/label-noise").asDouble()).isEqualTo(0.25);
        JsonNode data = config.at("/provenance/data");
        assertThat(data.get("evaluated_on").asText()).isEqualTo("validation");
        assertThat(data.get("train_examples").asInt()).isEqualTo(80);
        assertThat(data.get("test_examples").asInt()).isEqualTo(20);
        assertThat(data.get("classes").asInt()).isEqualTo(10);
        // round(0.25 · 80) = 20 flipped labels.
        assertThat(data.get("label_noise_flipped").asInt()).isEqualTo(20);
        assertThat(data.get("label_noise_fraction").asDouble()).isEqualTo(0.25);
        assertThat(config.at("/provenance/dataset_sha256").asText()).hasSize(64);

        JsonNode summary = ConfigFiles.JSON.readTree(run.resolve("summary.json").toFile());
        assertThat(summary.get("label_noise_fraction").asDouble()).isEqualTo(0.25);
        assertThat(summary.get("evaluated_on").asText()).isEqualTo("validation");
    }

    @Test
    void presetFillsSettingsAndFlagsWinWhateverTheirOrder(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("data");
        TinyCifar.write(root, 8, 10);
        Path run = dir.resolve("run");
        // --rho comes before --preset and still wins; --model, --epochs and --batch-size (in TINY) win too.
        CliRun result = train(root, run, "--rho", "0.2", "--preset", "wrn28-10-cifar10", "--clip-norm", "0");
        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode config =
                ConfigFiles.JSON.readTree(run.resolve("config.json").toFile()).get("config");
        assertThat(config.get("preset").asText()).isEqualTo("wrn28-10-cifar10");
        assertThat(config.get("lr").asDouble()).isEqualTo(0.1);
        assertThat(config.get("weight-decay").asDouble()).isEqualTo(5e-4);
        assertThat(config.get("nesterov").asBoolean()).isTrue();
        assertThat(config.get("augment").asText()).isEqualTo("basic");
        assertThat(config.get("rho").asDouble()).isEqualTo(0.2);
        assertThat(config.get("model").asText()).isEqualTo("cnn");
        assertThat(config.get("epochs").asInt()).isEqualTo(1);
        assertThat(config.get("batch-size").asInt()).isEqualTo(40);
        assertThat(config.get("clip-norm").asDouble()).isZero();
    }

    @Test
    void configFileKeysWinOverItsPresetAndFlagsOverBoth(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("data");
        TinyCifar.write(root, 8, 10);
        Path yaml = dir.resolve("run.yaml");
        Files.writeString(yaml, "preset: wrn28-10-cifar100\ndataset: cifar10\nrho: 0.3\nweight-decay: 0.001\n");
        Path run = dir.resolve("run");
        CliRun result = CliRun.of(
                "train",
                "--config",
                yaml.toString(),
                "--data-dir",
                root.toString(),
                "--out",
                run.toString(),
                "--model",
                "cnn",
                "--epochs",
                "1",
                "--batch-size",
                "40",
                "--weight-decay",
                "0.002",
                "--quiet");
        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode config =
                ConfigFiles.JSON.readTree(run.resolve("config.json").toFile()).get("config");
        assertThat(config.get("preset").asText()).isEqualTo("wrn28-10-cifar100");
        assertThat(config.get("dataset").asText()).isEqualTo("cifar10");
        assertThat(config.get("rho").asDouble()).isEqualTo(0.3);
        assertThat(config.get("weight-decay").asDouble()).isEqualTo(0.002);
        assertThat(config.get("lr").asDouble()).isEqualTo(0.1);
        assertThat(config.get("clip-norm").asDouble()).isEqualTo(5.0);
    }

    @Test
    void everyPresetAppliesCleanlyAndValidates() {
        assertThat(Presets.standard().all())
                .extracting(Presets.Preset::name)
                .contains(
                        "wrn28-10-cifar10",
                        "wrn28-10-cifar100",
                        "wrn28-10-svhn",
                        "wrn28-10-fashion-mnist",
                        "resnet32-label-noise",
                        "shake-shake-cifar10");
        for (Presets.Preset preset : Presets.standard().all()) {
            RunSpec config = SpecResolver.newRun(new SpecResolver.Given(SettingValues.empty(), null, preset.name()));
            assertThat(config.preset()).contains(preset.name());
            assertThat(preset.source()).contains("SAM paper");
            assertThat(config.data().batchSize()).isEqualTo(preset.settings().get("batch-size"));
            assertThat(preset.settings().keySet()).containsAll(preset.unverified());
        }
        SettingValues c10 = Presets.standard().get("WRN28-10-CIFAR10").values();
        assertThat(c10.get(Settings.EPOCHS)).isEqualTo(200);
        assertThat(c10.get(Settings.LR)).isEqualTo(0.1);
        assertThat(c10.get(Settings.WEIGHT_DECAY)).isEqualTo(5e-4);
        assertThat(c10.get(Settings.RHO)).isEqualTo(0.05);
        assertThat(c10.get(Settings.BATCH_SIZE)).isEqualTo(256);
        assertThat(c10.get(Settings.SCHEDULE)).isEqualTo(Choices.Schedule.COSINE);
        assertThat(Presets.standard().get("resnet32-label-noise").values().get(Settings.RHO))
                .isEqualTo(0.1);
    }

    @Test
    void presetsListShowsSettingsAndSources() throws Exception {
        CliRun list = CliRun.of("presets", "list");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out())
                .contains("wrn28-10-cifar10  WRN-28-10 on CIFAR-10")
                .contains("--lr 0.1")
                .contains("--rho 0.05")
                .contains("Table 6, row WRN-28-10 (200 epochs)")
                .contains("not checked against the paper: rho");
        CliRun json = CliRun.of("presets", "list", "--json");
        assertThat(json.exitCode()).isZero();
        JsonNode array = ConfigFiles.JSON.readTree(json.out());
        assertThat(array.get(0).get("name").asText()).isEqualTo("wrn28-10-cifar10");
        assertThat(array.get(0).at("/settings/epochs").asInt()).isEqualTo(200);
        assertThat(array.get(0).get("source").asText()).isNotBlank();
    }

    @Test
    void badDataFlagsAreOneLine(@TempDir Path dir) {
        String[][] cases = {
            {
                "--preset",
                "wrn28-10-cifar1O",
                "--preset: unknown preset 'wrn28-10-cifar1O' (did you mean 'wrn28-10-cifar10'?); see 'sam4j presets list'"
            },
            {"--cifar100-labels", "coarse", "--cifar100-labels coarse needs --dataset cifar100, not 'fashion-mnist'"},
            {
                "--cifar100-labels",
                "corse",
                "--cifar100-labels must be one of fine, coarse but was 'corse' (did you mean 'coarse'?)"
            },
            {"--svhn-extra", "--svhn-extra needs --dataset svhn, not 'fashion-mnist'"},
            {"--validation-split", "1.5", "--validation-split must be in (0, 1) but was 1.5"},
            {"--label-noise", "-0.1", "--label-noise must be in [0, 1] but was -0.1"},
        };
        for (String[] c : cases) {
            String[] flags = Arrays.copyOf(c, c.length - 1);
            List<String> args = new ArrayList<>(
                    List.of("train", "--out", dir.resolve("never").toString()));
            args.addAll(List.of(flags));
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertThat(run.exitCode()).as(String.join(" ", flags)).isEqualTo(2);
            assertThat(run.err().strip()).isEqualTo("sam4j: error: " + c[c.length - 1]);
        }
        assertThat(Files.exists(dir.resolve("never"))).isFalse();
    }

    @Test
    void datasetsListShowsTheNewDatasets(@TempDir Path dir) throws Exception {
        TinyCifar.write(dir, 2, 2);
        CliRun list = CliRun.of("datasets", "list", "--data-dir", dir.toString());
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out())
                .containsPattern("cifar10 +3x32x32 +10 +"
                        + Pattern.quote(dir.resolve("cifar10").toString()))
                .containsPattern("cifar100 +3x32x32 +100 +missing")
                .containsPattern("svhn +3x32x32 +10 ");
        CliRun extra = CliRun.of("datasets", "verify", "cifar10", "--svhn-extra", "--data-dir", dir.toString());
        assertThat(extra.exitCode()).isEqualTo(2);
        assertThat(extra.err().strip()).isEqualTo("sam4j: error: --svhn-extra applies to svhn only, not 'cifar10'");
    }

    @Test
    void resumeRejectsDataFlags(@TempDir Path dir) throws Exception {
        ObjectNode record = ConfigFiles.JSON.createObjectNode();
        record.set("config", Specs.of().toJson());
        Files.writeString(dir.resolve("config.json"), ConfigFiles.JSON.writeValueAsString(record));
        CliRun run = CliRun.of("train", "--resume", dir.toString(), "--label-noise", "0.1");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .contains("--label-noise 0.1 cannot be changed with --resume")
                .contains("records 0");
        CliRun preset = CliRun.of("train", "--resume", dir.toString(), "--preset", "wrn28-10-cifar10");
        assertThat(preset.err()).contains("--preset wrn28-10-cifar10 cannot be changed with --resume");
    }
}
