package io.sam4j.core.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official EfficientNet checkpoint layout mapped to torchvision names, on a tiny network of the
 * same structure: a stem of 4 channels, one block without expansion (4 to 4, residual), one with
 * expansion 2 (4 to 6 through 8), a head of 12 channels and 5 classes. The Flax tree is written here
 * path by path from the official code's module names, not from the mapping under test.
 */
class FlaxEfficientNetTest {

    @TempDir
    Path dir;

    private float next = 1f;

    private NamedTensor t(long... shape) {
        NamedTensor tensor = FlaxCheckpointTest.floats(shape, next);
        next += 1000f;
        return tensor;
    }

    private Map<String, Object> bn(int channels) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scale", t(channels));
        m.put("bias", t(channels));
        return m;
    }

    private Map<String, Object> stats(int channels) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mean", t(channels));
        m.put("var", t(channels));
        return m;
    }

    private static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    /** The (model, state) tree of sam_jax's EfficientNet, with tiny widths. */
    Map<String, Object> tinyFlaxTree() {
        Map<String, Object> params = map(
                "0", map("conv2d", map("kernel", t(3, 3, 3, 4)), "batch_normalization", bn(4)),
                "1",
                        map(
                                "depthwise_conv2d", map("depthwise_kernel", t(3, 3, 4, 1)),
                                "batch_normalization_0", bn(4),
                                "0",
                                        map(
                                                "reduce_conv2d_0", map("kernel", t(1, 1, 4, 1), "bias", t(1)),
                                                "expand_conv2d_1", map("kernel", t(1, 1, 1, 4), "bias", t(4))),
                                "project_conv2d_0", map("kernel", t(1, 1, 4, 4)),
                                "batch_normalization_1", bn(4)),
                "2",
                        map(
                                "expand_conv2d_0", map("kernel", t(1, 1, 4, 8)),
                                "batch_normalization_0", bn(8),
                                "depthwise_conv2d", map("depthwise_kernel", t(5, 5, 8, 1)),
                                "batch_normalization_1", bn(8),
                                "0",
                                        map(
                                                "reduce_conv2d_0", map("kernel", t(1, 1, 8, 1), "bias", t(1)),
                                                "expand_conv2d_1", map("kernel", t(1, 1, 1, 8), "bias", t(8))),
                                "project_conv2d_1", map("kernel", t(1, 1, 8, 6)),
                                "batch_normalization_2", bn(6)),
                "3",
                        map(
                                "conv2d", map("kernel", t(1, 1, 6, 12)),
                                "batch_normalization", bn(12),
                                "dense", map("kernel", t(12, 5), "bias", t(5))));
        Map<String, Object> collection = map(
                "/0/batch_normalization", stats(4),
                "/1/batch_normalization_0", stats(4),
                "/1/batch_normalization_1", stats(4),
                "/2/batch_normalization_0", stats(8),
                "/2/batch_normalization_1", stats(8),
                "/2/batch_normalization_2", stats(6),
                "/3/batch_normalization", stats(12));
        return map("0", map("params", params), "1", collection);
    }

    /** The tiny network's torchvision state-dict shapes. */
    static Map<String, long[]> tinyModel(int classes) {
        Map<String, long[]> m = new LinkedHashMap<>();
        convBn(m, "features.0", 4, 3, 3, 1);
        convBn(m, "features.1.0.block.0", 4, 1, 3, 4);
        se(m, "features.1.0.block.1", 4, 1);
        convBn(m, "features.1.0.block.2", 4, 4, 1, 1);
        convBn(m, "features.2.0.block.0", 8, 4, 1, 1);
        convBn(m, "features.2.0.block.1", 8, 1, 5, 8);
        se(m, "features.2.0.block.2", 8, 1);
        convBn(m, "features.2.0.block.3", 6, 8, 1, 1);
        convBn(m, "features.3", 12, 6, 1, 1);
        m.put("classifier.1.weight", new long[] {classes, 12});
        m.put("classifier.1.bias", new long[] {classes});
        return m;
    }

    private static void convBn(Map<String, long[]> m, String p, int out, int in, int k, int groups) {
        m.put(p + ".0.weight", new long[] {out, in, k, k});
        for (String s : List.of("weight", "bias", "running_mean", "running_var")) {
            m.put(p + ".1." + s, new long[] {out});
        }
    }

    private static void se(Map<String, long[]> m, String p, int channels, int squeeze) {
        m.put(p + ".fc1.weight", new long[] {squeeze, channels, 1, 1});
        m.put(p + ".fc1.bias", new long[] {squeeze});
        m.put(p + ".fc2.weight", new long[] {channels, squeeze, 1, 1});
        m.put(p + ".fc2.bias", new long[] {channels});
    }

    private FlaxCheckpoint written(Map<String, Object> tree) throws Exception {
        Path file = dir.resolve("checkpoint_" + next);
        FlaxCheckpoint.write(file, tree);
        return FlaxCheckpoint.read(file);
    }

    private static Map<String, NamedTensor> byName(List<NamedTensor> tensors) {
        return tensors.stream()
                .collect(Collectors.toMap(NamedTensor::name, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    }

    @Test
    void everyTensorLandsWhereTheLayoutSaysValueByValue() throws Exception {
        FlaxCheckpoint checkpoint = written(tinyFlaxTree());
        Map<String, NamedTensor> flax = checkpoint.tensors();
        Map<String, NamedTensor> torch =
                byName(FlaxEfficientNet.toTorchvision(checkpoint, tinyModel(5), FlaxEfficientNet.FLAX_EPSILON));
        assertThat(torch.keySet()).containsExactlyElementsOf(tinyModel(5).keySet());

        // Regular convolution, HWIO (1, 1, 8, 6) -> OIHW (6, 8, 1, 1): w[o][i] = k[0][0][i][o].
        float[] k = flax.get("0/params/2/project_conv2d_1/kernel").toFloats();
        float[] w = torch.get("features.2.0.block.3.0.weight").toFloats();
        for (int o = 0; o < 6; o++) {
            for (int i = 0; i < 8; i++) {
                assertThat(w[o * 8 + i]).isEqualTo(k[i * 6 + o]);
            }
        }
        // Depthwise (5, 5, 8, 1) -> (8, 1, 5, 5): w[c][0][h][x] = k[h][x][c][0].
        float[] dk = flax.get("0/params/2/depthwise_conv2d/depthwise_kernel").toFloats();
        float[] dw = torch.get("features.2.0.block.1.0.weight").toFloats();
        for (int c = 0; c < 8; c++) {
            for (int h = 0; h < 5; h++) {
                for (int x = 0; x < 5; x++) {
                    assertThat(dw[(c * 5 + h) * 5 + x]).isEqualTo(dk[(h * 5 + x) * 8 + c]);
                }
            }
        }
        // Dense (12, 5) -> Linear (5, 12).
        float[] dense = flax.get("0/params/3/dense/kernel").toFloats();
        float[] linear = torch.get("classifier.1.weight").toFloats();
        for (int o = 0; o < 5; o++) {
            for (int i = 0; i < 12; i++) {
                assertThat(linear[o * 12 + i]).isEqualTo(dense[i * 5 + o]);
            }
        }
        // Vectors copy as they are: SE, BatchNorm scale (torchvision's weight), statistics.
        Map<String, String> same = Map.of(
                "0/params/1/0/reduce_conv2d_0/bias", "features.1.0.block.1.fc1.bias",
                "0/params/1/0/expand_conv2d_1/bias", "features.1.0.block.1.fc2.bias",
                "0/params/1/batch_normalization_1/scale", "features.1.0.block.2.1.weight",
                "0/params/2/batch_normalization_0/bias", "features.2.0.block.0.1.bias",
                "1/2/batch_normalization_2/mean", "features.2.0.block.3.1.running_mean",
                "1/3/batch_normalization/var", "features.3.1.running_var",
                "1/0/batch_normalization/var", "features.0.1.running_var",
                "0/params/3/dense/bias", "classifier.1.bias");
        same.forEach((f, n) -> assertThat(torch.get(n).toFloats())
                .as(n)
                .containsExactly(flax.get(f).toFloats()));
        // SE 1x1 kernels: (1, 1, 4, 1) -> (1, 4, 1, 1) holds the same 4 values in the same order.
        assertThat(torch.get("features.1.0.block.1.fc1.weight").toFloats())
                .containsExactly(flax.get("0/params/1/0/reduce_conv2d_0/kernel").toFloats());
    }

    @Test
    void transposedKernelsConvolveAsFlaxDefinesThem() throws Exception {
        FlaxCheckpoint checkpoint = written(tinyFlaxTree());
        Map<String, NamedTensor> torch =
                byName(FlaxEfficientNet.toTorchvision(checkpoint, tinyModel(5), FlaxEfficientNet.FLAX_EPSILON));
        float[] k = checkpoint.tensors().get("0/params/0/conv2d/kernel").toFloats(); // (3, 3, 3, 4) HWIO
        float[] dk = checkpoint
                .tensors()
                .get("0/params/1/depthwise_conv2d/depthwise_kernel")
                .toFloats();
        int size = 5;
        float[] x = new float[3 * size * size];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(i * 0.7) * 0.01f;
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray input = manager.create(x, new Shape(1, 3, size, size));
            NDArray weight = manager.create(torch.get("features.0.0.weight").toFloats(), new Shape(4, 3, 3, 3));
            float[] engine = Conv2d.conv2d(input, weight, null, new Shape(1, 1), new Shape(1, 1))
                    .singletonOrThrow()
                    .toFloatArray();
            // y[o][r][c] = sum over h, w, i of x[i][r + h - 1][c + w - 1] * K[h][w][i][o], zero padded.
            for (int o = 0; o < 4; o++) {
                for (int r = 0; r < size; r++) {
                    for (int c = 0; c < size; c++) {
                        double sum = 0;
                        for (int h = 0; h < 3; h++) {
                            for (int w = 0; w < 3; w++) {
                                int rr = r + h - 1;
                                int cc = c + w - 1;
                                if (rr < 0 || cc < 0 || rr >= size || cc >= size) {
                                    continue;
                                }
                                for (int i = 0; i < 3; i++) {
                                    sum += (double) x[(i * size + rr) * size + cc] * k[((h * 3 + w) * 3 + i) * 4 + o];
                                }
                            }
                        }
                        assertThat(engine[(o * size + r) * size + c])
                                .as("output %d at %d, %d", o, r, c)
                                .isCloseTo((float) sum, within(1e-3f * (float) Math.abs(sum) + 1e-4f));
                    }
                }
            }
            // Depthwise: channel c convolves only input channel c, with K[h][w][c][0].
            NDArray four = manager.create(Arrays.copyOf(x, 4 * 9), new Shape(1, 4, 3, 3));
            NDArray dweight =
                    manager.create(torch.get("features.1.0.block.0.0.weight").toFloats(), new Shape(4, 1, 3, 3));
            float[] depthwise = Conv2d.conv2d(four, dweight, null, new Shape(1, 1), new Shape(1, 1), new Shape(1, 1), 4)
                    .singletonOrThrow()
                    .toFloatArray();
            for (int ch = 0; ch < 4; ch++) {
                double centre = 0;
                for (int h = 0; h < 3; h++) {
                    for (int w = 0; w < 3; w++) {
                        centre += (double) x[ch * 9 + h * 3 + w] * dk[(h * 3 + w) * 4 + ch];
                    }
                }
                assertThat(depthwise[ch * 9 + 4]).isCloseTo((float) centre, within(1e-3f * (float) Math.abs(centre)));
            }
        }
    }

    @Test
    void varianceAbsorbsAnotherEpsilon() throws Exception {
        FlaxCheckpoint checkpoint = written(tinyFlaxTree());
        float[] var = checkpoint.tensors().get("1/2/batch_normalization_1/var").toFloats();
        Map<String, NamedTensor> torch = byName(FlaxEfficientNet.toTorchvision(checkpoint, tinyModel(5), 1e-5f));
        float[] shifted = torch.get("features.2.0.block.1.1.running_var").toFloats();
        for (int i = 0; i < var.length; i++) {
            // var + 1e-5 in the model equals var_flax + 1e-3 in the checkpoint.
            assertThat(shifted[i] + 1e-5f).isCloseTo(var[i] + 1e-3f, within(Math.ulp(var[i]) * 4));
        }
    }

    @Test
    void aDifferentClassCountPassesTheHeadThroughForModelWeights() throws Exception {
        Map<String, NamedTensor> torch = byName(
                FlaxEfficientNet.toTorchvision(written(tinyFlaxTree()), tinyModel(3), FlaxEfficientNet.FLAX_EPSILON));
        assertThat(torch.get("classifier.1.weight").shape()).containsExactly(5, 12);
    }

    @Test
    void missingExtraAndMisshapenTensorsFailInOneLine() throws Exception {
        Map<String, Object> missing = tinyFlaxTree();
        ((Map<?, ?>) ((Map<?, ?>) missing.get("1")).get("/2/batch_normalization_1")).remove("var");
        assertThatThrownBy(() -> FlaxEfficientNet.toTorchvision(written(missing), tinyModel(5), 1e-3f))
                .hasMessageEndingWith(" lacks 1/2/batch_normalization_1/var, which initializes"
                        + " features.2.0.block.1.1.running_var");

        Map<String, Object> extra = tinyFlaxTree();
        @SuppressWarnings("unchecked")
        Map<String, Object> params = (Map<String, Object>) ((Map<?, ?>) extra.get("0")).get("params");
        params.put("4", map("conv2d", map("kernel", t(1, 1, 12, 12))));
        assertThatThrownBy(() -> FlaxEfficientNet.toTorchvision(written(extra), tinyModel(5), 1e-3f))
                .hasMessageContaining(
                        " has 0/params/4/conv2d/kernel [1, 1, 12, 12], which no tensor of the model takes")
                .hasMessageNotContaining("\n");

        Map<String, Object> misshapen = tinyFlaxTree();
        @SuppressWarnings("unchecked")
        Map<String, Object> block =
                (Map<String, Object>) ((Map<?, ?>) ((Map<?, ?>) misshapen.get("0")).get("params")).get("2");
        block.put("depthwise_conv2d", map("depthwise_kernel", t(3, 3, 8, 1)));
        assertThatThrownBy(() -> FlaxEfficientNet.toTorchvision(written(misshapen), tinyModel(5), 1e-3f))
                .hasMessageEndingWith(": 0/params/2/depthwise_conv2d/depthwise_kernel [3, 3, 8, 1] gives"
                        + " features.2.0.block.1.0.weight [8, 1, 3, 3] but the model's is [8, 1, 5, 5]");

        Map<String, long[]> notEfficientNet = Map.of("conv1.weight", new long[] {4, 3, 3, 3});
        assertThatThrownBy(() -> FlaxEfficientNet.toTorchvision(written(tinyFlaxTree()), notEfficientNet, 1e-3f))
                .hasMessageStartingWith("the model is not an EfficientNet");
    }

    @Test
    void aTrainingRunCheckpointMapsLikeTheModelAndStatePair() throws Exception {
        Map<String, Object> pair = tinyFlaxTree();
        next = 1f; // the same values again
        Map<String, Object> sameValues = tinyFlaxTree();
        Map<String, Object> training = map(
                "optimizer",
                        map(
                                "target", sameValues.get("0"),
                                "state", map("step", t(1), "param_states", map("0", map("momentum", t(3))))),
                "model_state", sameValues.get("1"),
                "epoch", t(1));
        List<NamedTensor> fromPair = FlaxEfficientNet.toTorchvision(written(pair), tinyModel(5), 1e-3f);
        List<NamedTensor> fromRun = FlaxEfficientNet.toTorchvision(written(training), tinyModel(5), 1e-3f);
        assertThat(fromRun).hasSameSizeAs(fromPair);
        for (int i = 0; i < fromPair.size(); i++) {
            assertThat(fromRun.get(i).name()).isEqualTo(fromPair.get(i).name());
            assertThat(fromRun.get(i).toFloats()).isEqualTo(fromPair.get(i).toFloats());
        }
    }

    @Test
    void theInverseLayoutRoundTrips() throws Exception {
        FlaxCheckpoint checkpoint = written(tinyFlaxTree());
        List<NamedTensor> torch = FlaxEfficientNet.toTorchvision(checkpoint, tinyModel(5), 1e-3f);
        FlaxCheckpoint again = written(FlaxEfficientNet.toFlaxTree(torch, 1e-3f, FlaxEfficientNet.naming(checkpoint)));
        assertThat(again.tensors().keySet())
                .containsExactlyInAnyOrderElementsOf(checkpoint.tensors().keySet());
        checkpoint.tensors().forEach((path, tensor) -> {
            assertThat(again.tensors().get(path).shape()).as(path).containsExactly(tensor.shape());
            assertThat(again.tensors().get(path).toFloats()).as(path).isEqualTo(tensor.toFloats());
        });
    }

    /**
     * The tiny tree with the modules renamed as flax 0.2.2 names the official code's unnamed ones
     * ({@code ClassName_<counter>} per parent): stem, blocks 1 and 2, head 3, and the block's
     * squeeze-and-excitation.
     */
    private static Object flax022(Object node, boolean params) {
        if (!(node instanceof Map<?, ?> m)) {
            return node;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((key, value) -> {
            String k = (String) key;
            String renamed = switch (k) {
                case "0" -> params ? "Stem_0" : k;
                case "1", "2" -> params ? "MBConvBlock_" + k : k;
                case "3" -> params ? "Head_3" : k;
                case "/0/batch_normalization" -> "/Stem_0/batch_normalization";
                case "/3/batch_normalization" -> "/Head_3/batch_normalization";
                default -> k.matches("/[12]/.*") ? "/MBConvBlock_" + k.substring(1) : k;
            };
            // Inside a block, its module 0 is the squeeze-and-excitation.
            boolean inBlock = k.equals("1") || k.equals("2");
            Object child = value;
            if (inBlock && params && value instanceof Map<?, ?> block) {
                Map<String, Object> b = new LinkedHashMap<>();
                block.forEach((bk, bv) -> b.put(bk.equals("0") ? "SqueezeExcite_0" : (String) bk, bv));
                child = b;
            } else if (value instanceof Map<?, ?> && !inBlock) {
                child = flax022(value, params && !k.startsWith("/"));
            }
            out.put(renamed, child);
        });
        return out;
    }

    @Test
    void flax022NamesMapAsTheNumberedOnesDo() throws Exception {
        Map<String, Object> numbered = tinyFlaxTree();
        next = 1f; // the same values again
        Map<String, Object> tree = tinyFlaxTree();
        @SuppressWarnings("unchecked")
        Map<String, Object> model = (Map<String, Object>) tree.get("0");
        Map<String, Object> named =
                map("0", map("params", flax022(model.get("params"), true)), "1", flax022(tree.get("1"), false));
        FlaxCheckpoint checkpoint = written(named);
        assertThat(checkpoint.tensors())
                .containsKeys(
                        "0/params/Stem_0/conv2d/kernel",
                        "0/params/MBConvBlock_2/SqueezeExcite_0/expand_conv2d_1/bias",
                        "0/params/Head_3/dense/kernel",
                        "1/MBConvBlock_2/batch_normalization_2/var");
        assertThat(FlaxEfficientNet.naming(checkpoint)).isEqualTo(FlaxEfficientNet.Naming.FLAX_0_2);
        assertThat(FlaxEfficientNet.naming(written(numbered))).isEqualTo(FlaxEfficientNet.Naming.NUMBERED);
        List<NamedTensor> fromNumbered = FlaxEfficientNet.toTorchvision(written(numbered), tinyModel(5), 1e-3f);
        List<NamedTensor> fromNamed = FlaxEfficientNet.toTorchvision(checkpoint, tinyModel(5), 1e-3f);
        assertThat(fromNamed).hasSameSizeAs(fromNumbered);
        for (int i = 0; i < fromNamed.size(); i++) {
            assertThat(fromNamed.get(i).name()).isEqualTo(fromNumbered.get(i).name());
            assertThat(fromNamed.get(i).toFloats())
                    .isEqualTo(fromNumbered.get(i).toFloats());
        }
        // sam4j's writer names modules as flax 0.2.2 does, and reads back what it wrote.
        FlaxCheckpoint again = written(FlaxEfficientNet.toFlaxTree(fromNamed, 1e-3f));
        assertThat(again.tensors().keySet())
                .containsExactlyInAnyOrderElementsOf(checkpoint.tensors().keySet());
    }
}
