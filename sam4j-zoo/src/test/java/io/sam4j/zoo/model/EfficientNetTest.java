package io.sam4j.zoo.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import io.sam4j.core.weights.TorchNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** EfficientNet against torchvision: sizes, state-dict keys, BatchNorm constants, stochastic depth. */
class EfficientNetTest {

    private static final Shape IMAGENET = new Shape(3, 224, 224);
    private static final List<String> BN = List.of("weight", "bias", "running_mean", "running_var");
    private final ModelCatalog catalog = ModelCatalog.standard();

    /** torchvision.models.efficientnet_bN(): sum(p.numel() for p in model.parameters()). */
    @ParameterizedTest(name = "{0} has {1} parameters and resolution {2}")
    @CsvSource({
        "efficientnet-b0, 5288548, 224",
        "efficientnet-b1, 7794184, 240",
        "efficientnet-b2, 9109994, 260",
        "efficientnet-b3, 12233232, 300",
        "efficientnet-b4, 19341616, 380",
        "efficientnet-b5, 30389784, 456",
        "efficientnet-b6, 43040704, 528",
        "efficientnet-b7, 66347960, 600",
    })
    void parameterCountsAreTorchvisions(String name, long expected, int resolution) {
        ModelInfo info = catalog.info(catalog.resolve(name), IMAGENET, 1000);
        assertThat(info.parameterCount()).isEqualTo(expected);
        assertThat(info.defaultResolution()).hasValue(resolution);
        ModelSpec spec = catalog.resolve(name);
        assertThat(spec.family().defaultInputShape(spec)).isEqualTo(new Shape(3, resolution, resolution));
        assertThat(catalog.defaultResolution(name)).hasValue(resolution);
    }

    @Test
    void largerVariantsFollowTheOfficialScaling() {
        // B8: width 2.2, depth 3.6; L2: width 4.3, depth 5.3 (sam_jax MODEL_CONFIGS). The head has
        // round(1280 * w) channels: 2816 and 5504.
        Block b8 = catalog.build("efficientnet-b8", IMAGENET, 1000, ModelOptions.DEFAULTS);
        Map<String, Parameter> names = initialized(b8);
        assertThat(names.get("classifier.1.weight").getShape().getShape()).containsExactly(1000, 2816);
        // Stage 6 (4 repeats in B0) has ceil(3.6 * 4) = 15 blocks: indices 0..14.
        assertThat(names)
                .containsKey("features.6.14.block.3.0.weight")
                .doesNotContainKey("features.6.15.block.3.0.weight");
        assertThat(EfficientNetFamily.stageRepeats(catalog.resolve("efficientnet-l2-475")))
                .containsExactly(6, 11, 11, 16, 16, 22, 6);
        assertThat(EfficientNetFamily.roundFilters(1280, 4.3)).isEqualTo(5504);
        assertThat(catalog.defaultResolution("efficientnet-l2-475")).hasValue(475);
        assertThat(catalog.defaultResolution("resnet-50")).isEmpty();
    }

    /** Keys generated from torchvision's module tree, minus the num_batches_tracked counters. */
    @Test
    void namesAreTorchvisionStateDictKeys() {
        int[] expand = {1, 6, 6, 6, 6, 6, 6};
        int[] repeats = {1, 2, 2, 3, 3, 4, 1};
        List<String> expected = new ArrayList<>();
        convNorm(expected, "features.0");
        for (int s = 0; s < 7; s++) {
            for (int b = 0; b < repeats[s]; b++) {
                String p = "features." + (s + 1) + "." + b + ".block.";
                int layer = 0;
                if (expand[s] != 1) {
                    convNorm(expected, p + layer++);
                }
                convNorm(expected, p + layer++);
                String se = p + layer++;
                for (String fc : List.of(".fc1.weight", ".fc1.bias", ".fc2.weight", ".fc2.bias")) {
                    expected.add(se + fc);
                }
                convNorm(expected, p + layer);
            }
        }
        convNorm(expected, "features.8");
        expected.add("classifier.1.weight");
        expected.add("classifier.1.bias");

        Map<String, Parameter> named =
                initialized(catalog.build("efficientnet-b0", IMAGENET, 1000, ModelOptions.DEFAULTS));
        assertThat(named.keySet()).containsExactlyElementsOf(expected);
        // 360 keys in torchvision's efficientnet_b0().state_dict(), 49 of them num_batches_tracked.
        assertThat(named).hasSize(360 - 49);
        assertThat(shape(named, "features.0.0.weight")).containsExactly(32, 3, 3, 3);
        assertThat(shape(named, "features.1.0.block.0.0.weight")).containsExactly(32, 1, 3, 3);
        assertThat(shape(named, "features.2.0.block.0.0.weight")).containsExactly(96, 16, 1, 1);
        assertThat(shape(named, "features.2.0.block.1.0.weight")).containsExactly(96, 1, 3, 3);
        assertThat(shape(named, "features.2.0.block.2.fc1.weight")).containsExactly(4, 96, 1, 1);
        assertThat(shape(named, "features.3.0.block.1.0.weight")).containsExactly(144, 1, 5, 5);
        assertThat(shape(named, "features.8.0.weight")).containsExactly(1280, 320, 1, 1);
        assertThat(shape(named, "classifier.1.weight")).containsExactly(1000, 1280);
    }

