package io.sam4j.cli.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sam4j.cli.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One resolution path: precedence, cross-setting checks, and what --resume may change. */
class SpecResolverTest {

    private static final Path RECORD = Path.of("runs/r/config.json");

    @Test
    void flagsWinOverTheFileWhichWinsOverThePresetWhichWinsOverDefaults(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, "preset: resnet32-label-noise\nepochs: 9\nlr: 0.3\n");
        RunSpec spec = SpecResolver.newRun(new SpecResolver.Given(Specs.values("lr", "0.7"), file, null));
        assertThat(spec.optimization().lr()).isEqualTo(0.7);
        assertThat(spec.optimization().epochs()).isEqualTo(9);
        assertThat(spec.sam().parameters().decimal("rho")).isEqualTo(0.1); // the preset's
        assertThat(spec.data().evalBatchSize()).isEqualTo(500); // the default
        assertThat(spec.preset()).contains("resnet32-label-noise");
        assertThat(spec.values().origin(Settings.LR)).isEqualTo(Origin.FLAG);
    }

    @Test
    void augmentationsAreParsedForTheDatasetWhenResolvedNotWhenLoaded() {
        assertThatThrownBy(() -> Specs.of("augment", "mixup"))
                .isInstanceOf(UserError.class)
                .hasMessageStartingWith("--augment: ")
                .hasMessageContaining("mixup");
        assertThat(Specs.of("augment", "basic,cutout").data().imageAugment().isNone())
                .isFalse();
        assertThat(Specs.of("dataset", "mitbih", "augment", "scale").data().kind())
                .isEqualTo(RunSpec.DataKind.SIGNALS);
        assertThatThrownBy(() -> Specs.of("dataset", "tu:MUTAG", "augment", "flip"))
                .hasMessageContaining("graph datasets have no augmentations");
    }

    @Test
    void unknownModelsAndDatasetsFailAtResolution() {
        assertThatThrownBy(() -> Specs.of("model", "wrn-16-44x")).hasMessageContaining("wrn-16-44x");
        assertThatThrownBy(() -> Specs.of("dataset", "cifar11")).hasMessageContaining("did you mean 'cifar10'");
    }

    @Test
    void crossSettingRulesNameTheFlags() {
        assertThatThrownBy(() -> Specs.of("optimizer", "adamw", "weight-decay-mode", "loss"))
                .hasMessage("--optimizer adamw decays weights itself: use --weight-decay-mode optimizer");
        assertThatThrownBy(() -> Specs.of("epochs", "2", "warmup-epochs", "2"))
                .hasMessageStartingWith("--warmup-epochs must be less than --epochs (2)");
        assertThat(Specs.of("optimizer", "adamw").optimization().weightDecayMode())
                .isEqualTo(Choices.WeightDecayMode.OPTIMIZER);
    }

    @Test
    void resumeAcceptsTheRunsOwnFlagsAndResumableChanges() {
        RunSpec recorded = Specs.of("rho", "0.1", "epochs", "2", "seed", "4");
        RunSpec resumed = SpecResolver.resume(
                recorded,
                RECORD,
                SpecResolver.Given.flags(Specs.values("rho", "0.10", "seed", "4", "epochs", "5", "threads", "1")));
        assertThat(resumed.optimization().epochs()).isEqualTo(5);
        assertThat(resumed.run().threads()).isEqualTo(1);
        assertThat(resumed.sam().parameters().decimal("rho")).isEqualTo(0.1);
        // A default given explicitly equals the recorded default.
        assertThat(SpecResolver.resume(recorded, RECORD, SpecResolver.Given.flags(Specs.values("lr", "0.05")))
                        .optimization()
                        .lr())
                .isEqualTo(0.05);
    }

    @Test
    void resumeRefusesAChangedFixedSettingNamingItAndBothValues() {
        RunSpec recorded = Specs.of("rho", "0.1");
        assertThatThrownBy(() ->
                        SpecResolver.resume(recorded, RECORD, SpecResolver.Given.flags(Specs.values("rho", "0.2"))))
                .isInstanceOf(UserError.class)
                .hasMessageStartingWith("--rho 0.2 cannot be changed with --resume: " + RECORD + " records 0.1")
                .hasMessageContaining("--data-dir, --workers, --epochs, --threads");
        assertThatThrownBy(() -> SpecResolver.resume(
                        recorded, RECORD, new SpecResolver.Given(SettingValues.empty(), null, "resnet32-label-noise")))
                .hasMessageContaining("--preset resnet32-label-noise cannot be changed with --resume");
    }

    @Test
    void theRecordRoundTrips() {
        RunSpec spec = Specs.of("rho", "0.2", "augment", "basic", "label-noise", "0.4", "lr-milestones", "0.3,0.9");
        RunSpec back = SpecResolver.recorded(spec.toJson(), RECORD);
        assertThat(back.toJson()).isEqualTo(spec.toJson());
        assertThat(back.data()).isEqualTo(spec.data());
        assertThat(back.optimization()).isEqualTo(spec.optimization());
    }
}
