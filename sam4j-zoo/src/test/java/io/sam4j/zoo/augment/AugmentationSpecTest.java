package io.sam4j.zoo.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class AugmentationSpecTest {

    private static final String KNOWN = "; known: none, basic, crop, crop-reflect, flip, cutout, cutout:N (comma-separated)";

    @Test
    void parsesAndPrintsCanonically() {
        assertThat(AugmentationSpec.parse(" basic , cutout ")).hasToString("basic,cutout");
        assertThat(AugmentationSpec.parse("crop,flip,cutout:8")).hasToString("crop,flip,cutout:8");
        assertThat(AugmentationSpec.parse("cutout:16")).hasToString("cutout");
        assertThat(AugmentationSpec.parse("none")).hasToString("none").isEqualTo(AugmentationSpec.none());
        for (String s : new String[] {"basic,cutout", "crop-reflect", "flip,cutout:3"}) {
            assertThat(AugmentationSpec.parse(AugmentationSpec.parse(s).toString())).isEqualTo(AugmentationSpec.parse(s));
        }
    }

    @Test
    void exposesWhatWasAskedFor() {
        AugmentationSpec basic = AugmentationSpec.parse("basic,cutout");
        assertThat(basic.crop()).contains(PaddingMode.REFLECT);
        assertThat(basic.flip()).isTrue();
        assertThat(basic.cutoutSize()).hasValue(16);
        assertThat(AugmentationSpec.parse("crop").crop()).contains(PaddingMode.ZERO);
        assertThat(AugmentationSpec.parse("none").isNone()).isTrue();
    }

    @Test
    void pipelineOrderIsCropFlipNormalizeCutout() {
        Normalize normalize = new Normalize(new float[] {0.5f}, new float[] {0.5f});
        AugmentationPipeline p = AugmentationSpec.parse("cutout:8,flip,crop").toPipeline(normalize);
        assertThat(p.stages()).hasSize(4);
        assertThat(p.stages().get(0)).isInstanceOf(RandomCrop.class);
        assertThat(((RandomCrop) p.stages().get(0)).padding()).isEqualTo(4);
        assertThat(p.stages().get(1)).isInstanceOf(HorizontalFlip.class);
        assertThat(p.stages().get(2)).isSameAs(normalize);
        assertThat(((Cutout) p.stages().get(3)).size()).isEqualTo(8);
        assertThat(AugmentationSpec.none().toPipeline(null).stages()).isEmpty();
    }

    @Test
    void cutoutAfterNormalizeLeavesZerosInNormalizedSpace() {
        Normalize normalize = new Normalize(new float[] {0.5f}, new float[] {0.5f});
        float[] image = new float[16];
        java.util.Arrays.fill(image, 1f);
        float[] out = AugmentationSpec.parse("cutout:2").toPipeline(normalize).apply(image, 1, 4, 4,
                new ScriptedRandom(0, 0));
        assertThat(out).containsExactly(0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
    }

    @Test
    void sameSeedSameOutput() {
        AugmentationPipeline p = AugmentationSpec.parse("basic,cutout:2").toPipeline(null);
        float[] img = new float[3 * 6 * 6];
        for (int i = 0; i < img.length; i++) {
            img[i] = i;
        }
        float[] a = p.apply(img.clone(), 3, 6, 6, new Random(11));
        assertThat(p.apply(img.clone(), 3, 6, 6, new Random(11))).containsExactly(a);
    }

    @Test
    void rejectsUnknownDuplicateAndConflictingNames() {
        assertThatThrownBy(() -> AugmentationSpec.parse("basic,mixup"))
                .hasMessage("--augment 'basic,mixup': unknown augmentation 'mixup'" + KNOWN);
        assertThatThrownBy(() -> AugmentationSpec.parse("flip,flip"))
                .hasMessage("--augment 'flip,flip' names 'flip' twice" + KNOWN);
        assertThatThrownBy(() -> AugmentationSpec.parse("cutout,cutout:4"))
                .hasMessage("--augment 'cutout,cutout:4' names 'cutout' twice" + KNOWN);
        assertThatThrownBy(() -> AugmentationSpec.parse("basic,flip"))
                .hasMessage("--augment 'basic,flip': 'flip' and 'basic' both flip" + KNOWN);
        assertThatThrownBy(() -> AugmentationSpec.parse("crop,crop-reflect"))
                .hasMessage("--augment 'crop,crop-reflect': 'crop-reflect' and 'crop' both crop" + KNOWN);
        assertThatThrownBy(() -> AugmentationSpec.parse("none,flip"))
                .hasMessage("--augment 'none,flip': 'none' cannot be combined with other augmentations" + KNOWN);
        assertThatThrownBy(() -> AugmentationSpec.parse("cutout:0"))
                .hasMessage("--augment 'cutout:0': cutout size '0' must be a positive integer, as in cutout:8" + KNOWN);
        assertThatThrownBy(() -> AugmentationSpec.parse(" "))
                .hasMessage("--augment is empty" + KNOWN);
        assertThatThrownBy(() -> AugmentationSpec.parse("flip,,crop"))
                .hasMessage("--augment 'flip,,crop' has an empty item" + KNOWN);
    }
}