    /**
     * The TF-"SAME" forms: torchvision's names and sizes, the official BatchNorm epsilon, every
     * convolution a {@link Conv2dSame}; and B0-narrow's sizes (width 0.1: 8 ... 32 channels, 128 at
     * the top).
     */
    @Test
    void tfFormsKeepNamesAndSizesButPadAsTensorFlow() {
        Block torch = catalog.build("efficientnet-b0", IMAGENET, 1000, ModelOptions.DEFAULTS);
        Block tf = catalog.build("tf-efficientnet-b0", IMAGENET, 1000, ModelOptions.DEFAULTS);
        assertThat(catalog.info(catalog.resolve("tf-efficientnet-b0"), IMAGENET, 1000)
                        .parameterCount())
                .isEqualTo(5288548);
        assertThat(initialized(tf).keySet())
                .containsExactlyElementsOf(initialized(torch).keySet());
        assertThat(firstNorm(tf).epsilon()).isEqualTo(1e-3f);
        List<Block> convs = new ArrayList<>();
        collectConvs(tf, convs);
        assertThat(convs).hasSize(1 + 16 * 2 + 15 + 1).allMatch(c -> c instanceof Conv2dSame);
        collectConvs(torch, convs = new ArrayList<>());
        assertThat(convs).noneMatch(c -> c instanceof Conv2dSame);
        assertThat(catalog.resolve("tf-efficientnet-b0").family().description(catalog.resolve("tf-efficientnet-b0")))
                .contains("TensorFlow \"SAME\" padding");

        Map<String, Parameter> narrow = initialized(
                catalog.build("tf-efficientnet-b0-narrow", new Shape(3, 32, 32), 10, ModelOptions.DEFAULTS));
        assertThat(shape(narrow, "features.0.0.weight")).containsExactly(8, 3, 3, 3);
        assertThat(shape(narrow, "features.6.3.block.0.0.weight")).containsExactly(144, 24, 1, 1);
        assertThat(shape(narrow, "classifier.1.weight")).containsExactly(10, 128);
        assertThat(catalog.info(catalog.resolve("efficientnet-b0-narrow"), new Shape(3, 32, 32), 10)
                        .parameterCount())
                .isEqualTo(93960);
        assertThat(catalog.defaultResolution("tf-efficientnet-b0-narrow")).hasValue(32);
    }

    /** Convolutions, not counting the squeeze-and-excitation's 1x1 ones with bias. */
    private static void collectConvs(Block block, List<Block> out) {
        if (block instanceof ai.djl.nn.convolutional.Conv2d conv && !conv.isIncludeBias()) {
            out.add(block);
        }
        block.getChildren().values().forEach(child -> collectConvs(child, out));
    }

    @Test
    void batchNormConstantsAreTorchvisionsPerVariant() {
        assertThat(firstNorm(catalog.build("efficientnet-b0", IMAGENET, 10, ModelOptions.DEFAULTS))
                        .epsilon())
                .isEqualTo(1e-5f);
        assertThat(firstNorm(catalog.build("efficientnet-b5", IMAGENET, 10, ModelOptions.DEFAULTS))
                        .epsilon())
                .isEqualTo(1e-3f);
        assertThat(firstNorm(catalog.build("efficientnet-l2-475", IMAGENET, 10, ModelOptions.DEFAULTS))
                        .epsilon())
                .isEqualTo(1e-3f);
    }

