package io.sam4j.cli.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sam4j.cli.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Config files read through the settings' own types: errors in the user's terms, no coercion. */
class SettingsFileTest {

    @TempDir
    Path dir;

    private Path write(String yaml) throws Exception {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private String error(String yaml) throws Exception {
        Path file = write(yaml);
        return assertThatThrownBy(() -> SettingsFile.read(file))
                .isInstanceOf(UserError.class)
                .actual()
                .getMessage();
    }

    @Test
    void valuesAreTypedAndCarryTheirLine() throws Exception {
        Path file = write("rho: 0.1\nepochs: 7\nsam: ASAM\nlr-milestones: [0.3, 0.6]\nnesterov: true\n");
        SettingsFile read = SettingsFile.read(file);
        SettingValues v = read.values();
        assertThat(v.get(Settings.RHO)).isEqualTo(0.1);
        assertThat(v.get(Settings.EPOCHS)).isEqualTo(7);
        assertThat(v.get(Settings.SAM).name()).isEqualTo("asam");
        assertThat(v.get(Settings.LR_MILESTONES)).containsExactly(0.3, 0.6);
        assertThat(v.get(Settings.NESTEROV)).isTrue();
        assertThat(v.origin(Settings.EPOCHS)).isEqualTo(Origin.file(file, 2));
        assertThat(read.preset()).isEmpty();
    }

    @Test
    void aTypeErrorNamesTheKeyWhatWasExpectedAndTheLine() throws Exception {
        assertThat(error("rho: [1, 2]\n")).endsWith("c.yaml: rho: expected a number but got a list (line 1)");
        assertThat(error("lr: 0.1\nseed: {a: 1}\n"))
                .endsWith("c.yaml: seed: expected a whole number but got a mapping (line 2)");
        assertThat(error("nesterov: yes-please\n")).contains("nesterov: expected true or false but got");
    }

    @Test
    void anEmptyFileHoldsNoSettings() throws Exception {
        assertThat(SettingsFile.read(write("")).values().entries()).isEmpty();
        assertThat(SettingsFile.read(write("# only a comment\n")).values().entries())
                .isEmpty();
    }

    @Test
    void integersAreNotTruncatedAsTheFlagsRefuseThem() throws Exception {
        assertThat(error("epochs: 1.5\n")).endsWith("epochs: expected a whole number but got the number 1.5 (line 1)");
        assertThat(error("train-limit: 1000.9\n")).contains("train-limit: expected a whole number");
    }

    @Test
    void aKeyGivenTwiceIsAnErrorNotTheLastOneWins() throws Exception {
        assertThat(error("rho: 0.1\nlr: 0.2\nrho: 0.5\n"))
                .endsWith("key 'rho' is given twice (lines 1 and 3); keep one");
    }

    @Test
    void rangesAreCheckedAsForFlags() throws Exception {
        assertThat(error("\nrho: -0.5\n")).endsWith("c.yaml: rho: must be >= 0 but was -0.5 (line 2)");
        assertThat(error("optimizer: adamm\n")).contains("optimizer: must be one of sgd, adam, adamw but was 'adamm'");
    }

    @Test
    void unknownKeysSuggestTheClosest() throws Exception {
        assertThat(error("rhoo: 0.1\n")).endsWith("unknown key 'rhoo' (did you mean 'rho'?) (line 1)");
    }

    @Test
    void aPresetKeyNamesAPreset() throws Exception {
        assertThat(SettingsFile.read(write("preset: resnet32-label-noise\n")).preset())
                .contains("resnet32-label-noise");
    }

    @Test
    void notAMappingIsOneLine() throws Exception {
        assertThat(error("- rho\n- lr\n")).contains("expected settings as 'key: value' lines but got a list");
    }

    @Test
    void everySettingRoundTripsThroughItsTextAndJson() {
        for (Setting<?> setting : Settings.ALL) {
            Object value = setting.defaultValue();
            if (value == null) {
                continue;
            }
            String text = setting.format(value);
            assertThat(setting.format(setting.parse(text, Origin.FLAG)))
                    .as(setting.name())
                    .isEqualTo(text);
            assertThat(setting.format(setting.fromJson(setting.toJson(value), Origin.FLAG)))
                    .as(setting.name())
                    .isEqualTo(text);
        }
        assertThat(Settings.names()).doesNotHaveDuplicates().hasSize(Settings.ALL.size());
        assertThat(List.copyOf(Settings.names())).contains("rho", "eval-every", "dataset");
    }
}
