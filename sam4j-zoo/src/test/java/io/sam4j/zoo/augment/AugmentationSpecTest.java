package io.sam4j.zoo.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AugmentationSpecTest {

    private static final String KNOWN =
            "; known: none, basic, crop, crop-reflect, flip, cutout, cutout:N, cutout-batch[:N], "
                    + "autoaugment[:cifar10|svhn], randaugment[:N:M] (comma-separated)";

    @Test
    void parsesAndPrintsCanonically() {
        assertThat(AugmentationSpec.parse(" basic , cutout ")).hasToString("basic,cutout");
        assertThat(AugmentationSpec.parse("crop,flip,cutout:8")).hasToString("crop,flip,cutout:8");
        assertThat(AugmentationSpec.parse("cutout:16")).hasToString("cutout");
        assertThat(AugmentationSpec.parse("none")).hasToString("none").isEqualTo(AugmentationSpec.none());
        for (String s : new String[] {"basic,cutout", "crop-reflect", "flip,cutout:3"}) {
            assertThat(AugmentationSpec.parse(AugmentationSpec.parse(s).toString()))
                    .isEqualTo(AugmentationSpec.parse(s));
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
    void parsesPoliciesAndBatchCutout() {
        assertThat(AugmentationSpec.parse("autoaugment:cifar10,basic")).hasToString("autoaugment,basic");
        assertThat(AugmentationSpec.parse("autoaugment:svhn").autoAugment()).contains("svhn");
        assertThat(AugmentationSpec.parse("randaugment:2:9")).hasToString("randaugment");
        AugmentationSpec ra = AugmentationSpec.parse("randaugment:3:5,cutout-batch:8");
        assertThat(ra).hasToString("randaugment:3:5,cutout-batch:8");
        assertThat(ra.randAugment()).hasValueSatisfying(nm -> assertThat(nm).containsExactly(3, 5));
        assertThat(ra.cutoutPerBatch()).isTrue();
        assertThat(ra.cutoutSize()).hasValue(8);
        assertThat(ra.batchAugmentation())
                .hasValueSatisfying(b -> assertThat(((BatchCutout) b).size()).isEqualTo(8));
        assertThat(AugmentationSpec.parse("cutout").batchAugmentation()).isEmpty();
        assertThat(AugmentationSpec.parse("cutout-batch:16")).hasToString("cutout-batch");
        for (String s : new String[] {"autoaugment:svhn,cutout-batch", "randaugment:1:0,flip"}) {
            assertThat(AugmentationSpec.parse(AugmentationSpec.parse(s).toString()))
                    .isEqualTo(AugmentationSpec.parse(s));
        }
    }

    @Test
    void rejectsBadPolicyArguments() {
        assertThatThrownBy(() -> AugmentationSpec.parse("autoaugment:imagenet"))
                .hasMessage(
                        "--augment 'autoaugment:imagenet': AutoAugment policy 'imagenet' must be one of cifar10, svhn"
                                + KNOWN);
        assertThatThrownBy(() -> AugmentationSpec.parse("randaugment:2:11"))
                .hasMessage("--augment 'randaugment:2:11': 'randaugment:2:11' must be randaugment:N:M with N >= 1 "
                        + "operations and magnitude M in [0, 10], as in randaugment:2:9" + KNOWN);
        assertThatThrownBy(() -> AugmentationSpec.parse("randaugment:2"))
                .hasMessageStartingWith("--augment 'randaugment:2': 'randaugment:2' must be randaugment:N:M");
        assertThatThrownBy(() -> AugmentationSpec.parse("autoaugment,randaugment"))
                .hasMessage("--augment 'autoaugment,randaugment': 'randaugment' and 'autoaugment' are both "
                        + "augmentation policies" + KNOWN);
        assertThatThrownBy(() -> AugmentationSpec.parse("cutout,cutout-batch"))
                .hasMessage("--augment 'cutout,cutout-batch': 'cutout-batch' and 'cutout' are both Cutout" + KNOWN);
        assertThatThrownBy(() -> AugmentationSpec.parse("flip:2"))
                .hasMessage("--augment 'flip:2': 'flip' takes no argument" + KNOWN);
    }

    @Test
    void pipelineOrderIsPolicyCropFlipNormalizeCutoutAsTheOfficialSamCode() {
        Normalize normalize = new Normalize(new float[] {0.5f}, new float[] {0.5f});
        AugmentationPipeline p =
                AugmentationSpec.parse("cutout,basic,autoaugment:svhn").toPipeline(normalize);
        assertThat(p.stages())
                .extracting(Object::getClass)
                .containsExactly(
                        AutoAugment.class, RandomCrop.class, HorizontalFlip.class, Normalize.class, Cutout.class);
        assertThat(((AutoAugment) p.stages().get(0)).policy().name()).isEqualTo("svhn");
        AugmentationPipeline batch =
                AugmentationSpec.parse("randaugment,cutout-batch").toPipeline(normalize);
        assertThat(batch.stages()).extracting(Object::getClass).containsExactly(RandAugment.class, Normalize.class);
    }

    @Test
    void folderPipelinesCropToTheModelInput() {
        Normalize normalize = new Normalize(new float[] {0, 0, 0}, new float[] {1, 1, 1});
        AugmentationPipeline train =
                AugmentationSpec.parse("basic,autoaugment,cutout:4").toFolderTrainPipeline(8, normalize);
        assertThat(train.stages())
                .extracting(Object::getClass)
                .containsExactly(
                        AutoAugment.class,
                        RandomResizedCrop.class,
                        HorizontalFlip.class,
                        Normalize.class,
                        Cutout.class);
        assertThat(train.outputShape(3, 9, 9)).containsExactly(3, 8, 8);
        assertThat(AugmentationSpec.none().toFolderTrainPipeline(8, null).stages())
                .extracting(Object::getClass)
                .containsExactly(CenterCrop.class);
        assertThat(AugmentationSpec.parse("flip").toFolderTrainPipeline(8, null).stages())
                .extracting(Object::getClass)
                .containsExactly(CenterCrop.class, HorizontalFlip.class);
        AugmentationPipeline test = AugmentationSpec.folderTestPipeline(8, normalize);
        assertThat(test.stages()).extracting(Object::getClass).containsExactly(CenterCrop.class, Normalize.class);
        assertThatThrownBy(() -> AugmentationSpec.parse("crop,flip").toFolderTrainPipeline(8, null))
                .hasMessage("--augment 'crop,flip': pad-and-crop is for fixed-size datasets; image folders crop with "
                        + "random-resized-crop through 'basic'");
    }

    @Test
    void cutoutAfterNormalizeLeavesZerosInNormalizedSpace() {
        Normalize normalize = new Normalize(new float[] {0.5f}, new float[] {0.5f});
        float[] image = new float[16];
        Arrays.fill(image, 1f);
        float[] out = AugmentationSpec.parse("cutout:2")
                .toPipeline(normalize)
                .apply(image, 1, 4, 4, new ScriptedRandom(0, 0));
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
        assertThatThrownBy(() -> AugmentationSpec.parse(" ")).hasMessage("--augment is empty" + KNOWN);
        assertThatThrownBy(() -> AugmentationSpec.parse("flip,,crop"))
                .hasMessage("--augment 'flip,,crop' has an empty item" + KNOWN);
    }
}
