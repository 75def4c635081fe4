package io.sam4j.zoo.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import io.sam4j.core.weights.TorchNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The ImageNet ResNets export under torchvision's state-dict keys, in torchvision's order (a
 * module's parameters, then its buffers, then its children in registration order), minus the
 * {@code num_batches_tracked} counters that DJL does not keep. The expected keys are generated here
 * from torchvision's module structure, not from the model code.
 */
class TorchvisionNamesTest {

    private static final List<String> BN = List.of("weight", "bias", "running_mean", "running_var");

    @ParameterizedTest(name = "{0}")
    @CsvSource({"resnet-18, 2:2:2:2, false", "resnet-50, 3:4:6:3, true"})
    void namesAreTorchvisionStateDictKeys(String name, String layers, boolean bottleneck) {
        List<String> expected = new ArrayList<>(List.of("conv1.weight"));
        BN.forEach(s -> expected.add("bn1." + s));
        String[] blocks = layers.split(":");
        for (int layer = 1; layer <= 4; layer++) {
            for (int b = 0; b < Integer.parseInt(blocks[layer - 1]); b++) {
                String prefix = "layer" + layer + "." + b + ".";
                for (int c = 1; c <= (bottleneck ? 3 : 2); c++) {
                    expected.add(prefix + "conv" + c + ".weight");
                    int conv = c;
                    BN.forEach(s -> expected.add(prefix + "bn" + conv + "." + s));
                }
                if (b == 0 && (layer > 1 || bottleneck)) {
                    expected.add(prefix + "downsample.0.weight");
                    BN.forEach(s -> expected.add(prefix + "downsample.1." + s));
                }
            }
        }
        expected.add("fc.weight");
        expected.add("fc.bias");

        Block block = ModelCatalog.standard().build(name, Networks.CIFAR, 1000, ModelOptions.DEFAULTS);
        block.setInitializer((m, shape, type) -> m.create(shape, type), p -> true);
        try (NDManager manager = NDManager.newBaseManager()) {
            block.initialize(manager, DataType.FLOAT32, InputShapes.batchOf(1, Networks.CIFAR));
            Map<String, Parameter> named = TorchNames.of(block);
            assertThat(named.keySet()).containsExactlyElementsOf(expected);
            assertThat(named.get("fc.weight").getShape().getShape()).containsExactly(1000, bottleneck ? 2048 : 512);
            if (bottleneck) {
                // 320 keys in torchvision's resnet50().state_dict(), 53 of them num_batches_tracked.
                assertThat(named).hasSize(320 - 53);
                assertThat(named.get("layer2.0.conv2.weight").getShape().getShape())
                        .containsExactly(128, 128, 3, 3);
            }
        }
    }
}
