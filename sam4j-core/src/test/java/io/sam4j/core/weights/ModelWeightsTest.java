package io.sam4j.core.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelWeightsTest {

    @TempDir
    Path dir;

    /** conv1, bn1, then a "layer1" holding "0" (a conv), then flatten and "fc", as PyTorch would name them. */
    private static Block net(NDManager manager, int classes, long seed) {
        SequentialBlock inner = new SequentialBlock() {
            {
                addChildBlock(
                        "0",
                        Conv2d.builder()
                                .setFilters(2)
                                .setKernelShape(new Shape(1, 1))
                                .optBias(false)
                                .build());
            }
        };
        SequentialBlock net = new SequentialBlock() {
            {
                addChildBlock(
                        "conv1",
                        Conv2d.builder()
                                .setFilters(3)
                                .setKernelShape(new Shape(3, 3))
                                .build());
                addChildBlock("bn1", BatchNorm.builder().build());
                addChildBlock("layer1", inner);
                addChildBlock("flatten", Blocks.batchFlattenBlock());
                addChildBlock("fc", Linear.builder().setUnits(classes).build());
            }
        };
        Engine.getInstance().setRandomSeed((int) seed);
        net.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 5, 5));
        return net;
    }

    @Test
    void namesFollowPyTorch() {
        try (NDManager manager = NDManager.newBaseManager()) {
            assertThat(TorchNames.of(net(manager, 4, 1)).keySet())
                    .containsExactly(
                            "conv1.weight",
                            "conv1.bias",
                            "bn1.weight",
                            "bn1.bias",
                            "bn1.running_mean",
                            "bn1.running_var",
                            "layer1.0.weight",
                            "fc.weight",
                            "fc.bias");
        }
    }

    @Test
    void exportThenLoadRestoresEveryValueBitwise() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block source = net(manager, 4, 1);
            source.getParameters().get("02bn1_runningMean").getArray().addi(0.125f);
            Path file = dir.resolve("w.safetensors");
            SafeTensors.write(file, ModelWeights.export(source), Map.of());
            Block target = net(manager, 4, 2);
            assertThat(values(target)).isNotEqualTo(values(source));
            ModelWeights.LoadReport report =
                    ModelWeights.load(target, SafeTensors.read(file).tensors());
            assertThat(report.loaded()).isEqualTo(9);
            assertThat(report.headReplaced()).isFalse();
            assertThat(values(target)).isEqualTo(values(source));
        }
    }

    @Test
    void aHeadOfAnotherClassCountKeepsItsFreshWeights() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block source = net(manager, 4, 1);
            Block target = net(manager, 7, 2);
            List<List<Integer>> fresh = values(target);
            ModelWeights.LoadReport report = ModelWeights.load(target, ModelWeights.export(source));
            assertThat(report.replacedHead()).containsExactly("fc.weight", "fc.bias");
            assertThat(report.loaded()).isEqualTo(7);
            List<List<Integer>> loaded = values(target);
            List<List<Integer>> expected = values(source).subList(0, 7);
            assertThat(loaded.subList(0, 7)).isEqualTo(expected);
            assertThat(loaded.subList(7, 9)).isEqualTo(fresh.subList(7, 9));
        }
    }

    @Test
    void missingUnexpectedAndMisshapenTensorsAreNamed() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block target = net(manager, 4, 1);
            List<NamedTensor> tensors = new ArrayList<>(ModelWeights.export(target));
            List<NamedTensor> missing = new ArrayList<>(tensors);
            missing.remove(0);
            assertThatThrownBy(() -> ModelWeights.load(target, missing))
                    .hasMessage("tensor conv1.weight [3, 1, 3, 3] of the model is missing from the weights");
            List<NamedTensor> extra = new ArrayList<>(tensors);
            extra.add(NamedTensor.ofFloats("conv9.weight", new long[] {1}, new float[] {1}));
            assertThatThrownBy(() -> ModelWeights.load(target, extra))
                    .hasMessageStartingWith("tensor conv9.weight [1] is not a parameter of the model");
            List<NamedTensor> misshapen = new ArrayList<>(tensors);
            misshapen.set(6, NamedTensor.ofFloats("layer1.0.weight", new long[] {2, 3}, new float[6]));
            assertThatThrownBy(() -> ModelWeights.load(target, misshapen))
                    .hasMessage("tensor layer1.0.weight has shape [2, 3] in the weights but [2, 3, 1, 1] in the model");
            List<NamedTensor> counters = new ArrayList<>(tensors);
            counters.add(NamedTensor.ofLongs("bn1.num_batches_tracked", new long[0], new long[] {3}));
            assertThat(ModelWeights.load(target, counters).loaded()).isEqualTo(9);
        }
    }

    private static List<List<Integer>> values(Block block) {
        List<List<Integer>> out = new ArrayList<>();
        for (var p : block.getParameters().values()) {
            List<Integer> bits = new ArrayList<>();
            for (float f : p.getArray().toFloatArray()) {
                bits.add(Float.floatToRawIntBits(f));
            }
            out.add(bits);
        }
        return out;
    }
}