    @Test
    void referenceRegularisationIsTheOfficialOne() {
        assertThat(catalog.referenceOptions("efficientnet-b0")).isEqualTo(new ModelOptions(0.2f, 0.2f));
        assertThat(catalog.referenceOptions("efficientnet-b3")).isEqualTo(new ModelOptions(0.3f, 0.2f));
        assertThat(catalog.referenceOptions("efficientnet-b7")).isEqualTo(new ModelOptions(0.5f, 0.2f));
        assertThat(catalog.referenceOptions("resnet-50")).isEqualTo(ModelOptions.DEFAULTS);
        assertThatThrownBy(() ->
                        catalog.build("resnet-20", Networks.CIFAR, 10, ModelOptions.DEFAULTS.withDropConnect(0.1f)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("resnet-20 has no stochastic depth; the drop-connect rate must be 0, got 0.1");
    }

    @Test
    void dropConnectRisesLinearlyOverTheBlocks() {
        Block net = catalog.build("efficientnet-b0", IMAGENET, 10, ModelOptions.DEFAULTS.withDropConnect(0.2f));
        List<MBConvBlock> blocks = new ArrayList<>();
        collect(net, blocks);
        assertThat(blocks).hasSize(16);
        for (int i = 0; i < blocks.size(); i++) {
            assertThat(blocks.get(i).dropProbability()).isCloseTo(0.2f * i / 16, within(1e-7f));
        }
        // Residual: stride 1 and equal channels, the 9 repeats after each stage's first block.
        assertThat(blocks.stream().filter(MBConvBlock::isResidual)).hasSize(9);
    }

    @Test
    void stochasticDepthKeepsWholeExamplesAndPreservesTheMean() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray ones = manager.ones(new Shape(4000, 2, 3, 3));
            Engine.getInstance().setRandomSeed(11);
            float[] out = EfficientNetLayers.stochasticDepth(ones, 0.25f, true).toFloatArray();
            int kept = 0;
            for (int n = 0; n < 4000; n++) {
                float first = out[n * 18];
                assertThat(first).isIn(0f, 1f / 0.75f);
                for (int j = 1; j < 18; j++) {
                    assertThat(out[n * 18 + j]).isEqualTo(first);
                }
                kept += first > 0 ? 1 : 0;
            }
            // Binomial(4000, 0.75): sd 27, so 6 sd is 164.
            assertThat(kept).isBetween(3000 - 164, 3000 + 164);
            assertThat(EfficientNetLayers.stochasticDepth(ones, 0.25f, false)).isSameAs(ones);
        }
    }

    @Test
    void theSameEngineSeedDropsTheSameBlocks() {
        Shape small = new Shape(3, 16, 16);
        Block net = catalog.build("efficientnet-b0", small, 10, new ModelOptions(0f, 0.9f));
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(3);
            Networks.initialized(net, manager, small);
            NDArray x = manager.randomNormal(new Shape(4, 3, 16, 16));
            Engine.getInstance().setRandomSeed(42);
            float[] first = Networks.forward(net, manager, x, true).toFloatArray();
            Engine.getInstance().setRandomSeed(42);
            float[] again = Networks.forward(net, manager, x, true).toFloatArray();
            Engine.getInstance().setRandomSeed(43);
            float[] other = Networks.forward(net, manager, x, true).toFloatArray();
            assertThat(again).containsExactly(first);
            assertThat(other).isNotEqualTo(first);
            assertThat(Networks.forward(net, manager, x, false).getShape()).isEqualTo(new Shape(4, 10));
        }
    }

    private static void collect(Block block, List<MBConvBlock> out) {
        if (block instanceof MBConvBlock mb) {
            out.add(mb);
        }
        block.getChildren().values().forEach(child -> collect(child, out));
    }

    private static FreezableBatchNorm firstNorm(Block block) {
        if (block instanceof FreezableBatchNorm norm) {
            return norm;
        }
        for (Block child : block.getChildren().values()) {
            FreezableBatchNorm found = firstNorm(child);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static void convNorm(List<String> out, String prefix) {
        out.add(prefix + ".0.weight");
        BN.forEach(s -> out.add(prefix + ".1." + s));
    }

    private static long[] shape(Map<String, Parameter> named, String name) {
        return named.get(name).getShape().getShape();
    }

    /** Initializes with uninitialised memory (shapes are what matter) and names by torchvision. */
    private static Map<String, Parameter> initialized(Block block) {
        block.setInitializer((m, shape, type) -> m.create(shape, type), p -> true);
        NDManager manager = NDManager.newBaseManager();
        block.initialize(manager, DataType.FLOAT32, InputShapes.batchOf(1, Networks.CIFAR));
        return TorchNames.of(block);
    }
}
