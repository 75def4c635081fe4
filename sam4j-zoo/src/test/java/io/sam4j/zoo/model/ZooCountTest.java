package io.sam4j.zoo.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Parameter counts of the ImageNet ResNets, Shake-Shake and PyramidNet against the papers and
 * reference code.
 *
 * <p>ImageNet ResNets, 3x224x224 and 1000 classes: torchvision's counts (e.g. {@code
 * sum(p.numel() for p in resnet50().parameters())} = 25,557,032). Recomputed by hand for
 * ResNet-18: stem 3*64*49 + 128 = 9,536; layer1 2 * 2 * (64*64*9 + 128) = 147,968; layer2 (64*128*9
 * + 128*128*9 + 512 + 64*128 + 256) + (2*128*128*9 + 512) = 525,568; layer3 2,099,712; layer4
 * 8,393,728; fc 512,000 + 1,000; total 11,689,512.
 *
 * <p>Shake-Shake-26 2x96d (Gastaldi 2017, Table 1: 26.2M): stem 3*16*9 + 32; each block has two
 * branches of 2 convs 3x3 + 2 BN; the first block of each stage has the 2 x 1x1 conv to half
 * width + BN shortcut; fc 384*10 + 10; total 26,192,922.
 *
 * <p>PyramidNet with floored widths (see {@link PyramidNetFamily}): 272/200 bottleneck 26,046,428
 * (paper 26.0M), 200/240 26,594,048 (26.6M), 236/220 26,795,126 (26.8M), 110/48 basic 1,732,856
 * (1.7M), all recomputed with an independent script that sums the layer formulas.
 */
class ZooCountTest {

    private static final Shape IMAGENET = new Shape(3, 224, 224);

    @ParameterizedTest(name = "{0} has {1} parameters for 3x224x224, 1000 classes")
    @CsvSource({
        "resnet-18, 11689512",
        "resnet-34, 21797672",
        "resnet-50, 25557032",
        "resnet-101, 44549160",
        "resnet-152, 60192808",
    })
    void imageNetResNetsMatchTorchvision(String name, long expected) {
        ModelCatalog catalog = ModelCatalog.standard();
        assertThat(catalog.info(catalog.resolve(name), IMAGENET, 1000).parameterCount())
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} has {1} parameters for CIFAR-10")
    @CsvSource({
        "shake-shake-26-2x96d, 26192922",
        "shake-shake-26-2x32d, 2923162",
        "pyramidnet-272-200, 26046428",
        "pyramidnet-272-200-shakedrop, 26046428",
        "pyramidnet-200-240, 26594048",
        "pyramidnet-236-220, 26795126",
        "pyramidnet-110-48, 1732856",
        "resnet-50, 23528522",
    })
    void cifarCountsMatchThePapers(String name, long expected) {
        ModelCatalog catalog = ModelCatalog.standard();
        assertThat(catalog.info(catalog.resolve(name), Networks.CIFAR, 10).parameterCount())
                .isEqualTo(expected);
    }

    @Test
    void classCountOnlyChangesTheHead() {
        ModelCatalog catalog = ModelCatalog.standard();
        // 864 features into 100 instead of 10 logits: 90 * 865 more.
        assertThat(catalog.info(catalog.resolve("pyramidnet-272-200"), Networks.CIFAR, 100)
                        .parameterCount())
                .isEqualTo(26_046_428 + 90 * 865);
    }

    @Test
    void namesResolveToTheRightFamily() {
        ModelCatalog catalog = ModelCatalog.standard();
        assertThat(catalog.resolve("resnet-50").family()).isInstanceOf(ImageNetResNetFamily.class);
        assertThat(catalog.resolve("resnet-56").family()).isInstanceOf(CifarResNetFamily.class);
        assertThat(catalog.resolve("resnet-110").family()).isInstanceOf(CifarResNetFamily.class);
        assertThat(catalog.resolve("PyramidNet-272-200-ShakeDrop").name()).isEqualTo("pyramidnet-272-200-shakedrop");
        assertThat(catalog.resolve("pyramidnet-272-200").arguments()).containsExactly(272, 200, 1, 0);
        assertThat(catalog.resolve("pyramidnet-110-48").arguments()).containsExactly(110, 48, 0, 0);
        assertThatThrownBy(() -> catalog.resolve("pyramidnet-273-200"))
                .hasMessageContaining("9n+2")
                .hasMessageContaining("273");
        assertThatThrownBy(() -> catalog.resolve("pyramidnet-111-48"))
                .hasMessageContaining("6n+2")
                .hasMessageContaining("111");
        assertThatThrownBy(() -> catalog.resolve("shake-shake-27-2x96d")).hasMessageContaining("6n+2");
        assertThatThrownBy(() -> catalog.resolve("shake-shake-26-2x95d")).hasMessageContaining("even");
    }
}
