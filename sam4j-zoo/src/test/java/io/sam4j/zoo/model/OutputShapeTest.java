package io.sam4j.zoo.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every family maps a batch to (batch, classes) finite logits, in both modes. */
class OutputShapeTest {

    static Stream<Arguments> modelsAndInputs() {
        return Stream.of("mlp", "cnn", "resnet-20", "wrn-10-2", "wrn-16-4")
                .flatMap(name -> Stream.of(
                        Arguments.of(name, Networks.FASHION_MNIST, 10), Arguments.of(name, Networks.CIFAR, 100)));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("modelsAndInputs")
    void producesOneLogitPerClass(String name, Shape inputShape, int classes) {
        float dropout = name.startsWith("resnet") ? 0f : 0.3f;
        Block block =
                ModelCatalog.standard().build(name, inputShape, classes, ModelOptions.DEFAULTS.withDropout(dropout));
        try (NDManager manager = NDManager.newBaseManager()) {
            Networks.initialized(block, manager, inputShape);
            NDArray batch = manager.randomNormal(InputShapes.batchOf(3, inputShape));
            for (boolean training : new boolean[] {true, false}) {
                NDArray logits = Networks.forward(block, manager, batch, training);
                assertThat(logits.getShape()).as("training=" + training).isEqualTo(new Shape(3, classes));
                assertThat(logits.isInfinite().any().getBoolean()).isFalse();
                assertThat(logits.isNaN().any().getBoolean()).isFalse();
            }
        }
    }
}
